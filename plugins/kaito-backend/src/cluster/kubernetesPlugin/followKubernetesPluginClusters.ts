import { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterConfig } from '../../config';
import { KubernetesPluginClusters } from './KubernetesPluginClusters';

/** Options of {@link followKubernetesPluginClusters}. @internal */
export interface FollowOptions {
  source: KubernetesPluginClusters;
  /** The names already managed (kaito.clusters entries win over the Kubernetes plugin's). */
  managed: () => ReadonlySet<string>;
  /** Starts managing a cluster. */
  add: (cluster: ClusterConfig) => void;
  logger: LoggerService;
  /** First retry after a failed listing; doubles up to a minute. @default 1000 */
  retryMs?: number;
}

/**
 * All-clusters mode: lists the Kubernetes plugin's clusters now and every
 * `refreshIntervalSeconds`, and manages each new one. A failed listing (the
 * plugin not installed or not yet up, a refused permission) is logged with
 * its fix and retried sooner. Returns the function that stops following.
 *
 * @internal
 */
export function followKubernetesPluginClusters(options: FollowOptions): () => Promise<void> {
  const { source, logger } = options;
  const firstRetryMs = options.retryMs ?? 1000;
  const reported = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function round(retryMs: number): Promise<void> {
    try {
      const { clusters, skipped } = await source.discover(options.managed());
      for (const cluster of clusters) {
        logger.info(`Taking cluster '${cluster.name}' from the Kubernetes plugin`);
        options.add(cluster);
      }
      for (const { name, reason } of skipped) {
        // Each left-out cluster once, not on every refresh.
        if (reported.has(name)) continue;
        reported.add(name);
        logger.warn(`Not taking cluster '${name}' from the Kubernetes plugin: ${reason}`);
      }
      schedule(source.config.refreshIntervalMs, firstRetryMs);
    } catch (error) {
      logger.error(`${(error as Error).message}; retrying in ${Math.round(retryMs / 1000)} s`);
      schedule(retryMs, Math.min(retryMs * 2, 60_000));
    }
  }

  function schedule(ms: number, retryMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => void round(retryMs), ms);
    timer.unref?.();
  }

  void round(firstRetryMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
  };
}
