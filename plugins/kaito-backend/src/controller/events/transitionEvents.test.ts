import { Condition, WorkspaceStatus } from '@kaito-backstage/plugin-kaito-common';
import { transitionEvents } from './transitionEvents';

const condition = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});

const status = (state: WorkspaceStatus['state'], ...conditions: Condition[]): WorkspaceStatus => ({ state, conditions });

const serving = condition('InferenceReady', 'True', 'WorkspaceInferenceStatusSuccess', 'inference has been deployed successfully');
const crashing = condition('InferenceReady', 'False', 'ContainerCrashLoopBackOff', 'pod phi-0 is crash-looping');
const invalid = (message: string) => condition('ResourceReady', 'False', 'InvalidWorkspace', message);
const tuned = (ok: boolean) =>
  condition('WorkspaceSucceeded', ok ? 'True' : 'False', ok ? 'workspaceSucceeded' : 'workspaceFailed', ok ? 'the tuning job succeeded' : 'BackoffLimitExceeded');

describe('transitionEvents', () => {
  it.each([
    ['Pending → Ready', status('Pending'), status('Ready', serving), [['Normal', 'WorkspaceReady', 'Workspace is Ready: inference has been deployed successfully']]],
    ['Ready → NotReady', status('Ready', serving), status('NotReady', crashing), [['Warning', 'WorkspaceNotReady', 'Workspace is no longer ready: pod phi-0 is crash-looping']]],
    ['Running → Succeeded', status('Running'), status('Succeeded', tuned(true)), [['Normal', 'WorkspaceSucceeded', 'Tuning succeeded: the tuning job succeeded']]],
    ['Running → Failed', status('Running'), status('Failed', tuned(false)), [['Warning', 'WorkspaceFailed', 'Tuning failed: BackoffLimitExceeded']]],
    [
      'Pending → Failed (inference, launch refused)',
      status('Pending'),
      status('Failed', condition('InferenceReady', 'False', 'WorkspaceInferenceStatusPending', 'no GPU node could be launched'), condition('WorkspaceSucceeded', 'False', 'workspaceFailed', 'NodeClaim a could not launch: QuotaExceeded')),
      [['Warning', 'WorkspaceFailed', 'Workspace failed: NodeClaim a could not launch: QuotaExceeded']],
    ],
    ['no status → invalid', undefined, status('Pending', invalid('resource.instanceType: Unsupported')), [['Warning', 'InvalidWorkspace', 'resource.instanceType: Unsupported']]],
    ['invalid for a new reason', status('Pending', invalid('a')), status('Pending', invalid('b')), [['Warning', 'InvalidWorkspace', 'b']]],
    ['a tuning spec invalid from the start', undefined, status('Failed', invalid('tuning.method: x')), [['Warning', 'InvalidWorkspace', 'tuning.method: x']]],
  ])('records %s', (_name, before, after, expected) => {
    expect(transitionEvents(before, after).map(e => [e.type, e.reason, e.message])).toEqual(expected);
  });

  it.each([
    ['the state is unchanged', status('Pending'), status('Pending', crashing)],
    ['still invalid for the same reason', status('Pending', invalid('a')), status('Pending', invalid('a'))],
    ['Ready stays Ready', status('Ready', serving), status('Ready', serving)],
    ['a first Pending status', undefined, status('Pending')],
  ])('records nothing when %s', (_name, before, after) => {
    expect(transitionEvents(before, after)).toEqual([]);
  });
});
