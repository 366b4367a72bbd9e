import { KubeConfig } from '@kubernetes/client-node';
import { keepConnectionsAlive } from '../kube/keepConnectionsAlive';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterConfig, KaitoConfig } from '../config';
import { KaitoClusterConnector } from '@kaito-backstage/plugin-kaito-node';
import { kubeConfigForCluster, kubeConfigFromYaml } from './kubeConfigForCluster';
import { WorkspaceController, ReconcileFunction } from '../controller/WorkspaceController';
import { CacheEvent } from '../controller/ClusterCache';
import { describeKubeError } from '../kube/errors';
import { ClusterPermissionCheck } from '@kaito-backstage/plugin-kaito-common';
import { AccessReview, checkPermissions, permissionCheckLines, selfSubjectAccessReview } from './checkPermissions';
import { ControllerMetrics } from '../controller/metrics/ControllerMetrics';
import { chooseMode, findKaitoOperators, KaitoOperatorInstallation, ModeDecision } from './detectKaitoOperator';
import { KubernetesPluginClusters } from './kubernetesPlugin/KubernetesPluginClusters';
import { followKubernetesPluginClusters } from './kubernetesPlugin/followKubernetesPluginClusters';

/** One managed cluster and how it is doing. @internal */
export interface ManagedCluster {
  config: ClusterConfig;
  kubeConfig?: KubeConfig;
  controller?: WorkspaceController;
  /** Why the cluster is not usable, if it is not. */
  error?: string;
  /** The start-up permission check, once it has an answer. */
  permissions?: ClusterPermissionCheck;
  /** Resolves once the controller's cache has synced (or the start failed). */
  ready: Promise<void>;
  /** With `mode` unset in config: why the cluster runs in the mode chosen, once chosen. */
  modeReason?: string;
}

/**
 * The mode to report: `detecting` while `mode` is unset and the Kaito operator check has no
 * answer yet, because the configured default (builtin) is not a decision. @internal
 */
export function reportedMode(cluster: ManagedCluster): ClusterConfig['mode'] | 'detecting' {
  return cluster.config.detectMode && !cluster.modeReason ? 'detecting' : cluster.config.mode;
}

/** @internal */
export interface ClusterManagerOptions {
  config: KaitoConfig;
  connectors: Map<string, KaitoClusterConnector>;
  logger: LoggerService;
  reconcile: (cluster: ClusterConfig) => ReconcileFunction;
  onCacheEvent?: (cluster: string, event: CacheEvent) => void;
  /** Reconcile, queue and workspace metrics for every cluster. */
  metrics?: ControllerMetrics;
  /** How to ask a cluster about a permission. @default SelfSubjectAccessReview */
  accessReview?: (kubeConfig: KubeConfig) => AccessReview;
  /** How to look for a Kaito operator when a cluster's mode is unset. @default the workspace webhook configuration Kaito's Helm chart installs */
  findKaitoOperators?: (kubeConfig: KubeConfig) => Promise<KaitoOperatorInstallation[]>;
  /** The clusters of kaito.kubernetesPlugin, reached through the Kubernetes plugin's proxy. */
  kubernetesPlugin?: KubernetesPluginClusters;
}

/**
 * Connects every configured cluster and runs its workspace controller. A
 * cluster that fails to start is reported (and retried) on its own; it never
 * stops the backend or the other clusters.
 *
 * @internal
 */
export class ClusterManager {
  readonly #options: ClusterManagerOptions;
  readonly #clusters = new Map<string, ManagedCluster>();
  readonly #closers: Array<() => Promise<void>> = [];
  #stopped = false;

  constructor(options: ClusterManagerOptions) {
    this.#options = options;
  }

