import { aWorkspace, steps } from '../__testUtils__/workspaceDetails';
import { defaultWaitTarget, describeProblem, evaluateWorkspace } from './evaluateWorkspace';

const quotaStep = {
  status: 'failed' as const,
  reason: 'QuotaExceeded',
  message: 'insufficient regional vCPU quota',
  hint: 'Ask for more quota or pick another instance type',
};

describe('evaluateWorkspace', () => {
  it.each([
    { situation: 'Ready when waiting for Ready', workspace: aWorkspace({ state: 'Ready' }), target: 'Ready', verdict: 'reached' },
    {
      situation: 'Succeeded when waiting for Succeeded',
      workspace: aWorkspace({ kind: 'tuning', state: 'Succeeded' }),
      target: 'Succeeded',
      verdict: 'reached',
    },
    { situation: 'Pending', workspace: aWorkspace({ state: 'Pending' }), target: 'Ready', verdict: 'waiting' },
    {
      situation: 'Running when waiting for Succeeded',
      workspace: aWorkspace({ kind: 'tuning', state: 'Running' }),
      target: 'Succeeded',
      verdict: 'waiting',
    },
    {
      situation: 'Failed',
      workspace: aWorkspace({ kind: 'tuning', state: 'Failed', steps: [] }),
      target: 'Succeeded',
      verdict: 'failed',
    },
    {
      situation: 'NotReady with a failed step',
      workspace: aWorkspace({ state: 'NotReady', steps: steps({ validated: 'done', nodeClaim: quotaStep }) }),
      target: 'Ready',
      verdict: 'failed',
    },
    {
      situation: 'being deleted',
      workspace: aWorkspace({ deleting: true }),
      target: 'Ready',
      verdict: 'failed',
    },
  ] as const)('says $verdict for a workspace $situation', ({ workspace, target, verdict }) => {
    expect(evaluateWorkspace(workspace, target, true).kind).toBe(verdict);
  });

  describe('when failOnStepFailure is off', () => {
    it('keeps waiting through a failed step while the workspace is not Failed', () => {
      const workspace = aWorkspace({ state: 'NotReady', steps: steps({ nodeClaim: quotaStep }) });
      expect(evaluateWorkspace(workspace, 'Ready', false)).toEqual({ kind: 'waiting' });
    });
  });

  it('names the failed step with its reason, message and hint', () => {
    const workspace = aWorkspace({ state: 'NotReady', steps: steps({ validated: 'done', nodeClaim: quotaStep }) });
    expect(evaluateWorkspace(workspace, 'Ready', true)).toEqual({
      kind: 'failed',
      message:
        'Workspace local/default/support-phi-3 failed: step "GPU node requested" failed (QuotaExceeded: insufficient regional vCPU quota). Hint: Ask for more quota or pick another instance type',
    });
  });
});

describe('describeProblem', () => {
  it.each([
    {
      what: 'the active step when none failed',
      workspace: aWorkspace({ steps: steps({ validated: 'done', imagePulled: { status: 'active', reason: 'Pulling' } }) }),
      expected: 'step "Image pulled" is in progress (Pulling)',
    },
    {
      what: 'the first condition that is not True when there are no steps',
      workspace: aWorkspace({
        state: 'Failed',
        steps: [],
        conditions: [
          { type: 'ResourceReady', status: 'True', reason: 'Ready', message: '', lastTransitionTime: '' },
          { type: 'WorkspaceSucceeded', status: 'False', reason: 'JobFailed', message: 'BackoffLimitExceeded', lastTransitionTime: '' },
        ],
      }),
      expected: 'WorkspaceSucceeded=False (JobFailed: BackoffLimitExceeded)',
    },
    {
      what: 'the state when nothing else is known',
      workspace: aWorkspace({ state: 'Failed', steps: [], conditions: [] }),
      expected: 'its state is Failed',
    },
  ])('describes $what', ({ workspace, expected }) => {
    expect(describeProblem(workspace)).toBe(expected);
  });
});

describe('defaultWaitTarget', () => {
  it.each([
    { kind: 'inference', expected: 'Ready' },
    { kind: 'tuning', expected: 'Succeeded' },
  ] as const)('waits for $expected on $kind workspaces', ({ kind, expected }) => {
    expect(defaultWaitTarget({ kind })).toBe(expected);
  });
});
