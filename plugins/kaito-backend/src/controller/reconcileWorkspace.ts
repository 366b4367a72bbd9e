import { describeKubeError } from '../kube/errors';
import { KubernetesObject, V1ConfigMap, V1Node, V1StatefulSet, V1Job, V1Pod } from '@kubernetes/client-node';
import {
  BENCHMARK_LOG_TAIL_LINES,
  ConditionTypes,
  INFERENCE_CONFIG_KEY,
  parseBenchmarkLog,
  workspaceRuntime,
  TUNING_CONFIG_KEY,
  ConditionReasons,
  KaitoAnnotations,
  BenchmarkRuntimeKeys,
  KaitoLabels,
  LOCAL_NVME_STORAGE_CLASS,
  MODEL_WEIGHTS_VOLUME,
  NodeClaim,
  WORKSPACE_FINALIZER,
  Workspace,
  WorkspaceStatus,
  inferenceGpuResourceName,
  sanitizeMatchLabels,
} from '@kaito-backstage/plugin-kaito-common';
import { isDeepStrictEqual } from 'node:util';
import { statefulSetUpdate } from './statefulSetUpdate';
import { ProcessResult } from './workQueue';
import { ReconcileContext } from './WorkspaceController';
import { computeWorkspaceStatus, WorkspaceObservation } from './status/computeWorkspaceStatus';
import { DesiredState } from './desiredState';
import { EventReasons } from './events/eventReasons';
import { transitionEvents } from './events/transitionEvents';
import { IMAGES_ANNOTATION, ImageCheck } from './images/WorkspaceImages';
import { OwnerQuotaAdmission } from './ownerQuotaGate';
import { ForeignObjectError, isControlledBy } from './ownership';

/** What the reconciler of one cluster remembers between passes. @internal */
export interface ReconcileMemory {
  /** NodeClaims created but not yet seen in the cache, per workspace key. */
  pendingNodeClaims: Map<string, Set<string>>;
  /** The workspace resourceVersion the last write to it was based on, per key. */
  writtenFrom: Map<string, string>;
  /** When a status change not yet written, one that keeps the state, was first seen (ms since the epoch), per key. */
  progressSeenAt: Map<string, number>;
  /**
   * Children created but not yet seen in the cache, per workspace key: `<kind>/<namespace>/<name>`
   * → when (ms since the epoch). A pass before their watch events arrive does not create them
   * again (a 409 and a read each), as client-go's controller expectations.
   */
  createdChildren: Map<string, Map<string, number>>;
}

/**
 * How long a created child is waited for in the cache before it is created again: its watch event
 * is usually there within milliseconds; if it was deleted before the cache saw it, or the event was
 * lost, the pass this asks for creates it again.
 */
const CREATED_CHILD_WAIT_MS = 5_000;

/** Over its owner's quota: look again later. */
const OWNER_QUOTA_RECHECK: ProcessResult = { requeueAfterMs: 60_000 };

/** Nodes are coming: check again soon (Kaito requeues after 2 s). */
const NODES_COMING: ProcessResult = { requeueAfterMs: 2000 };

/**
 * A foreign object in a child's way: look again this often. Its removal may
 * bring no event (the informers see only labelled objects).
 */
const CONFLICT_RECHECK: ProcessResult = { requeueAfterMs: 30_000 };

/**
 * A status change that keeps the workspace's state (it stays Pending while nodes and
 * pods come up) is written once it has waited this long, together with whatever else
 * changed meanwhile; so steps that pass quickly (NodeClaim launched, node ready,
 * resources ready) cost no write of their own. Reaching a new state (Ready, Failed,
 * NotReady…) is written at once, and so is the first status. 2 s is Kaito's own
 * requeue interval while nodes come up: a condition that lasts longer is still shown.
 */
const STATUS_PROGRESS_DELAY_MS = 2000;

/** The sooner of two requeue requests. */
function sooner(a: ProcessResult | void, b: ProcessResult | void): ProcessResult | undefined {
  if (!a?.requeueAfterMs) return b || undefined;
  if (!b?.requeueAfterMs) return a;
  return a.requeueAfterMs <= b.requeueAfterMs ? a : b;
}

