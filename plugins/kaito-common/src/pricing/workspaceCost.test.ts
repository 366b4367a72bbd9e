import { Condition } from '../api/kubernetes';
import { Workspace } from '../api/workspace';
import { costSoFar, costStoppedAt, isCostStopped } from './workspaceCost';

const base: Workspace = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'w', namespace: 'n', creationTimestamp: '2026-11-22T10:00:00Z' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'w' } } },
};
const condition = (type: string, status: 'True' | 'False', lastTransitionTime: string): Condition => ({ type, status, reason: 'r', message: '', lastTransitionTime });

describe('costStoppedAt', () => {
  it('is when tuning succeeded', () => {
    const ws = { ...base, status: { state: 'Succeeded' as const, conditions: [condition('ResourceReady', 'False', '2026-11-22T12:00:00Z'), condition('WorkspaceSucceeded', 'True', '2026-11-22T11:30:00Z')] } };
    expect(costStoppedAt(ws)).toBe('2026-11-22T11:30:00Z');
  });

  it('is the latest transition of a failed workspace', () => {
    const ws = { ...base, status: { state: 'Failed' as const, conditions: [condition('NodeClaimReady', 'False', '2026-11-22T10:01:00Z'), condition('WorkspaceSucceeded', 'False', '2026-11-22T10:00:05Z')] } };
    expect(costStoppedAt(ws)).toBe('2026-11-22T10:01:00Z');
  });

  it('is undefined while it runs', () => {
    expect(costStoppedAt({ ...base, status: { state: 'Ready', conditions: [condition('WorkspaceSucceeded', 'True', '2026-11-22T11:30:00Z')] } })).toBeUndefined();
    expect(isCostStopped('Ready')).toBe(false);
    expect(isCostStopped('Failed')).toBe(true);
  });
});

describe('costSoFar', () => {
  const now = new Date('2026-11-22T13:00:00Z');
  it('counts from creation to now while running', () => {
    expect(costSoFar({ perHour: 3.67, createdAt: '2026-11-22T10:00:00Z', now })).toBe(11.01);
  });
  it('stops at the stop time', () => {
    expect(costSoFar({ perHour: 3.67, createdAt: '2026-11-22T10:00:00Z', stoppedAt: '2026-11-22T10:30:00Z', now })).toBe(1.84);
  });
  it('is undefined without a price', () => {
    expect(costSoFar({ perHour: undefined, createdAt: '2026-11-22T10:00:00Z', now })).toBeUndefined();
  });
});
