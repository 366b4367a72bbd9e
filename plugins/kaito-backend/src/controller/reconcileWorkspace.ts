import { KubernetesObject, V1Node, V1StatefulSet, V1Job, V1Pod } from '@kubernetes/client-node';
import {
  ConditionReasons,
  KaitoAnnotations,
  KaitoLabels,
  NodeClaim,
  WORKSPACE_FINALIZER,
  Workspace,
  sanitizeMatchLabels,
} from '@kaito-backstage/plugin-kaito-common';
import { isDeepStrictEqual } from 'node:util';
import { driftPatch } from './driftPatch';
import { ProcessResult } from './workQueue';
import { ReconcileContext } from './WorkspaceController';
import { computeWorkspaceStatus, WorkspaceObservation } from './status/computeWorkspaceStatus';
import { DesiredState } from './desiredState';

/** What the reconciler of one cluster remembers between passes. @internal */
export interface ReconcileMemory {
  /** NodeClaims created but not yet seen in the cache, per workspace key. */
  pendingNodeClaims: Map<string, Set<string>>;
  /** The workspace resourceVersion the last write to it was based on, per key. */
  writtenFrom: Map<string, string>;
}

/** Nodes are coming: check again soon (Kaito requeues after 2 s). */
const NODES_COMING: ProcessResult = { requeueAfterMs: 2000 };