  /** Starts every cluster in the background; returns at once. */
  start(): void {
    for (const config of this.#options.config.clusters) this.add(config);
    const source = this.#options.kubernetesPlugin;
    if (source?.config.enabled && !source.config.clusters) {
      this.#closers.push(
        followKubernetesPluginClusters({
          source,
          managed: () => new Set(this.#clusters.keys()),
          add: config => this.add(config),
          logger: this.#options.logger,
        }),
      );
    }
  }

  /** Starts managing one more cluster in the background (once per name). */
  add(config: ClusterConfig): void {
    if (this.#stopped || this.#clusters.has(config.name)) return;
    const cluster: ManagedCluster = { config, ready: Promise.resolve() };
    cluster.ready = this.#startCluster(cluster, 1000);
    this.#clusters.set(config.name, cluster);
  }

  get(name: string): ManagedCluster | undefined {
    return this.#clusters.get(name);
  }

  list(): ManagedCluster[] {
    return [...this.#clusters.values()];
  }

  /** Resolves when every cluster has either synced or failed once. */
  async whenReady(): Promise<void> {
    await Promise.all(this.list().map(c => c.ready));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.list().map(c => c.controller?.stop()));
    await Promise.all(this.#closers.map(close => close()));
    await this.#options.kubernetesPlugin?.close();
  }

  async #startCluster(cluster: ManagedCluster, retryMs: number): Promise<void> {
    const { config } = cluster;
    const logger = this.#options.logger.child({ cluster: config.name });
    try {
      cluster.kubeConfig ??= keepConnectionsAlive(await this.#connect(config));
      // Undecided (the cluster cannot be asked): nothing starts, so nothing is reconciled.
      if (config.detectMode && !cluster.modeReason) await this.#decideMode(cluster, cluster.kubeConfig, logger);
      if (!cluster.permissions) await this.#checkPermissions(cluster, cluster.kubeConfig, logger);
      const controller = new WorkspaceController({
        cluster: config,
        kubeConfig: cluster.kubeConfig,
        config: this.#options.config.controller,
        logger,
        reconcile: this.#options.reconcile(config),
        onCacheEvent: event => this.#options.onCacheEvent?.(config.name, event),
        metrics: this.#options.metrics,
      });
      cluster.controller = controller;
      await controller.start();
      cluster.error = undefined;
    } catch (error) {
      cluster.error = describeKubeError(error);
      await cluster.controller?.stop().catch(() => {});
      cluster.controller = undefined;
      logger.error(`Cluster '${config.name}' is not available: ${cluster.error}; retrying in ${Math.round(retryMs / 1000)} s`);
      if (!this.#stopped) {
        const next = Math.min(retryMs * 2, 60_000);
        setTimeout(() => {
          if (!this.#stopped) cluster.ready = this.#startCluster(cluster, next);
        }, retryMs).unref?.();
      }
    }
  }

  /**
   * Asks the cluster about every permission its mode needs and logs the
   * answer once; an unreachable server is asked again on the next attempt
   * (the controller's start reports that failure itself).
   */
  async #checkPermissions(cluster: ManagedCluster, kubeConfig: KubeConfig, logger: LoggerService): Promise<void> {
    const { config } = cluster;
    const election = this.#options.config.controller.leaderElection;
    const { retryable, ...check } = await checkPermissions({
      context: { mode: config.mode, provisioner: config.provisioner, installCrds: config.installCrds, leaderElection: election.enabled },
      leaseNamespace: election.namespace,
      review: (this.#options.accessReview ?? selfSubjectAccessReview)(kubeConfig),
    });
    if (retryable) return;
    cluster.permissions = check;
    for (const line of permissionCheckLines(config.name, config.mode, check)) logger[line.level](line.message);
  }

  /**
   * `mode` unset: a Kaito operator in the cluster means observe, none means builtin;
   * the choice and its reason are logged once. A cluster that cannot be asked throws,
   * and is asked again on the next attempt.
   */
  async #decideMode(cluster: ManagedCluster, kubeConfig: KubeConfig, logger: LoggerService): Promise<void> {
    const { config } = cluster;
    let decision: ModeDecision;
    try {
      decision = chooseMode(await (this.#options.findKaitoOperators ?? findKaitoOperators)(kubeConfig));
    } catch (error) {
      throw new Error(
        `cannot choose its mode (kaito.clusters[].mode is unset, so the portal looks for a Kaito operator first): ${describeKubeError(error, 'list validatingwebhookconfigurations.admissionregistration.k8s.io')}. Set mode: observe where a Kaito operator runs, or mode: builtin, to skip the check`,
      );
    }
    config.mode = decision.mode;
    cluster.modeReason = decision.reason;
    logger.info(`Cluster '${config.name}' runs in ${decision.mode} mode (kaito.clusters[].mode is unset): ${decision.reason}`);
  }

  async #connect(config: ClusterConfig): Promise<KubeConfig> {
    if (config.type === 'config') return kubeConfigForCluster(config);
    if (config.type === 'kubernetesPlugin') {
      if (!this.#options.kubernetesPlugin) throw new Error('the backend was started without a Kubernetes plugin client');
      return this.#options.kubernetesPlugin.connect(config);
    }
    const connector = this.#options.connectors.get(config.type);
    if (!connector) {
      throw new Error(
        `no connector for cluster type '${config.type}'. For a simulated cluster add the module @kaito-backstage/plugin-kaito-backend-module-cluster-simulator to the backend, or give the cluster a real API server (type: config)`,
      );
    }
    const { kubeconfig, close } = await connector.connect({
      name: config.name,
      options: { ...config.simulator },
      namespaces: this.#options.config.controller.leaderElection.enabled
        ? [this.#options.config.controller.leaderElection.namespace]
        : [],
    });
    if (close) this.#closers.push(close);
    return kubeConfigFromYaml(kubeconfig);
  }
}
