import { ConditionReasons, ConditionTypes, WorkspaceStatus } from '@kaito-backstage/plugin-kaito-common';
import { EventReason, EventReasons } from './eventReasons';

/** One Event a status change calls for. @internal */
export interface TransitionEvent {
  type: 'Normal' | 'Warning';
  reason: EventReason;
  message: string;
}

const conditionOf = (status: WorkspaceStatus | undefined, type: string) =>
  status?.conditions?.find(c => c.type === type);

/**
 * The Events a status change calls for: the workspace became invalid, Ready,
 * not ready again, Succeeded or Failed. Derived from the status before and
 * after, so a restarted controller never repeats them. Pure.
 *
 * @internal
 */
export function transitionEvents(before: WorkspaceStatus | undefined, after: WorkspaceStatus): TransitionEvent[] {
  const events: TransitionEvent[] = [];
  const invalidBefore = conditionOf(before, ConditionTypes.ResourceReady);
  const invalidAfter = conditionOf(after, ConditionTypes.ResourceReady);
  if (
    invalidAfter?.reason === ConditionReasons.InvalidWorkspace &&
    (invalidBefore?.reason !== ConditionReasons.InvalidWorkspace || invalidBefore.message !== invalidAfter.message)
  ) {
    events.push({ type: 'Warning', reason: EventReasons.InvalidWorkspace, message: invalidAfter.message ?? '' });
  }
  if (before?.state === after.state) return events;
  const succeeded = conditionOf(after, ConditionTypes.WorkspaceSucceeded)?.message;
  const inference = conditionOf(after, ConditionTypes.InferenceReady)?.message;
  switch (after.state) {
    case 'Ready':
      events.push({ type: 'Normal', reason: EventReasons.WorkspaceReady, message: `Workspace is Ready: ${inference ?? 'inference is serving'}` });
      break;
    case 'NotReady':
      events.push({ type: 'Warning', reason: EventReasons.WorkspaceNotReady, message: `Workspace is no longer ready: ${inference ?? 'inference is not serving'}` });
      break;
    case 'Succeeded':
      events.push({ type: 'Normal', reason: EventReasons.WorkspaceSucceeded, message: `Tuning succeeded: ${succeeded ?? 'the tuning job completed'}` });
      break;
    case 'Failed':
      if (invalidAfter?.reason !== ConditionReasons.InvalidWorkspace) {
        const what = conditionOf(after, ConditionTypes.InferenceReady) ? 'Workspace failed' : 'Tuning failed';
        events.push({ type: 'Warning', reason: EventReasons.WorkspaceFailed, message: `${what}: ${succeeded ?? 'the tuning job failed'}` });
      }
      break;
    default:
  }
  return events;
}
