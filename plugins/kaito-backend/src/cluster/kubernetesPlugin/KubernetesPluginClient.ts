import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { kubernetesClustersReadPermission, kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { KubeConfig } from '@kubernetes/client-node';
import { backstageErrorOf } from './errors';
import { startProxyRelay } from './ProxyRelay';

/**
 * The header that picks the cluster of a Kubernetes plugin proxy request
 * (plugin-kubernetes-backend's `HEADER_KUBERNETES_CLUSTER`, which only the
 * backend package exports; a test keeps the two equal).
 *
 * @internal
 */
export const KUBERNETES_CLUSTER_HEADER = 'Backstage-Kubernetes-Cluster';

/** One cluster as the Kubernetes plugin's `GET /clusters` lists it. @internal */
export interface KubernetesPluginClusterSummary {
  name: string;
  title?: string;
  authProvider?: string;
}

/**
 * Talks to `@backstage/plugin-kubernetes-backend` as a plugin of the same
 * portal: lists its clusters, and builds client configurations whose
 * requests go through its `/proxy`, where it attaches the cluster's
 * credential from its own config. Why the proxy, not the same config read
 * twice: it serves every cluster locator (config, catalog, GKE, a module's
 * supplier) and every server-side auth strategy, including ones modules
 * add, with none of that logic copied here.
 *
 * @internal
 */
export class KubernetesPluginClient {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;
  readonly #pluginId: string;

  constructor(options: { auth: AuthService; discovery: DiscoveryService; pluginId?: string }) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
    this.#pluginId = options.pluginId ?? 'kubernetes';
  }

  /** A fresh plugin-to-plugin token of the kaito plugin's own service principal. */
  async #token(): Promise<string> {
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: this.#pluginId,
    });
    return token;
  }

  async #baseUrl(): Promise<string> {
    return (await this.#discovery.getBaseUrl(this.#pluginId)).replace(/\/$/, '');
  }

  /** The clusters the Kubernetes plugin serves, or an error that says what to fix. */
  async listClusters(): Promise<KubernetesPluginClusterSummary[]> {
    const url = `${await this.#baseUrl()}/clusters`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${await this.#token()}` } });
    } catch (error) {
      throw new Error(
        `Could not reach the Kubernetes plugin at ${url}: ${(error as Error).message}. Fix: install @backstage/plugin-kubernetes-backend in this backend (or point discovery at it), or set kaito.kubernetesPlugin.enabled: false and list clusters under kaito.clusters`,
      );
    }
    const body = await response.json().catch(() => undefined);
    if (response.status === 404) {
      throw new Error(
        `The Kubernetes plugin is not installed: GET ${url} answered 404. Fix: add @backstage/plugin-kubernetes-backend to the backend (backend.add(import('@backstage/plugin-kubernetes-backend'))), or set kaito.kubernetesPlugin.enabled: false and list clusters under kaito.clusters`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error(
        `The Kubernetes plugin refused to list its clusters to the kaito plugin (${response.status}: ${backstageErrorOf(body)?.message ?? response.statusText}). Fix: allow the permission '${kubernetesClustersReadPermission.name}' (and '${kubernetesProxyPermission.name}') to the service principal plugin:kaito`,
      );
    }
    if (!response.ok) {
      throw new Error(`The Kubernetes plugin could not list its clusters (GET ${url}: ${response.status} ${backstageErrorOf(body)?.message ?? response.statusText})`);
    }
    const items = (body as { items?: unknown })?.items;
    if (!Array.isArray(items)) throw new Error(`The Kubernetes plugin's GET ${url} answered without an items list`);
    return items.map(item => ({
      name: String(item.name),
      ...(typeof item.title === 'string' ? { title: item.title } : {}),
      ...(typeof item.authProvider === 'string' ? { authProvider: item.authProvider } : {}),
    }));
  }

  /**
   * Asks the cluster's `/version` (public on every API server) through the
   * proxy, so a refused `kubernetes.proxy` permission or a failing auth
   * strategy shows at connect time, in words.
   */
  async probeProxy(cluster: string): Promise<void> {
    const url = `${await this.#baseUrl()}/proxy/version`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${await this.#token()}`, [KUBERNETES_CLUSTER_HEADER]: cluster },
    });
    const body = await response.json().catch(() => undefined);
    const refusal = backstageErrorOf(body);
    if (response.status === 403 && refusal) {
      throw new Error(
        `The Kubernetes plugin refused its proxy to the kaito plugin for cluster '${cluster}' (403 ${refusal.name}: ${refusal.message}). Fix: allow the permission '${kubernetesProxyPermission.name}' to the service principal plugin:kaito`,
      );
    }
    if (!response.ok && refusal) {
      throw new Error(
        `The Kubernetes plugin's proxy failed for cluster '${cluster}' (${response.status} ${refusal.name}: ${refusal.message}). Fix: check that cluster's entry under kubernetes.clusterLocatorMethods and the Kubernetes plugin's log`,
      );
    }
  }

  /**
   * A client configuration for one of the Kubernetes plugin's clusters: the
   * server is a loopback relay to that plugin's `/proxy` (see
   * {@link startProxyRelay} for why), and every request (lists, watches,
   * writes, the service proxy) leaves it with a fresh plugin token and the
   * cluster's name. The Kubernetes plugin replaces the token with the
   * cluster's own credential before the request leaves the portal.
   */
  async kubeConfigFor(cluster: string): Promise<{ kubeConfig: KubeConfig; close: () => Promise<void> }> {
    const relay = await startProxyRelay({
      upstream: async () => `${await this.#baseUrl()}/proxy`,
      upstreamHeaders: async () => ({ Authorization: `Bearer ${await this.#token()}`, [KUBERNETES_CLUSTER_HEADER]: cluster }),
    });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      // client-node refuses an http: server unless told to "skip TLS"; the relay is plain HTTP on loopback.
      clusters: [{ name: cluster, server: relay.url, skipTLSVerify: true }],
      users: [{ name: 'kaito-plugin', token: relay.token }],
      contexts: [{ name: cluster, cluster, user: 'kaito-plugin' }],
      currentContext: cluster,
    });
    return { kubeConfig, close: relay.close };
  }
}
