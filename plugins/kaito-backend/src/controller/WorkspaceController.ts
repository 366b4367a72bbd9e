import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  ApiextensionsV1Api,
  KubeConfig,
  KubernetesObject,
  V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { KaitoLabels, sanitizeMatchLabels, workspaceCrd } from '@kaito-backstage/plugin-kaito-common';
import { ClusterConfig, KaitoConfig } from '../config';
import { ClusterCache, CacheEvent } from './ClusterCache';
import { KubeWriter, apiErrorCode } from './KubeWriter';
import { describeKubeError } from '../kube/errors';
import { describeKaitoOperator, findKaitoOperators } from '../cluster/detectKaitoOperator';
import { LeaderElector } from './LeaderElector';
import { WATCHED_KINDS, WatchedKind, isRequiredKind, kindsToWatch } from './watchedKinds';
import { WorkQueue, ProcessResult } from './workQueue';
import { WorkspaceEventRecorder } from './events/WorkspaceEventRecorder';
import { ControllerMetrics } from './metrics/ControllerMetrics';

/** What a reconcile needs; handed to the reconcile function. @internal */
export interface ReconcileContext {
  cluster: ClusterConfig;
  cache: ClusterCache;
  writer: KubeWriter;
  /** Records Events on workspaces (deduplicated per workspace). */
  events: WorkspaceEventRecorder;
  /** Carries the workspace key on every line. */
  logger: LoggerService;
  /** Queues a workspace key now (e.g. when a background lookup it waits for settles). */
  enqueue: (key: string) => void;
}

/** Reconciles one key `namespace/name`. @internal */
export type ReconcileKeyFunction = (key: string, context: ReconcileContext) => Promise<ProcessResult | void>;

/**
 * Reconciles one workspace key `namespace/name`; `inferenceSets`, when set, reconciles
 * InferenceSet keys on a queue of their own (builtin mode).
 *
 * @internal
 */
export type ReconcileFunction = ReconcileKeyFunction & { inferenceSets?: ReconcileKeyFunction };

/** @internal */
export interface WorkspaceControllerOptions {
  cluster: ClusterConfig;
  kubeConfig: KubeConfig;
  config: KaitoConfig['controller'];
  logger: LoggerService;
  reconcile: ReconcileFunction;
  /** Notified of every cache event (the REST API's live stream listens here). */
  onCacheEvent?: (event: CacheEvent) => void;
  /** Reconcile, queue and workspace metrics, shared by every cluster's controller. */
  metrics?: ControllerMetrics;
}

const WORKSPACE_CRD = 'workspaces.kaito.sh';
/** How long a graceful stop waits for the reconciles under way and their Events. */
const GRACEFUL_STOP_MS = 5_000;
/** A missing CRD the cluster's provisioning needs is looked for every minute; others every 10. */
const REQUIRED_RECHECK_MS = 60_000;
const OPTIONAL_RECHECK_MS = 600_000;

const crdOf = (kind: WatchedKind): string => {
  const spec = WATCHED_KINDS[kind];
  return 'crd' in spec ? spec.crd : `${kind} (${spec.apiVersion})`;
};

/**
 * Runs the workspace controller for one cluster: checks that the Workspace
 * CRD is served, refuses to reconcile next to a real Kaito operator, elects
 * a leader through a Lease, keeps an informer cache, and feeds workspace keys
 * to a bounded work queue. In `observe` mode it only keeps the cache.
 *
 * @internal
 */
export class WorkspaceController {
  readonly #options: WorkspaceControllerOptions;
  readonly #logger: LoggerService;
  readonly cache: ClusterCache;
  readonly writer: KubeWriter;
  readonly queue: WorkQueue;
  /** InferenceSet keys, when the reconcile function handles them. */
  readonly setQueue?: WorkQueue;
  readonly events: WorkspaceEventRecorder;
  #elector?: LeaderElector;
  #stopObserving?: () => void;
  /** Bring-your-own node name → workspaces whose selector it matched last time. */
  readonly #byoMatches = new Map<string, Set<string>>();
  #reconciling = false;
  #started = false;