function isReady(obj: { status?: { conditions?: Array<{ type: string; status: string }> } }): boolean {
  return obj.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * Whether a pod runs its StatefulSet's current template: not terminating (a deleted pod stays
 * Ready through its grace period), of the update revision, and the StatefulSet controller has
 * seen the latest spec. A rolling update replaces pod 0 last, so before that its log is the old
 * engine's.
 */
function runsCurrentRevision(pod: V1Pod, statefulSet: V1StatefulSet): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  const status = statefulSet.status;
  if (!status?.updateRevision || (status.observedGeneration ?? 0) < (statefulSet.metadata?.generation ?? 0)) return false;
  return pod.metadata?.labels?.['controller-revision-hash'] === status.updateRevision;
}

function isDeleting(obj: KubernetesObject): boolean {
  return Boolean(obj.metadata?.deletionTimestamp);
}

function header(obj: KubernetesObject) {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: { name: obj.metadata!.name, namespace: obj.metadata!.namespace },
  };
}

function labelsMatch(labels: Record<string, string> | undefined, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([k, v]) => labels?.[k] === v);
}

/** A status as JSON would carry it, so undefined fields never count as a change. */
function sameStatus(a: WorkspaceStatus | undefined, b: WorkspaceStatus | undefined): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? {})), JSON.parse(JSON.stringify(b ?? {})));
}

/**
 * Reconciles one workspace (`namespace/name`) as Kaito's controller does
 * (kaito.md §2.2): finalizer, validation, revision, target node count, node
 * provisioning and readiness gates, Services, the inference StatefulSet or
 * tuning Job, then the status, written only when it changed. Records an
 * Event for each step taken and each state reached. It reads only the cache,
 * never sleeps, and asks to be requeued while nodes come up.
 *
 * @internal
 */
