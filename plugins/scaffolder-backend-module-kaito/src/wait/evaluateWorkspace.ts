import type { WorkspaceDetails } from '@kaito-backstage/plugin-kaito-common';

/** States a template can wait for. @public */
export type WaitTarget = 'Ready' | 'Succeeded';

/** Where a workspace stands against the state waited for. @internal */
export type WaitVerdict =
  | { kind: 'reached' }
  | { kind: 'waiting' }
  | { kind: 'failed'; message: string };

/**
 * The state to wait for when the template names none: `Succeeded` for a
 * tuning workspace, `Ready` for an inference one.
 *
 * @internal
 */
export function defaultWaitTarget(details: Pick<WorkspaceDetails, 'kind'>): WaitTarget {
  return details.kind === 'tuning' ? 'Succeeded' : 'Ready';
}

/**
 * Compares a snapshot with the awaited state. A workspace in state `Failed`,
 * one being deleted, and (unless `failOnStepFailure` is off) one with a failed
 * provisioning step will not get there: the verdict carries the reason, the
 * message and the hint.
 *
 * @internal
 */
export function evaluateWorkspace(
  details: WorkspaceDetails,
  target: WaitTarget,
  failOnStepFailure: boolean,
): WaitVerdict {
  if (details.state === target) {
    return { kind: 'reached' };
  }
  if (details.deleting) {
    return { kind: 'failed', message: `Workspace ${details.key} is being deleted` };
  }
  const failedStep = details.steps.find(step => step.status === 'failed');
  if (details.state === 'Failed' || (failOnStepFailure && failedStep)) {
    return { kind: 'failed', message: `Workspace ${details.key} failed: ${describeProblem(details)}` };
  }
  return { kind: 'waiting' };
}

/**
 * The most useful explanation of where the workspace is stuck: the failed (or
 * else the active) step with reason, message and hint, or else the first
 * condition that is not True.
 *
 * @internal
 */
export function describeProblem(details: WorkspaceDetails): string {
  const step =
    details.steps.find(s => s.status === 'failed') ?? details.steps.find(s => s.status === 'active');
  if (step) {
    const why = [step.reason, step.message].filter(Boolean).join(': ');
    const hint = step.hint ? `. Hint: ${step.hint}` : '';
    const verb = step.status === 'failed' ? 'failed' : 'is in progress';
    return `step "${step.title}" ${verb}${why ? ` (${why})` : ''}${hint}`;
  }
  const condition = details.conditions.find(c => c.status !== 'True');
  if (condition) {
    const why = [condition.reason, condition.message].filter(Boolean).join(': ');
    return `${condition.type}=${condition.status}${why ? ` (${why})` : ''}`;
  }
  return `its state is ${details.state}`;
}
