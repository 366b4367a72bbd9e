import { aWorkspace, steps } from '../__testUtils__/workspaceDetails';
import { describeProgress, ProgressMemory } from './describeProgress';

describe('describeProgress', () => {
  describe('on the first snapshot', () => {
    it('logs the state and every started step, but not the pending ones', () => {
      const { lines } = describeProgress(
        { seen: {} },
        aWorkspace({
          state: 'Pending',
          steps: steps({
            validated: 'done',
            nodeClaim: { status: 'active', reason: 'NodeClaimNotReady', message: 'waiting for 1 NodeClaim(s)' },
          }),
        }),
      );

      expect(lines).toEqual([
        { level: 'info', text: '[done] Request validated' },
        { level: 'info', text: '[in progress] GPU node requested (NodeClaimNotReady: waiting for 1 NodeClaim(s))' },
        { level: 'info', text: 'Workspace local/default/support-phi-3 is Pending' },
      ]);
    });
  });

  describe('on later snapshots', () => {
    const first = describeProgress(
      { seen: {} },
      aWorkspace({ state: 'Pending', steps: steps({ validated: 'done', nodeClaim: 'active' }) }),
    ).memory;

    it.each([
      {
        change: 'nothing changed',
        next: aWorkspace({ state: 'Pending', steps: steps({ validated: 'done', nodeClaim: 'active' }) }),
        expected: [],
      },
      {
        change: 'a step finished and the next started',
        next: aWorkspace({ state: 'Pending', steps: steps({ validated: 'done', nodeClaim: 'done', nodeReady: 'active' }) }),
        expected: [
          { level: 'info', text: '[done] GPU node requested' },
          { level: 'info', text: '[in progress] Node ready' },
        ],
      },
      {
        change: 'the message of an active step changed',
        next: aWorkspace({
          state: 'Pending',
          steps: steps({ validated: 'done', nodeClaim: { status: 'active', message: '0 of 2 NodeClaims are ready' } }),
        }),
        expected: [{ level: 'info', text: '[in progress] GPU node requested (0 of 2 NodeClaims are ready)' }],
      },
      {
        change: 'a step failed with a hint',
        next: aWorkspace({
          state: 'NotReady',
          steps: steps({
            validated: 'done',
            nodeClaim: {
              status: 'failed',
              reason: 'QuotaExceeded',
              message: 'exceeding approved quota for Standard_ND96isr_H100_v5',
              hint: 'Pick a smaller instance type or ask for more quota',
            },
          }),
        }),
        expected: [
          {
            level: 'warn',
            text: '[failed] GPU node requested (QuotaExceeded: exceeding approved quota for Standard_ND96isr_H100_v5)',
          },
          { level: 'warn', text: 'Hint: Pick a smaller instance type or ask for more quota' },
          { level: 'info', text: 'Workspace local/default/support-phi-3 is now NotReady' },
        ],
      },
      {
        change: 'a finished step went back to pending (a node was lost)',
        next: aWorkspace({ state: 'Pending', steps: steps({ validated: 'done', nodeClaim: 'pending' }) }),
        expected: [{ level: 'info', text: '[pending] GPU node requested' }],
      },
    ])('logs only what changed when $change', ({ next, expected }) => {
      expect(describeProgress(first, next).lines).toEqual(expected);
    });
  });

  describe('when the backend reports no steps', () => {
    it('logs each condition change instead', () => {
      const conditions = (resourceReady: 'True' | 'False') => [
        {
          type: 'ResourceReady',
          status: resourceReady,
          reason: resourceReady === 'True' ? 'ResourcesReady' : 'NodeClaimNotReady',
          message: '',
          lastTransitionTime: '2026-11-22T10:00:00Z',
        },
        {
          type: 'InferenceReady',
          status: 'False' as const,
          reason: 'WorkspaceInferenceStatusPending',
          message: 'waiting for resources',
          lastTransitionTime: '2026-11-22T10:00:00Z',
        },
      ];
      const first = describeProgress({ seen: {} }, aWorkspace({ steps: [], conditions: conditions('False') }));
      const second = describeProgress(first.memory, aWorkspace({ steps: [], conditions: conditions('True') }));

      expect(first.lines.slice(0, -1)).toEqual([
        { level: 'info', text: 'ResourceReady=False (NodeClaimNotReady)' },
        { level: 'info', text: 'InferenceReady=False (WorkspaceInferenceStatusPending: waiting for resources)' },
      ]);
      expect(second.lines).toEqual([{ level: 'info', text: 'ResourceReady=True (ResourcesReady)' }]);
    });
  });

  it('does not change the memory it was given', () => {
    const memory: ProgressMemory = { seen: {} };
    describeProgress(memory, aWorkspace());
    expect(memory).toEqual({ seen: {} });
  });
});