export async function reconcileWorkspace(
  key: string,
  ctx: ReconcileContext & {
    desired: DesiredState;
    memory: ReconcileMemory;
    /** Checks and pins images when digest resolution is on. */
    images?: ImageCheck;
    /** The owner group's quota, for workspaces created past the portal. */
    ownerQuota?: OwnerQuotaAdmission;
    /** How long after a tuning Job succeeded its NodeClaims are deleted; undefined: kept. */
    releaseTuningNodesAfterMs?: number;
    /** Told of every status written (after its Events): notifications of Ready, Failed, Succeeded. */
    statusWritten?: (workspace: Workspace, before: WorkspaceStatus | undefined, after: WorkspaceStatus) => Promise<void>;
    now?: () => Date;
  },
): Promise<ProcessResult | void> {
  const { pendingNodeClaims, writtenFrom, progressSeenAt, createdChildren } = ctx.memory;
  const [namespace, name] = key.split('/');
  const { cache, writer, desired, events, logger } = ctx;
  const workspace = cache.get<Workspace & KubernetesObject>('Workspace', name, namespace);
  if (!workspace) {
    pendingNodeClaims.delete(key);
    writtenFrom.delete(key);
    progressSeenAt.delete(key);
    createdChildren.delete(key);
    events.forget(key);
    ctx.images?.forget(key);
    // Awaited: the queue holds this key until the reservation is freed, so a new workspace of the
    // same name is admitted after the release and reserves anew instead of inheriting the old one.
    await ctx.ownerQuota?.forget(key);
    return undefined;
  }
  // The cache still shows the version our last write started from: its watch
  // event has not arrived, so acting now would repeat that write.
  if (writtenFrom.get(key) === workspace.metadata.resourceVersion) return undefined;
  writtenFrom.delete(key);
  const wrote = (updated?: KubernetesObject | string) => {
    const version = typeof updated === 'string' ? updated : updated?.metadata?.resourceVersion;
    if (version && version !== workspace.metadata.resourceVersion) {
      writtenFrom.set(key, workspace.metadata.resourceVersion!);
    }
  };
  // Events are posted, not awaited: the reconcile goes on while they are written (client-go's recorder).
  const record = (type: 'Normal' | 'Warning', reason: (typeof EventReasons)[keyof typeof EventReasons], message: string) =>
    events.post(workspace, type, reason, message, logger);
  const now = ctx.now?.() ?? new Date();
  const provisioner = ctx.cluster.provisioner;

  if (isDeleting(workspace)) return finalize();

  // Finalizer and revision (hash of resource, inference, tuning) land in one
  // patch, guarded by the resourceVersion so nobody else's finalizer is lost.
  const plan = desired.plan(
    workspace,
    provisioner === 'byo'
      ? selectedByoNodes().map(node => ({ name: node.metadata!.name!, labels: node.metadata?.labels }))
      : undefined,
    await userConfigMap(),
  );
  const needsFinalizer = !workspace.metadata.finalizers?.includes(WORKSPACE_FINALIZER);
  const annotations = workspace.metadata.annotations ?? {};
  const needsRevision = plan.ok && annotations[KaitoAnnotations.hash] !== plan.hash;
  if (needsFinalizer || needsRevision) {
    const metadata: Record<string, unknown> = {
      ...header(workspace).metadata,
      resourceVersion: workspace.metadata.resourceVersion,
    };
    if (needsFinalizer) metadata.finalizers = [...(workspace.metadata.finalizers ?? []), WORKSPACE_FINALIZER];
    if (plan.ok && needsRevision) {
      // A revision of this hash may exist already: a pass that created it may have failed to patch.
      const revisions = cache.childrenOf('ControllerRevision', key);
      const existing = revisions.find(r => r.metadata?.annotations?.[KaitoAnnotations.hash] === plan.hash);
      const revision = existing
        ? Number((existing as any).revision)
        : Math.max(0, ...revisions.map(r => Number((r as any).revision) || 0)) + 1;
      const created = existing ? true : await createOrReportConflict(desired.controllerRevision(workspace, plan.hash, revision));
      if (created instanceof ForeignObjectError) return reportConflict(created);
      if (!created) {
        throw new Error(`ControllerRevision of hash ${plan.hash.slice(0, 5)} exists but is not in the cache yet`);
      }
      metadata.annotations = { [KaitoAnnotations.hash]: plan.hash, [KaitoAnnotations.revision]: String(revision) };
    }
    wrote(await writer.mergePatch({ ...header(workspace), metadata } as KubernetesObject));
    return undefined; // the update event brings the next pass
  }

  if (!plan.ok) {
    await writeStatus({ invalid: plan.invalid, targetNodeCount: workspace.status?.targetNodeCount ?? 0 });
    return undefined; // nothing will change until the spec does
  }

  const overQuota = await ctx.ownerQuota?.admit(workspace, workspace.status?.targetNodeCount || plan.targetNodeCount);
  if (overQuota) {
    await writeStatus({
      invalid: { reason: ConditionReasons.OwnerQuotaExceeded, message: overQuota },
      targetNodeCount: workspace.status?.targetNodeCount ?? 0,
      // Nodes it still holds (its reservation was lost after it ran) stay in workerNodes, so it is still priced.
      nodes: cache.childrenOf<V1Node>('Node', key).filter(node => isReady(node) && !isDeleting(node)),
    });
    return OWNER_QUOTA_RECHECK; // room may free up when another workspace of the group goes
  }

  const releaseInMs = tuningNodesReleaseInMs();
  if (releaseInMs === 0) return releaseTuningNodes();
  const releaseDue: ProcessResult | undefined = releaseInMs === undefined ? undefined : { requeueAfterMs: releaseInMs };

  const targetNodeCount = workspace.status?.targetNodeCount || plan.targetNodeCount;
  const instanceType = workspace.resource.instanceType;
  const nodeClaims = cache.childrenOf<NodeClaim & KubernetesObject>('NodeClaim', key).filter(c => !isDeleting(c));
  const ownNodes = cache.childrenOf<V1Node>('Node', key);
  // Bring-your-own nodes: ready, selected by the user's labels, not from a Kaito pool
  // (Kaito's nodes are indexed under their workspace, so only unowned ones are scanned).
  const byoNodes = selectedByoNodes();
  const readyByo = byoNodes.filter(n => isReady(n) && !isDeleting(n));

  // Provision nodes.
  if (provisioner === 'gpu-provisioner') {
    await provisionNodeClaims(Math.max(0, targetNodeCount - readyByo.length));
  } else if (provisioner === 'karpenter') {
    const replicas = Math.max(0, targetNodeCount - readyByo.length);
    const pool = desired.nodePool(workspace, replicas);
    const existing = cache.childrenOf('NodePool', key)[0];
    if (!existing) {
      const created = await createOrReportConflict(pool);
      if (created instanceof ForeignObjectError) return reportConflict(created);
    } else if ((existing as any).spec?.replicas < replicas) {
      await writer.mergePatch({ ...header(existing), spec: { replicas } } as any);
    }
  }

  // Readiness gates.
  const workspaceNodes = [...ownNodes, ...byoNodes].filter(n => !isDeleting(n));
  const readyNodes = workspaceNodes.filter(
    n => isReady(n) && (!instanceType || provisioner === 'byo' || n.metadata?.labels?.[KaitoLabels.instanceType] === instanceType),
  );
  const nodesMissingGpu: string[] = [];
  // The resource the pods will request: a MIG slice's own (nvidia.com/mig-<profile>) or whole GPUs.
  const gpuResource = inferenceGpuResourceName(workspace);
  for (const node of readyNodes) {
    const gpus = Number(node.status?.capacity?.[gpuResource] ?? 0);
    if (gpus <= 0) nodesMissingGpu.push(node.metadata!.name!);
    else if (node.metadata?.labels?.[KaitoLabels.accelerator] !== 'nvidia' && provisioner !== 'byo') {
      await writer.mergePatch({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: node.metadata!.name, labels: { [KaitoLabels.accelerator]: 'nvidia' } },
      });
    }
  }
  const claimsReady =
    provisioner !== 'gpu-provisioner' ||
    nodeClaims.filter(isReady).length >= Math.max(0, targetNodeCount - readyByo.length);
  const nodesReady = readyNodes.length >= targetNodeCount && nodesMissingGpu.length === 0;

  // Images: adapters and tuning inputs must exist; the serving image is pinned to its digest.
  const rendered = desired.children(workspace, targetNodeCount, plan.byoGpuShape, await localNvme());
  /** Set when this pass upgraded the base image; the recorded benchmark goes (see benchmarkIsStale too). */
  let upgradedNow = false;
  const images = ctx.images?.check(key, workspace, rendered);
  let requeue: ProcessResult | undefined = images?.pending ? { requeueAfterMs: images.pending.retryAfterMs } : undefined;
  let conflict: ForeignObjectError | undefined;
  /** Set by ensureChild when a child created earlier is not in the cache yet: when to look again. */
  let childAwaited: ProcessResult | undefined;
  if (claimsReady && nodesReady && images?.ready !== false) {
    const created: string[] = [];
    try {
      for (const child of images?.children ?? rendered) {
        if (await ensureChild(child)) created.push(`${child.kind} ${child.metadata!.name}`);
      }
    } catch (error) {
      // Children after the one in the way are not created: nothing runs behind someone else's object.
      if (!(error instanceof ForeignObjectError)) throw error;
      conflict = error;
      requeue = sooner(requeue, CONFLICT_RECHECK);
    }
    requeue = sooner(requeue, childAwaited);
    if (created.length > 0) record('Normal', EventReasons.WorkloadCreated, `Created ${created.join(', ')}`);
  } else if (claimsReady && !nodesReady) {
    requeue = NODES_COMING;
  }
  if (images?.annotation !== undefined && annotations[IMAGES_ANNOTATION] !== images.annotation) {
    wrote(await writer.mergePatch({
      ...header(workspace),
      metadata: { ...header(workspace).metadata, annotations: { [IMAGES_ANNOTATION]: images.annotation } },
    } as KubernetesObject));
  }

  const benchmarkReset = upgradedNow || benchmarkIsStale();
  const statusDeferred = await writeStatus(
    {
      targetNodeCount,
      nodeClaims,
      nodes: workspaceNodes.filter(isReady),
      nodesMissingGpu,
      gpuResource,
      imageProblem: images?.problem,
      conflict: conflict?.message,
      benchmark: benchmarkReset ? { reset: true } : await benchmarkResult(),
    },
    // A cleared benchmark is written at once: held back, the next pass would see it still recorded.
    { coalesceProgress: !benchmarkReset },
  );
  return sooner(sooner(requeue, statusDeferred), releaseDue);

  /**
   * As in Kaito v0.12, a preset's weights go to a `kaito-local-nvme-disk` volume claim when the
   * SKU has NVMe and that StorageClass exists (a failed check counts as there). Decided when the
   * StatefulSet is made and kept after: its claim templates cannot change.
   */
  async function localNvme(): Promise<boolean> {
    if (!plan.ok || !plan.nvmeSku) return false;
    const [statefulSet] = cache.childrenOf<V1StatefulSet>('StatefulSet', key).filter(s => !isDeleting(s));
    if (statefulSet) return Boolean(statefulSet.spec?.volumeClaimTemplates?.some(t => t.metadata?.name === MODEL_WEIGHTS_VOLUME));
    try {
      return Boolean(await writer.getClusterScoped('storage.k8s.io/v1', 'StorageClass', LOCAL_NVME_STORAGE_CLASS));
    } catch {
      return true;
    }
  }

  /**
   * Like Kaito, the KV cache is sized for the inference config's max-model-len, read once:
   * until the node count is set (it never changes after), the user's ConfigMap is fetched,
   * and checked as Kaito's webhook checks it; a tuning workspace's ConfigMap likewise.
   */
  async function userConfigMap(): Promise<{ found: boolean; yaml?: string } | undefined> {
    const configName = workspace!.inference?.config ?? workspace!.tuning?.config;
    if (!configName || workspace!.status?.targetNodeCount) return undefined;
    const configMap = await writer.read<V1ConfigMap>('v1', 'ConfigMap', namespace, configName);
    const dataKey = workspace!.inference ? INFERENCE_CONFIG_KEY : TUNING_CONFIG_KEY;
    return configMap ? { found: true, yaml: configMap.data?.[dataKey] } : { found: false };
  }

  /**
   * Kaito v0.12's post-load benchmark: once the leader pod of a vLLM preset whose startup probe
   * runs the benchmark is ready (the probe passes when the benchmark ends), its result is read
   * from the last 500 lines of its log, until one is recorded.
   */
  async function benchmarkResult(): Promise<WorkspaceObservation['benchmark']> {
    const ws = workspace!;
    if (!ws.inference?.preset || workspaceRuntime(ws) !== 'vllm') return undefined;
    if (ws.metadata.annotations?.[KaitoAnnotations.disableBenchmark] === 'true') return undefined;
    if (ws.status?.conditions?.some(c => c.type === ConditionTypes.BenchmarkCompleted && c.status === 'True')) return undefined;
    const [statefulSet] = cache.childrenOf<V1StatefulSet>('StatefulSet', key);
    const main = statefulSet?.spec?.template?.spec?.containers?.find(c => c.name === name);
    if (!main?.startupProbe?.exec?.command?.some(part => part.includes('benchmark_entrypoint.py'))) return undefined;
    const leader = cache.childrenOf<V1Pod>('Pod', key).find(p => p.metadata?.name === `${name}-0`);
    if (!statefulSet || !leader || !runsCurrentRevision(leader, statefulSet)) return undefined;
    if (!leader.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True')) return undefined;
    let log: string;
    try {
      log = await writer.readPodLog(namespace, `${name}-0`, name, BENCHMARK_LOG_TAIL_LINES);
    } catch (error) {
      // In words, without the answer's headers (a Date, an Audit-Id): a failure that repeats writes the same status.
      return { failed: `streaming logs for pod ${namespace}/${name}-0: ${describeKubeError(error)}` };
    }
    const result = parseBenchmarkLog(log, desired.benchmarkRuntime(ws));
    return result.ok ? { performance: result.performance } : { failed: `pod ${namespace}/${name}-0: ${result.message}` };
  }

  /**
   * Whether the recorded benchmark ran on another engine than the one the workspace asked to
   * upgrade to: derived from state, so a status write lost after the upgrade's patch (a 409, a
   * crash, a new leader) still clears it on a later pass. Once cleared, nothing is recorded to
   * compare, and the next result carries the current engine.
   */
  function benchmarkIsStale(): boolean {
    const ws = workspace!;
    const upgradeTo = ws.metadata.labels?.[KaitoLabels.upgradeToVersion];
    if (!upgradeTo || upgradeTo !== desired.baseImageTag) return false;
    const current = desired.benchmarkRuntime(ws)[BenchmarkRuntimeKeys.engineVersion];
    const metrics = Object.values(ws.status?.performance?.metrics ?? {});
    return metrics.some(m => (m.config?.[BenchmarkRuntimeKeys.engineVersion] ?? '') !== current);
  }

  function selectedByoNodes(): V1Node[] {
    const selector = sanitizeMatchLabels(workspace!.resource.labelSelector?.matchLabels);
    const type = workspace!.resource.instanceType;
    if (Object.keys(selector).length === 0) return [];
    return cache
      .unowned<V1Node>('Node')
      .filter(
        n =>
          !n.metadata?.labels?.[KaitoLabels.karpenterNodePool] &&
          labelsMatch(n.metadata?.labels, selector) &&
          (provisioner === 'byo' || !type || n.metadata?.labels?.[KaitoLabels.instanceType] === type),
      );
  }

  async function provisionNodeClaims(needed: number): Promise<void> {
    const pending = pendingNodeClaims.get(key) ?? new Set<string>();
    for (const claim of nodeClaims) pending.delete(claim.metadata!.name!);
    const toCreate = needed - nodeClaims.length - pending.size;
    if (toCreate <= 0) return;
    // Expect them before creating, so a crash between create and watch cannot double them.
    const claims = desired.nodeClaims(workspace!, toCreate, now);
    claims.forEach(claim => pending.add(claim.metadata!.name!));
    pendingNodeClaims.set(key, pending);
    const created: string[] = [];
    const reportCreated = () => {
      if (created.length > 0) record('Normal', EventReasons.NodeClaimCreated, `Created NodeClaim ${created.join(', ')} (${instanceType})`);
    };
    for (const [index, claim] of claims.entries()) {
      try {
        if (await writer.createChild(claim, workspace!)) created.push(claim.metadata!.name!);
      } catch (error) {
        // What was not created is not expected any more: the retry creates it.
        claims.slice(index).forEach(c => pending.delete(c.metadata!.name!));
        reportCreated();
        record(
          'Warning',
          EventReasons.NodeClaimCreationFailed,
          `Failed to create NodeClaim ${claim.metadata!.name} (${instanceType}): ${(error as Error)?.message ?? error}`,
        );
        throw error;
      }
    }
    reportCreated();
  }

  /**
   * A tuning workspace that Succeeded gives its GPU nodes back once
   * releaseTuningNodesAfterMs has passed since: in how many ms (0: now), or
   * undefined when it keeps them (not tuning, not finished, release off).
   */
  function tuningNodesReleaseInMs(): number | undefined {
    const ws = workspace!;
    const ttl = ctx.releaseTuningNodesAfterMs;
    if (!ws.tuning || ws.status?.state !== 'Succeeded' || ttl === undefined) return undefined;
    const succeededAt = Date.parse(
      ws.status.conditions?.find(c => c.type === 'WorkspaceSucceeded' && c.status === 'True')?.lastTransitionTime ?? '',
    );
    if (Number.isNaN(succeededAt)) return 0;
    return Math.max(0, succeededAt + ttl - now.getTime());
  }

  /**
   * Deletes a finished tuning workspace's NodeClaims (or NodePool); it is
   * never provisioned again. The adapter image stays in its registry and the
   * status stays Succeeded.
   */
  async function releaseTuningNodes(): Promise<ProcessResult | undefined> {
    const ws = workspace!;
    const children = [...cache.childrenOf('NodeClaim', key), ...cache.childrenOf('NodePool', key)].filter(c => !isDeleting(c));
    for (const child of children) await writer.delete(child);
    if (children.length > 0) {
      const names = children.map(c => `${c.kind} ${c.metadata!.name}`).join(', ');
      record('Normal', EventReasons.TuningNodesReleased, `Tuning succeeded: released ${names}; the adapter image stays`);
    }
    pendingNodeClaims.delete(key);
    return writeStatus({ targetNodeCount: ws.status?.targetNodeCount ?? 0 });
  }

  /** Creates or corrects one child; true when it was created. */
  async function ensureChild(child: KubernetesObject): Promise<boolean> {
    const kind = child.kind as 'Service' | 'StatefulSet' | 'Job' | 'ConfigMap' | 'Deployment';
    const observed = cache.get(kind, child.metadata!.name!, child.metadata!.namespace);
    // Labels can be copied; only our controller reference makes an object ours to change.
    if (observed && !isControlledBy(observed, workspace!)) throw new ForeignObjectError(observed, workspace!.metadata);
    const childKey = `${kind}/${child.metadata!.namespace}/${child.metadata!.name}`;
    const expected = createdChildren.get(key);
    if (observed && expected?.delete(childKey) && expected.size === 0) createdChildren.delete(key);
    if (!observed) {
      // Created on an earlier pass and its watch event is still on the way: not created twice, but
      // looked at again once the wait is over, in case it went before the cache saw it.
      const waitedMs = now.getTime() - (expected?.get(childKey) ?? -Infinity);
      if (waitedMs < CREATED_CHILD_WAIT_MS) {
        childAwaited = sooner(childAwaited, { requeueAfterMs: CREATED_CHILD_WAIT_MS - waitedMs });
        return false;
      }
      if (kind === 'StatefulSet') {
        // Kaito ≥ 0.8 serves from a StatefulSet; a legacy Deployment of the same name goes first.
        const legacy = cache.get('Deployment', child.metadata!.name!, child.metadata!.namespace);
        // Ours, or made by an older controller for a workspace of this name (labelled, no controller at all).
        const legacyOwner = legacy?.metadata?.ownerReferences?.find(ref => ref.controller);
        if (legacy && legacyOwner && !isControlledBy(legacy, workspace!)) throw new ForeignObjectError(legacy, workspace!.metadata);
        if (legacy && !isDeleting(legacy)) {
          await writer.delete(legacy);
          record(
            'Warning',
            EventReasons.WorkloadMigration,
            `Deleted the legacy Deployment ${legacy.metadata!.name}: inference now runs as a StatefulSet (brief downtime)`,
          );
        }
      }
      const created = await writer.createChild(child, workspace!);
      createdChildren.set(key, (createdChildren.get(key) ?? new Map()).set(childKey, now.getTime()));
      return created;
    }
    if (isDeleting(observed)) return false;
    const wantedRevision = child.metadata?.annotations?.[KaitoAnnotations.revision];
    const seenRevision = observed.metadata?.annotations?.[KaitoAnnotations.revision];
    if (kind === 'Job') {
      // A Job's pod template is immutable: a new revision replaces the Job.
      if (wantedRevision && seenRevision && wantedRevision !== seenRevision) {
        await writer.delete(observed, 'Foreground');
      }
      return false;
    }
    if (kind === 'Service' || kind === 'ConfigMap') return false; // create-if-absent, as Kaito does
    if (kind !== 'StatefulSet') return false;
    // Kaito v0.12 only creates a template workspace's StatefulSet, never updates it: an edited
    // template takes effect on a new workspace, and a hand edit stays.
    if (workspace!.inference?.template) return false;
    // Only the fields Kaito rewrites on a new revision, and the portal's trust flag (statefulSetUpdate.ts says why).
    const update = statefulSetUpdate(observed, child, {
      upgradeToVersion: workspace!.metadata.labels?.[KaitoLabels.upgradeToVersion],
      baseImageTag: desired.baseImageTag,
      portalDecidesTrust: desired.decidesTrustRemoteCode(workspace!),
    });
    if (!update) return false;
    const { metadata, ...rest } = update.patch;
    await writer.mergePatch({ ...header(observed), ...rest, metadata: { ...header(observed).metadata, ...metadata } } as KubernetesObject);
    // After a base-image upgrade Kaito clears the benchmark, so it runs again on the new engine.
    if (update.cause === 'upgrade') upgradedNow = true;
    return false;
  }

  /** Creates a child; someone else's object of its name comes back as the error, not thrown. */
  async function createOrReportConflict(child: KubernetesObject): Promise<boolean | ForeignObjectError> {
    try {
      return await writer.createChild(child, workspace!);
    } catch (error) {
      if (error instanceof ForeignObjectError) return error;
      throw error;
    }
  }

  /** Sets ResourceConflict for an object in the way and looks again later. */
  async function reportConflict(error: ForeignObjectError): Promise<ProcessResult> {
    const deferred = await writeStatus({ targetNodeCount: workspace!.status?.targetNodeCount ?? 0, conflict: error.message });
    return sooner(deferred, CONFLICT_RECHECK) ?? CONFLICT_RECHECK;
  }

  /** Writes the status if it changed; asks to be requeued when a progress-only change is held back. */
  async function writeStatus(
    observation: Partial<WorkspaceObservation>,
    { coalesceProgress = false } = {},
  ): Promise<ProcessResult | undefined> {
    const ws = workspace!;
    const [statefulSet] = cache.childrenOf<V1StatefulSet>('StatefulSet', key);
    const [job] = cache.childrenOf<V1Job>('Job', key);
    const status = computeWorkspaceStatus({
      workspace: ws,
      provisioner,
      targetNodeCount: 0,
      nodeClaims: [],
      nodes: [],
      nodesMissingGpu: [],
      statefulSet,
      job,
      pods: cache.childrenOf<V1Pod>('Pod', key),
      now,
      ...observation,
    });
    if (sameStatus(status, ws.status)) {
      progressSeenAt.delete(key);
      return undefined;
    }
    const progressOnly = ws.status?.state !== undefined && status.state === ws.status.state;
    if (coalesceProgress && progressOnly) {
      const seenAt = progressSeenAt.get(key) ?? now.getTime();
      progressSeenAt.set(key, seenAt);
      const waited = now.getTime() - seenAt;
      if (waited < STATUS_PROGRESS_DELAY_MS) return { requeueAfterMs: STATUS_PROGRESS_DELAY_MS - waited };
    }
    wrote(await writer.patchWorkspaceStatus(ws, status));
    progressSeenAt.delete(key);
    for (const event of transitionEvents(ws.status, status)) {
      record(event.type, event.reason, event.message);
    }
    await ctx.statusWritten?.(ws, ws.status, status);
    return undefined;
  }

  async function finalize(): Promise<ProcessResult | void> {
    const ws = workspace!;
    const claims = cache.childrenOf('NodeClaim', key);
    for (const claim of claims.filter(c => !isDeleting(c))) await writer.delete(claim);
    for (const pool of cache.childrenOf('NodePool', key).filter(p => !isDeleting(p))) await writer.delete(pool);
    await writeStatus({ targetNodeCount: ws.status?.targetNodeCount ?? 0 });
    if (claims.length > 0) return undefined; // their delete events bring the next pass
    await writer.removeWorkspaceFinalizer(ws, WORKSPACE_FINALIZER);
    pendingNodeClaims.delete(key);
    await createSuccessor(ws);
    return undefined;
  }

  /**
   * An edit that Kaito allows only as a new workspace (instance type, node
   * count) deleted this one with its successor in an annotation: once the
   * old nodes are gone, the successor is created under the same name.
   */
  async function createSuccessor(ws: Workspace & KubernetesObject): Promise<void> {
    const json = ws.metadata.annotations?.[KaitoAnnotations.backstageReplaceWith];
    if (!json) return;
    let successor: Workspace;
    try {
      successor = JSON.parse(json);
    } catch {
      logger.warn(`Workspace ${key}: the successor of an edit is not JSON; it was not created`);
      return;
    }
    const created = await writer.create(successor as unknown as KubernetesObject);
    logger.info(`Workspace ${key} replaced by an edit: ${created ? 'created again' : 'already there'} on ${successor.resource.instanceType ?? 'its nodes'}`);
  }
}

