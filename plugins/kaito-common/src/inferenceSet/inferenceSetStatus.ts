import { Condition } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { ConditionTypes } from '../conditions';
import { desiredReplicas, InferenceSet, InferenceSetConditions, InferenceSetStatus } from './inferenceSet';
import { inferenceSetSelector } from './renderInferenceSetWorkspace';

/** A child's phase as Kaito's InferenceSet controller reads it (DetermineWorkspacePhase). @public */
export type ReplicaPhase = 'deleting' | 'succeeded' | 'error' | 'pending';

/** The first of WorkspaceDeleting=True or WorkspaceSucceeded=True/False decides; else pending. @public */
export function replicaPhase(workspace: Pick<Workspace, 'status'>): ReplicaPhase {
  for (const condition of workspace.status?.conditions ?? []) {
    if (condition.type === ConditionTypes.WorkspaceDeleting && condition.status === 'True') return 'deleting';
    if (condition.type === ConditionTypes.WorkspaceSucceeded) {
      if (condition.status === 'True') return 'succeeded';
      if (condition.status === 'False') return 'error';
    }
  }
  return 'pending';
}

const AGGREGATED_PEAK_TPM = 'aggregatedPeakTokensPerMinute';

/** Sum of the ready replicas' `peakTokensPerMinute`, as Kaito aggregates it; undefined if none has one. */
function aggregatedPeakTpm(children: readonly Workspace[]): number | undefined {
  let total = 0;
  let any = false;
  for (const child of children) {
    if (replicaPhase(child) !== 'succeeded') continue;
    const value = Number.parseFloat(child.status?.performance?.metrics?.peakTokensPerMinute?.value ?? '');
    if (value > 0) {
      total += value;
      any = true;
    }
  }
  return any ? total : undefined;
}

/** Sets a condition, keeping its transition time when its status did not change (meta.SetStatusCondition). */
export function setCondition(conditions: readonly Condition[], next: Omit<Condition, 'lastTransitionTime'>, now: Date): Condition[] {
  const existing = conditions.find(c => c.type === next.type);
  const lastTransitionTime = existing && existing.status === next.status ? existing.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const condition = { ...next, lastTransitionTime } as Condition;
  return existing ? conditions.map(c => (c.type === next.type ? condition : c)) : [...conditions, condition];
}

function readiness(ready: number, desired: number, blocked?: { reason: string; message: string }) {
  if (blocked) return { status: 'False' as const, ...blocked };
  if (ready === desired) return { status: 'True' as const, reason: InferenceSetConditions.reasonReady, message: 'inferenceset is ready' };
  return {
    status: 'False' as const,
    reason: InferenceSetConditions.reasonNotReady,
    message: `inferenceset is not ready, ${ready}/${desired} replicas are ready`,
  };
}

/**
 * The status Kaito's InferenceSet controller writes: `replicas` is the desired count,
 * `readyReplicas` the children whose WorkspaceSucceeded is True, the scale selector, the
 * aggregated benchmark throughput, and InferenceSetReady (`inferencesetReady`, or
 * `inferencesetNotReady` with "n/m replicas are ready"). `blocked`, when set, replaces the
 * Ready condition's reason and message (an invalid set, or one held at its node count limit).
 *
 * @public
 */
export function inferenceSetStatus(
  set: InferenceSet,
  children: readonly Workspace[],
  now: Date,
  blocked?: { reason: string; message: string },
): InferenceSetStatus {
  const desired = desiredReplicas(set);
  const ready = children.filter(child => replicaPhase(child) === 'succeeded').length;
  const generation = set.metadata.generation;
  const readyCondition = { type: InferenceSetConditions.ready, ...readiness(ready, desired, blocked) };
  const tpm = aggregatedPeakTpm(children);
  const { performance: _previous, ...rest } = set.status ?? {};
  return {
    ...rest,
    replicas: desired,
    readyReplicas: ready,
    selector: inferenceSetSelector(set),
    conditions: setCondition(set.status?.conditions ?? [], { ...readyCondition, ...(generation !== undefined ? { observedGeneration: generation } : {}) }, now),
    ...(tpm !== undefined
      ? { performance: { metrics: { [AGGREGATED_PEAK_TPM]: { description: 'stress/high-concurrency', value: tpm.toFixed(2), unit: 'tokens/min' } } } }
      : {}),
  };
}

/**
 * Which children to delete when scaling down, as Kaito picks them: terminating ones count
 * as gone; not-ready ones go first; ready ones only while more stay ready than are wanted.
 *
 * @public
 */
export function replicasToDelete(children: readonly Workspace[], desired: number): Workspace[] {
  const live = children.filter(child => !child.metadata.deletionTimestamp);
  let excess = live.length - desired;
  if (excess <= 0) return [];
  const readyCount = live.filter(child => replicaPhase(child) === 'succeeded').length;
  let readyBudget = readyCount - desired;
  const ordered = [...live].sort((a, b) => Number(replicaPhase(a) === 'succeeded') - Number(replicaPhase(b) === 'succeeded'));
  const chosen: Workspace[] = [];
  for (const child of ordered) {
    if (excess <= 0) break;
    const ready = replicaPhase(child) === 'succeeded';
    if (ready && readyBudget <= 0) continue;
    chosen.push(child);
    excess--;
    if (ready) readyBudget--;
  }
  return chosen;
}