  constructor(options: WorkspaceControllerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ cluster: options.cluster.name });
    this.writer = new KubeWriter(options.kubeConfig);
    this.events = new WorkspaceEventRecorder({
      writer: this.writer,
      instance: `${hostname()}-${process.pid}`,
    });
    this.cache = new ClusterCache({
      kubeConfig: options.kubeConfig,
      onEvent: event => this.#onCacheEvent(event),
      onError: (kind, error, restartInMs) =>
        this.#logger.warn(`${describeKubeError(error, `watch ${kind}`)}; restarting the watch in ${restartInMs} ms`),
      onKindMissing: kind => this.#reportMissingKind(kind),
      onKindServed: kind =>
        this.#logger.info(`CRD ${crdOf(kind)} is installed now: watching ${kind}`),
      recheckMissingKindMs: kind =>
        isRequiredKind(kind, this.#options.cluster) ? REQUIRED_RECHECK_MS : OPTIONAL_RECHECK_MS,
    });
    this.queue = new WorkQueue({
      concurrency: options.config.workers,
      process: key => this.#reconcileKey(key),
      onError: (key, error, retryInMs) =>
        this.#logger.warn(
          `Reconcile failed: ${describeKubeError(error)}; retrying in ${retryInMs} ms`,
          { workspace: `${options.cluster.name}/${key}` },
        ),
    });
    const reconcileSet = options.reconcile.inferenceSets;
    if (reconcileSet) {
      this.setQueue = new WorkQueue({
        concurrency: options.config.workers,
        process: key => (this.#reconciling ? reconcileSet(key, this.#reconcileContext('inferenceSet', key)) : Promise.resolve()),
        onError: (key, error, retryInMs) =>
          this.#logger.warn(`Reconcile failed: ${describeKubeError(error)}; retrying in ${retryInMs} ms`, {
            inferenceSet: `${options.cluster.name}/${key}`,
          }),
      });
    }
  }

  #reconcileContext(kind: string, key: string): ReconcileContext {
    const { cluster } = this.#options;
    return {
      cluster,
      cache: this.cache,
      writer: this.writer,
      events: this.events,
      logger: this.#logger.child({ [kind]: `${cluster.name}/${key}` }),
      enqueue: k => this.queue.add(k),
    };
  }

  /** Whether this replica currently reconciles (leader in builtin mode). */
  get isReconciling(): boolean {
    return this.#reconciling;
  }

  async start(): Promise<void> {
    const { cluster, kubeConfig, config } = this.#options;
    await this.#checkWorkspaceCrd();
    if (cluster.mode === 'builtin') await this.#refuseBesideKaitoOperator();
    await this.cache.start(kindsToWatch(cluster));
    this.#started = true;
    this.#stopObserving = this.#options.metrics?.observe({
      cluster: cluster.name,
      queueDepth: () => this.queue.depth,
      workspacesByState: () => this.#workspacesByState(),
      writes: () => ({ ...this.writer.counts }),
    });
    this.#logger.info(`Watching workspaces (${cluster.mode} mode)`);
    if (cluster.mode !== 'builtin') return;

    if (!config.leaderElection.enabled) {
      this.#startReconciling();
      return;
    }
    const election = config.leaderElection;
    this.#elector = new LeaderElector({
      kubeConfig,
      namespace: election.namespace,
      leaseName: election.leaseName,
      identity: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      leaseDurationSeconds: election.leaseDurationSeconds,
      renewDeadlineSeconds: election.renewDeadlineSeconds,
      onStartedLeading: () => {
        this.#logger.info('Became the leader: reconciling workspaces');
        this.#startReconciling();
      },
      onStoppedLeading: () => {
        this.#logger.warn('Lost the leader lease: no longer reconciling');
        this.#reconciling = false;
      },
      onError: error =>
        this.#logger.warn(
          `Leader election: ${describeKubeError(error, `write Lease ${election.namespace}/${election.leaseName}`)}`,
        ),
    });
    this.#elector.start();
  }

  /**
   * Stops reconciling and watching. With `graceful: false` it stops as a
   * crashed process would: reconciles under way are cut at their next write
   * and a leader keeps its lease until it expires.
   */
  async stop(options: { graceful?: boolean } = {}): Promise<void> {
    const graceful = options.graceful !== false;
    if (!graceful) this.writer.halt();
    this.#stopObserving?.();
    this.#reconciling = false;
    this.queue.stop();
    this.setQueue?.stop();
    if (graceful) await this.#finishWorkUnderWay();
    await this.#elector?.stop({ release: graceful });
    if (this.#started) await this.cache.stop();
  }

  /**
   * A graceful stop lets the reconciles under way end and the Events they
   * posted be written, before the lease goes to the next leader (which would
   * otherwise reconcile the same keys beside them), for at most
   * {@link GRACEFUL_STOP_MS}.
   */
  async #finishWorkUnderWay(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outOfTime = new Promise<'late'>(resolve => {
      timer = setTimeout(() => resolve('late'), GRACEFUL_STOP_MS);
    });
    const finished = Promise.all([this.queue.whenIdle(), this.setQueue?.whenIdle()])
      .then(() => this.events.drain())
      .then(() => 'done' as const);
    const outcome = await Promise.race([finished, outOfTime]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.#logger.warn(
        `Stopping without waiting any longer: reconciles or Events still under way after ${GRACEFUL_STOP_MS / 1000} s; the next leader reconciles them again`,
      );
    }
  }

  /** One line per missing kind: which CRD, what it disables, and what happens next. */
  #reportMissingKind(kind: WatchedKind): void {
    const { cluster } = this.#options;
    const crd = crdOf(kind);
    if (isRequiredKind(kind, cluster)) {
      this.#logger.error(
        `CRD ${crd} is not installed: ${kind}s are not watched, so workspaces get no nodes (provisioner: ${cluster.provisioner}). Install it (Kaito's ${cluster.provisioner === 'karpenter' ? 'Karpenter' : 'gpu-provisioner'} chart, or plugins/kaito-backend/manifests/crds.yaml); checking again every minute`,
      );
    } else {
      this.#logger.warn(
        `CRD ${crd} is not installed: ${kind}s are not watched or shown (provisioner: ${cluster.provisioner}, ${cluster.mode} mode); checking again every 10 minutes`,
      );
    }
  }

  #startReconciling(): void {
    this.#reconciling = true;
    this.#enqueueAll();
  }

  async #reconcileKey(key: string): Promise<ProcessResult | void> {
    if (!this.#reconciling) return undefined;
    const { cluster, metrics } = this.#options;
    const started = performance.now();
    let outcome: 'success' | 'requeue' | 'error' = 'error';
    try {
      const result = await this.#options.reconcile(key, {
        cluster,
        cache: this.cache,
        writer: this.writer,
        events: this.events,
        logger: this.#logger.child({ workspace: `${cluster.name}/${key}` }),
        enqueue: k => this.queue.add(k),
      });
      outcome = result?.requeueAfterMs !== undefined ? 'requeue' : 'success';
      return result;
    } finally {
      metrics?.recordReconcile(cluster.name, outcome, (performance.now() - started) / 1000);
    }
  }

  #workspacesByState(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const ws of this.cache.list<KubernetesObject & { status?: { state?: string } }>('Workspace')) {
      const state = ws.status?.state ?? 'Unknown';
      counts[state] = (counts[state] ?? 0) + 1;
    }
    return counts;
  }

  #enqueueAll(): void {
    for (const workspace of this.cache.list('Workspace')) {
      this.queue.add(`${workspace.metadata!.namespace}/${workspace.metadata!.name}`);
    }
    if (this.setQueue) for (const set of this.cache.list('InferenceSet')) this.setQueue.add(`${set.metadata!.namespace}/${set.metadata!.name}`);
  }

  /** An InferenceSet changed, or a Workspace one made: its set's key. */
  #inferenceSetOf(event: CacheEvent): string | undefined {
    const { metadata } = event.object;
    if (event.kind === 'InferenceSet') return `${metadata!.namespace}/${metadata!.name}`;
    const set = event.kind === 'Workspace' ? metadata?.labels?.[KaitoLabels.inferenceSetCreatedBy] : undefined;
    return set ? `${metadata!.namespace}/${set}` : undefined;
  }

  #onCacheEvent(event: CacheEvent): void {
    this.#options.onCacheEvent?.(event);
    // Events are shown, not reconciled: the controller records many of them itself.
    if (!this.#reconciling || event.kind === 'Event') return;
    const set = this.setQueue && this.#inferenceSetOf(event);
    if (set) this.setQueue!.add(set);
    if (event.kind === 'InferenceSet') return;
    if (event.workspace) {
      this.queue.add(event.workspace);
    } else if (event.kind === 'Node') {
      // A node without Kaito labels may be a bring-your-own node: wake the
      // workspaces whose selector it matches now or matched before.
      const name = event.object.metadata!.name!;
      const matching = event.type === 'delete' ? new Set<string>() : this.#byoWorkspacesOf(event.object);
      for (const key of new Set([...(this.#byoMatches.get(name) ?? []), ...matching])) this.queue.add(key);
      if (matching.size > 0) this.#byoMatches.set(name, matching);
      else this.#byoMatches.delete(name);
    }
  }

  #byoWorkspacesOf(node: KubernetesObject): Set<string> {
    const labels = node.metadata?.labels ?? {};
    const keys = new Set<string>();
    for (const ws of this.cache.list<KubernetesObject & { resource?: { labelSelector?: { matchLabels?: Record<string, string> } } }>('Workspace')) {
      const wanted = sanitizeMatchLabels(ws.resource?.labelSelector?.matchLabels);
      const entries = Object.entries(wanted);
      if (entries.length > 0 && entries.every(([k, v]) => labels[k] === v)) {
        keys.add(`${ws.metadata!.namespace}/${ws.metadata!.name}`);
      }
    }
    return keys;
  }

  async #checkWorkspaceCrd(): Promise<void> {
    const { cluster, kubeConfig } = this.#options;
    const api = kubeConfig.makeApiClient(ApiextensionsV1Api);
    try {
      await api.readCustomResourceDefinition({ name: WORKSPACE_CRD });
    } catch (error) {
      if (apiErrorCode(error) !== 404) throw error;
      if (!cluster.installCrds) {
        throw new Error(
          `Cluster '${cluster.name}' has no ${WORKSPACE_CRD} CRD. Install Kaito, apply plugins/kaito-backend/manifests/crds.yaml, or set kaito.clusters[].installCrds: true to let the portal install it.`,
        );
      }
      await api.createCustomResourceDefinition({ body: workspaceCrd as unknown as V1CustomResourceDefinition });
      this.#logger.info(`Installed the ${WORKSPACE_CRD} CRD`);
    }
  }

  /**
   * Builtin mode beside an installed Kaito operator would have two controllers fight over every
   * workspace, so it does not start: an error the cluster's status shows, never a silent switch.
   * Only Kaito's cluster-scoped webhook configuration counts (a tenant cannot create one); a
   * server that refuses the read (403) leaves the permission check to report it.
   */
  async #refuseBesideKaitoOperator(): Promise<void> {
    const { cluster, kubeConfig } = this.#options;
    let operators;
    try {
      operators = await findKaitoOperators(kubeConfig);
    } catch (error) {
      if (apiErrorCode(error) === 403) {
        this.#logger.warn(`Cannot check for an installed Kaito operator in cluster '${cluster.name}': ${describeKubeError(error, 'list validatingwebhookconfigurations.admissionregistration.k8s.io')}`);
        return;
      }
      throw error;
    }
    if (!operators.length) return;
    throw new Error(
      `Kaito's operator is installed in cluster '${cluster.name}' (${describeKaitoOperator(operators[0])}), and kaito.clusters[].mode is builtin: two controllers would fight over every workspace, so this portal does not reconcile there. Set mode: observe for this cluster (or leave mode unset) to use the installed operator, or uninstall Kaito's Helm release to use builtin mode`,
    );
  }
}
