import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterConfig } from '../../config';
import { authProviderRefusal } from './authProviders';
import { KubernetesPluginConfig, KUBERNETES_PLUGIN_KEY, kubernetesPluginCluster } from './config';
import { KubernetesPluginClient, KubernetesPluginClusterSummary } from './KubernetesPluginClient';

/** What listing the Kubernetes plugin's clusters gave: those to manage, and those left out with why. @internal */
export interface DiscoveredClusters {
  clusters: ClusterConfig[];
  skipped: Array<{ name: string; reason: string }>;
}

/**
 * The clusters of `kaito.kubernetesPlugin`: connects the ones it names, and
 * in all-clusters mode turns the Kubernetes plugin's list into managed
 * clusters with the configured defaults.
 *
 * @internal
 */
export class KubernetesPluginClusters {
  readonly #client: KubernetesPluginClient;
  readonly #config: KubernetesPluginConfig;
  readonly #backendStarted: Promise<void>;
  readonly #relays: Array<() => Promise<void>> = [];

  /**
   * `backendStarted` resolves once every plugin of the backend has started:
   * the Kubernetes plugin's routes answer only from then on (a 404 before
   * would read as "not installed").
   */
  constructor(client: KubernetesPluginClient, config: KubernetesPluginConfig, backendStarted: Promise<void> = Promise.resolve()) {
    this.#client = client;
    this.#config = config;
    this.#backendStarted = backendStarted;
  }

  get config(): KubernetesPluginConfig {
    return this.#config;
  }

  /**
   * A client configuration for one of the Kubernetes plugin's clusters, once
   * that plugin lists it with a usable auth provider and its proxy lets the
   * kaito plugin through; otherwise an error naming the fix.
   */
  async connect(cluster: ClusterConfig): Promise<KubeConfig> {
    await this.#backendStarted;
    const listed = await this.#client.listClusters();
    const found = listed.find(c => c.name === cluster.name);
    if (!found) {
      throw new Error(
        `The Kubernetes plugin has no cluster '${cluster.name}'; it lists: ${listed.map(c => c.name).join(', ') || 'none'}. Fix: correct the name in ${KUBERNETES_PLUGIN_KEY}.clusters, or add the cluster to kubernetes.clusterLocatorMethods`,
      );
    }
    const refusal = authProviderRefusal(found.name, found.authProvider, this.#config.serverSideAuthProviders);
    if (refusal) throw new Error(refusal);
    await this.#client.probeProxy(cluster.name);
    const { kubeConfig, close } = await this.#client.kubeConfigFor(cluster.name);
    this.#relays.push(close);
    return kubeConfig;
  }

  /** Closes the relays of the connected clusters (at shutdown, after their controllers stopped). */
  async close(): Promise<void> {
    await Promise.all(this.#relays.splice(0).map(close => close()));
  }

  /**
   * Every cluster the Kubernetes plugin lists that is not already taken,
   * with the defaults; names that cannot be workspace keys and auth
   * providers the controller cannot use are left out, with the reason.
   */
  async discover(taken: ReadonlySet<string>): Promise<DiscoveredClusters> {
    await this.#backendStarted;
    const result: DiscoveredClusters = { clusters: [], skipped: [] };
    for (const listed of await this.#client.listClusters()) {
      if (taken.has(listed.name)) continue;
      const reason = this.#unusable(listed);
      if (reason) {
        result.skipped.push({ name: listed.name, reason });
        continue;
      }
      try {
        result.clusters.push(kubernetesPluginCluster(listed.name, this.#config.defaults, KUBERNETES_PLUGIN_KEY, listed.title));
      } catch (error) {
        result.skipped.push({ name: listed.name, reason: (error as Error).message });
      }
    }
    return result;
  }

  #unusable(listed: KubernetesPluginClusterSummary): string | undefined {
    return authProviderRefusal(listed.name, listed.authProvider, this.#config.serverSideAuthProviders);
  }
}