function isReady(obj: { status?: { conditions?: Array<{ type: string; status: string }> } }): boolean {
  return obj.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false;
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

/**
 * Reconciles one workspace (`namespace/name`) as Kaito's controller does
 * (kaito.md §2.2): finalizer, validation, revision, target node count, node
 * provisioning and readiness gates, Services, the inference StatefulSet or
 * tuning Job, then the status, written only when it changed. It reads only
 * the cache, never sleeps, and asks to be requeued while nodes come up.
 *
 * @internal
 */
export async function reconcileWorkspace(
  key: string,
  ctx: ReconcileContext & {
    desired: DesiredState;
    memory: ReconcileMemory;
    now?: () => Date;
  },
): Promise<ProcessResult | void> {
  const { pendingNodeClaims, writtenFrom } = ctx.memory;
  const [namespace, name] = key.split('/');
  const { cache, writer, desired } = ctx;
  const workspace = cache.get<Workspace & KubernetesObject>('Workspace', name, namespace);
  if (!workspace) {
    pendingNodeClaims.delete(key);
    writtenFrom.delete(key);
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
  const now = ctx.now?.() ?? new Date();
  const provisioner = ctx.cluster.provisioner;

  if (isDeleting(workspace)) return finalize();

  if (!workspace.metadata.finalizers?.includes(WORKSPACE_FINALIZER)) {
    wrote(await writer.mergePatch({
      ...header(workspace),
      metadata: {
        ...header(workspace).metadata,
        finalizers: [...(workspace.metadata.finalizers ?? []), WORKSPACE_FINALIZER],
      },
    }));
    return undefined; // the update event brings the next pass
  }

  const plan = desired.plan(workspace);
  if (!plan.ok) {
    await writeStatus({ invalid: plan.invalid, targetNodeCount: workspace.status?.targetNodeCount ?? 0 });
    return undefined; // nothing will change until the spec does
  }

  // Revision: hash of (resource, inference, tuning), recorded on the workspace.
  const annotations = workspace.metadata.annotations ?? {};
  if (annotations[KaitoAnnotations.hash] !== plan.hash) {
    const revisions = cache.childrenOf('ControllerRevision', key);
    const revision = Math.max(0, ...revisions.map(r => Number((r as any).revision) || 0)) + 1;
    await writer.create(desired.controllerRevision(workspace, plan.hash, revision));
    wrote(await writer.mergePatch({
      ...header(workspace),
      metadata: {
        ...header(workspace).metadata,
        annotations: { [KaitoAnnotations.hash]: plan.hash, [KaitoAnnotations.revision]: String(revision) },
      },
    }));
    return undefined;
  }

  const targetNodeCount = workspace.status?.targetNodeCount || plan.targetNodeCount;
  const matchLabels = sanitizeMatchLabels(workspace.resource.labelSelector?.matchLabels);
  const instanceType = workspace.resource.instanceType;
  const nodeClaims = cache.childrenOf<NodeClaim & KubernetesObject>('NodeClaim', key).filter(c => !isDeleting(c));
  const ownNodes = cache.childrenOf<V1Node>('Node', key);
  // Bring-your-own nodes: ready, selected by the user's labels, not from a Kaito pool.
  const byoNodes = cache
    .list<V1Node>('Node')
    .filter(
      n =>
        !n.metadata?.labels?.[KaitoLabels.karpenterNodePool] &&
        !n.metadata?.labels?.[KaitoLabels.workspace] &&
        Object.keys(matchLabels).length > 0 &&
        labelsMatch(n.metadata?.labels, matchLabels) &&
        (provisioner === 'byo' || !instanceType || n.metadata?.labels?.[KaitoLabels.instanceType] === instanceType),
    );
  const readyByo = byoNodes.filter(n => isReady(n) && !isDeleting(n));

  // Provision nodes.
  if (provisioner === 'gpu-provisioner') {
    const pending = pendingNodeClaims.get(key) ?? new Set<string>();
    for (const claim of nodeClaims) pending.delete(claim.metadata!.name!);
    const needed = Math.max(0, targetNodeCount - readyByo.length);
    const toCreate = needed - nodeClaims.length - pending.size;
    if (toCreate > 0) {
      // Expect them before creating, so a crash between create and watch cannot double them.
      const claims = desired.nodeClaims(workspace, toCreate, now);
      claims.forEach(claim => pending.add(claim.metadata!.name!));
      pendingNodeClaims.set(key, pending);
      for (const claim of claims) await writer.create(claim);
    }
  } else if (provisioner === 'karpenter') {
    const replicas = Math.max(0, targetNodeCount - readyByo.length);
    const pool = desired.nodePool(workspace, replicas);
    const existing = cache.childrenOf('NodePool', key)[0];
    if (!existing) await writer.create(pool);
    else if ((existing as any).spec?.replicas < replicas) {
      await writer.mergePatch({ ...header(existing), spec: { replicas } } as any);
    }
  }

  // Readiness gates.
  const workspaceNodes = [...ownNodes, ...byoNodes].filter(n => !isDeleting(n));
  const readyNodes = workspaceNodes.filter(
    n => isReady(n) && (!instanceType || provisioner === 'byo' || n.metadata?.labels?.[KaitoLabels.instanceType] === instanceType),
  );
  const nodesMissingGpu: string[] = [];
  for (const node of readyNodes) {
    const gpus = Number(node.status?.capacity?.['nvidia.com/gpu'] ?? 0);
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

  let requeue: ProcessResult | undefined;
  if (claimsReady && nodesReady) {
    for (const child of desired.children(workspace, targetNodeCount)) {
      await ensureChild(child);
    }
  } else if (claimsReady) {
    requeue = NODES_COMING;
  }

  await writeStatus({
    targetNodeCount,
    nodeClaims,
    nodes: workspaceNodes.filter(isReady),
    nodesMissingGpu,
  });
  return requeue;

  async function ensureChild(child: KubernetesObject): Promise<void> {
    const kind = child.kind as 'Service' | 'StatefulSet' | 'Job' | 'ConfigMap' | 'Deployment';
    const observed = cache.get(kind, child.metadata!.name!, child.metadata!.namespace);
    if (!observed) {
      if (kind === 'StatefulSet') {
        // Kaito ≥ 0.8 serves from a StatefulSet; a legacy Deployment of the same name goes first.
        const legacy = cache.get('Deployment', child.metadata!.name!, child.metadata!.namespace);
        if (legacy) await writer.delete(legacy);
      }
      await writer.create(child);
      return;
    }
    if (isDeleting(observed)) return;
    const wantedRevision = child.metadata?.annotations?.[KaitoAnnotations.revision];
    const seenRevision = observed.metadata?.annotations?.[KaitoAnnotations.revision];
    if (kind === 'Job') {
      // A Job's pod template is immutable: a new revision replaces the Job.
      if (wantedRevision && seenRevision && wantedRevision !== seenRevision) {
        await writer.delete(observed, 'Foreground');
      }
      return;
    }
    if (kind === 'Service' || kind === 'ConfigMap') return; // create-if-absent, as Kaito does
    const patch = driftPatch(observed, { metadata: { annotations: child.metadata?.annotations, labels: child.metadata?.labels }, spec: (child as any).spec });
    if (patch) await writer.mergePatch({ ...header(observed), ...(patch as object) });
  }

  async function writeStatus(observation: Partial<WorkspaceObservation>): Promise<void> {
    const [statefulSet] = cache.childrenOf<V1StatefulSet>('StatefulSet', key);
    const [job] = cache.childrenOf<V1Job>('Job', key);
    const status = computeWorkspaceStatus({
      workspace: workspace!,
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
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(status)), JSON.parse(JSON.stringify(workspace!.status ?? {})))) {
      wrote(await writer.patchWorkspaceStatus(workspace!, status));
    }
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
    return undefined;
  }
}

/** @internal exported for the deletion reason constant only */
export const DELETED_REASON = ConditionReasons.WorkspaceDeleted;
