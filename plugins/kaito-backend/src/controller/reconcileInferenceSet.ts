import { KubernetesObject } from '@kubernetes/client-node';
import {
  desiredReplicas,
  INFERENCE_SET_FINALIZER,
  InferenceSet,
  InferenceSetConditions,
  InferenceSetStatus,
  inferenceSetChildLabels,
  KaitoLabels,
  parseInferenceSet,
  renderInferenceSetWorkspace,
  replicasAllowedByNodeCountLimit,
  replicasToDelete,
  inferenceSetStatus,
  validateInferenceSetCreate,
  ValidationContext,
  Workspace,
} from '@kaito-backstage/plugin-kaito-common';
import { allowedNodeClassNames, ClusterConfig, KaitoConfig } from '../config';
import { DesiredState } from './desiredState';
import { ProcessResult } from './workQueue';
import { ReconcileContext } from './WorkspaceController';

const PLURAL = 'inferencesets';
/** A child created but not yet seen by the informer is counted this long, then forgotten. */
const PENDING_TTL_MS = 60_000;

/** Children created or deleted by earlier passes that the cache may not show yet (client-go's expectations). @internal */
export interface InferenceSetMemory {
  /** set key → child name → when it was created */
  created: Map<string, Map<string, number>>;
  /** set key → child name → when its delete was sent */
  deleted: Map<string, Map<string, number>>;
}

/** @internal */
export interface InferenceSetReconcileDeps extends ReconcileContext {
  desired: DesiredState;
  validation: ValidationContext;
  memory: InferenceSetMemory;
  now?: () => Date;
}

/** The validation context of a cluster, as its Workspace reconcile uses it. @internal */
export function inferenceSetValidationContext(cluster: ClusterConfig, config: KaitoConfig): ValidationContext {
  return {
    cloud: cluster.cloud,
    nodeAutoProvisioning: cluster.provisioner !== 'byo',
    allowedNodeClassNames: allowedNodeClassNames(cluster),
    featureGates: cluster.featureGates,
    catalog: config.catalog,
    imageReferences: cluster.type === 'simulator' ? 'warn' : 'strict',
  };
}

function childrenOf(set: InferenceSet, deps: InferenceSetReconcileDeps): Workspace[] {
  const uid = set.metadata.uid;
  return deps.cache
    .list<Workspace & KubernetesObject>('Workspace', set.metadata.namespace)
    .filter(
      ws =>
        ws.metadata.labels?.[KaitoLabels.inferenceSetCreatedBy] === set.metadata.name &&
        (ws.metadata.ownerReferences ?? []).some(ref => ref.controller === true && ref.kind === 'InferenceSet' && ref.uid === uid),
    );
}

/** Drops remembered names the cache now shows (created) or no longer shows live (deleted), and stale ones. */
function settle(memory: Map<string, number> | undefined, now: number, settled: (name: string) => boolean): Map<string, number> {
  const kept = new Map<string, number>();
  for (const [name, at] of memory ?? []) if (!settled(name) && now - at < PENDING_TTL_MS) kept.set(name, at);
  return kept;
}

function statusChanged(before: InferenceSetStatus | undefined, after: InferenceSetStatus): boolean {
  return JSON.stringify(before ?? {}) !== JSON.stringify(after);
}

/** Why no replica can be made: the set fails Kaito's webhook rules. */
function invalidity(raw: KubernetesObject, deps: InferenceSetReconcileDeps): { set?: InferenceSet; message?: string } {
  const parsed = parseInferenceSet(raw);
  if (!parsed.ok) return { message: parsed.issues.map(i => `${i.path}: ${i.message}`).join('; ') };
  const validation = validateInferenceSetCreate(parsed.inferenceSet, deps.validation);
  if (validation.ok) return { set: parsed.inferenceSet };
  const errors = validation.issues.filter(i => i.severity !== 'warning');
  return { set: parsed.inferenceSet, message: errors.map(i => `${i.path}: ${i.message}`).join('; ') };
}

/** GPU nodes one replica takes, as its Workspace would be sized; 1 when it cannot be sized. */
function nodesPerReplica(set: InferenceSet, deps: InferenceSetReconcileDeps): number {
  const child = renderInferenceSetWorkspace(set, {
    nodeAutoProvisioning: deps.cluster.provisioner !== 'byo',
    name: `${set.metadata.name.slice(0, 58)}-xxxxx`,
  });
  const plan = deps.desired.plan(child);
  return plan.ok ? Math.max(1, plan.targetNodeCount) : 1;
}

async function writeStatus(raw: KubernetesObject, set: InferenceSet, status: InferenceSetStatus, deps: InferenceSetReconcileDeps) {
  if (statusChanged(set.status, status)) await deps.writer.patchCustomStatus(raw, PLURAL, status);
}

/** Kaito's deletion: InferenceSetDeleting, delete every child, then drop the finalizer. */
async function finalize(raw: KubernetesObject, set: InferenceSet, children: Workspace[], deps: InferenceSetReconcileDeps) {
  const status = inferenceSetStatus(set, children, deps.now?.() ?? new Date());
  const deleting = {
    type: InferenceSetConditions.deleting,
    status: 'True' as const,
    reason: InferenceSetConditions.reasonDeleted,
    message: 'inferenceset is being deleted',
    lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(set.metadata.generation !== undefined ? { observedGeneration: set.metadata.generation } : {}),
  };
  const existing = set.status?.conditions?.find(c => c.type === InferenceSetConditions.deleting);
  if (existing?.status !== 'True') {
    await deps.writer.patchCustomStatus(raw, PLURAL, { ...status, conditions: [...(status.conditions ?? []).filter(c => c.type !== deleting.type), deleting] });
  }
  for (const child of children) {
    if (!child.metadata.deletionTimestamp) await deps.writer.delete(child as unknown as KubernetesObject);
  }
  await deps.writer.setCustomFinalizer(raw, PLURAL, INFERENCE_SET_FINALIZER, false);
}

