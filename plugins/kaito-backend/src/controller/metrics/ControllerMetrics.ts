import type {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceHistogram,
} from '@backstage/backend-plugin-api/alpha';

/** What the metrics read from one cluster's controller. @internal */
export interface ObservedController {
  cluster: string;
  /** Keys waiting or delayed in the work queue. */
  queueDepth(): number;
  /** Workspaces in the cache, by `status.state` (`Unknown` before the first status). */
  workspacesByState(): Record<string, number>;
  /** Write requests so far, by kind of write. */
  writes(): Record<string, number>;
}

/** How one reconcile ended. @internal */
export type ReconcileOutcome = 'success' | 'requeue' | 'error';

/**
 * The controller's OpenTelemetry instruments, made once per plugin through
 * Backstage's metrics service and shared by every cluster's controller (each
 * measurement carries the cluster as an attribute):
 *
 * - `kaito.controller.reconciles` (counter; `cluster`, `outcome`)
 * - `kaito.controller.reconcile.errors` (counter; `cluster`)
 * - `kaito.controller.reconcile.duration` (histogram, seconds; `cluster`, `outcome`)
 * - `kaito.controller.queue.depth` (observable gauge; `cluster`)
 * - `kaito.workspaces` (observable gauge; `cluster`, `state`)
 * - `kaito.controller.writes` (observable counter; `cluster`, `verb`)
 *
 * @internal
 */
export class ControllerMetrics {
  readonly #reconciles: MetricsServiceCounter;
  readonly #errors: MetricsServiceCounter;
  readonly #duration: MetricsServiceHistogram;
  readonly #controllers = new Set<ObservedController>();

  constructor(metrics: MetricsService) {
    this.#reconciles = metrics.createCounter('kaito.controller.reconciles', {
      description: 'Workspace reconciles, by cluster and outcome',
    });
    this.#errors = metrics.createCounter('kaito.controller.reconcile.errors', {
      description: 'Workspace reconciles that failed and will be retried',
    });
    this.#duration = metrics.createHistogram('kaito.controller.reconcile.duration', {
      description: 'Time one workspace reconcile took',
      unit: 's',
    });
    metrics
      .createObservableGauge('kaito.controller.queue.depth', {
        description: 'Workspace keys waiting in the work queue, including delayed retries',
      })
      .addCallback(result => {
        for (const c of this.#controllers) result.observe(c.queueDepth(), { cluster: c.cluster });
      });
    metrics
      .createObservableGauge('kaito.workspaces', { description: 'Workspaces by state' })
      .addCallback(result => {
        for (const c of this.#controllers) {
          for (const [state, count] of Object.entries(c.workspacesByState())) {
            result.observe(count, { cluster: c.cluster, state });
          }
        }
      });
    metrics
      .createObservableCounter('kaito.controller.writes', {
        description: 'Write requests the controller sent to the API server, by kind of write',
      })
      .addCallback(result => {
        for (const c of this.#controllers) {
          for (const [verb, count] of Object.entries(c.writes())) result.observe(count, { cluster: c.cluster, verb });
        }
      });
  }

  /** Starts observing a controller; returns the function that stops it. */
  observe(controller: ObservedController): () => void {
    this.#controllers.add(controller);
    return () => {
      this.#controllers.delete(controller);
    };
  }

  /** Records one finished reconcile. */
  recordReconcile(cluster: string, outcome: ReconcileOutcome, seconds: number): void {
    this.#reconciles.add(1, { cluster, outcome });
    if (outcome === 'error') this.#errors.add(1, { cluster });
    this.#duration.record(seconds, { cluster, outcome });
  }
}