/**
 * Kaito adds the set's template labels (and its inference-role label) to children made
 * before they were set; it never removes one, as other controllers may own it.
 */
async function propagateLabels(set: InferenceSet, children: readonly Workspace[], deps: InferenceSetReconcileDeps) {
  const wanted = inferenceSetChildLabels(set);
  for (const child of children) {
    const missing = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => child.metadata.labels?.[k] !== v));
    if (Object.keys(missing).length === 0) continue;
    await deps.writer.mergePatch({
      apiVersion: child.apiVersion,
      kind: 'Workspace',
      metadata: { name: child.metadata.name, namespace: child.metadata.namespace, labels: missing },
    } as KubernetesObject);
  }
}

/**
 * Reconciles one InferenceSet `namespace/name` as Kaito v0.12's InferenceSet controller
 * does: a finalizer; on deletion, every child deleted; otherwise children created
 * (`generateName`) or deleted (not-ready first) until there are `spec.replicas`, at most
 * what `nodeCountLimit` allows; then status (replicas, readyReplicas, selector, the
 * aggregated benchmark and InferenceSetReady). A set that breaks Kaito's webhook rules
 * gets no children and says why in InferenceSetReady.
 *
 * @internal
 */
export async function reconcileInferenceSet(key: string, deps: InferenceSetReconcileDeps): Promise<ProcessResult | void> {
  const [namespace, name] = key.split('/');
  const raw = deps.cache.get<KubernetesObject>('InferenceSet', name, namespace);
  if (!raw) {
    deps.memory.created.delete(key);
    deps.memory.deleted.delete(key);
    return undefined;
  }
  const now = deps.now?.() ?? new Date();
  const cachedSet = raw as unknown as InferenceSet;
  const children = childrenOf(cachedSet, deps);
  if (raw.metadata?.deletionTimestamp) {
    if (raw.metadata.finalizers?.includes(INFERENCE_SET_FINALIZER)) await finalize(raw, cachedSet, children, deps);
    return undefined;
  }
  if (!raw.metadata?.finalizers?.includes(INFERENCE_SET_FINALIZER)) {
    await deps.writer.setCustomFinalizer(raw, PLURAL, INFERENCE_SET_FINALIZER, true);
    return undefined; // The finalizer's update event brings the set back with a fresh resourceVersion.
  }

  const { set, message } = invalidity(raw, deps);
  if (!set || message) {
    await writeStatus(raw, cachedSet, inferenceSetStatus(cachedSet, children, now, { reason: InferenceSetConditions.reasonInvalid, message: message! }), deps);
    return undefined;
  }
  const full: InferenceSet = { ...set, status: cachedSet.status };

  const names = new Set(children.map(child => child.metadata.name));
  const created = settle(deps.memory.created.get(key), now.getTime(), n => names.has(n));
  const live = children.filter(child => !child.metadata.deletionTimestamp);
  const liveNames = new Set(live.map(child => child.metadata.name));
  const deleted = settle(deps.memory.deleted.get(key), now.getTime(), n => !liveNames.has(n));
  const current = live.filter(child => !deleted.has(child.metadata.name));

  const wanted = desiredReplicas(full);
  const perReplica = nodesPerReplica(full, deps);
  const allowed = replicasAllowedByNodeCountLimit(full, perReplica);
  const target = allowed === undefined ? wanted : Math.min(wanted, allowed);

  // Children created but not seen yet count as live: keep only as many seen ones as are still wanted.
  for (const child of replicasToDelete(current, Math.max(0, target - created.size))) {
    await deps.writer.delete(child as unknown as KubernetesObject);
    deleted.set(child.metadata.name, now.getTime());
  }
  const remaining = current.filter(child => !deleted.has(child.metadata.name));
  for (let i = remaining.length + created.size; i < target; i++) {
    const child = renderInferenceSetWorkspace(full, { nodeAutoProvisioning: deps.cluster.provisioner !== 'byo' });
    const { name: _unnamed, ...metadata } = child.metadata;
    const made = await deps.writer.create({ ...child, metadata } as unknown as KubernetesObject);
    if (made?.metadata?.name) created.set(made.metadata.name, now.getTime());
  }
  deps.memory.created.set(key, created);
  deps.memory.deleted.set(key, deleted);
  await propagateLabels(full, remaining, deps);

  const blocked =
    allowed !== undefined && wanted > allowed
      ? {
          reason: InferenceSetConditions.reasonNodeCountLimit,
          message: `spec.replicas asks for ${wanted} replicas of ${perReplica} GPU node${perReplica === 1 ? '' : 's'} each, but nodeCountLimit ${full.spec.nodeCountLimit} allows ${allowed}; raise nodeCountLimit or lower replicas`,
        }
      : undefined;
  await writeStatus(raw, cachedSet, inferenceSetStatus(full, remaining, now, blocked), deps);
  // Children the cache has not shown yet: look again soon even if no event comes.
  return created.size || deleted.size ? { requeueAfterMs: 2_000 } : undefined;
}
