import { Workspace } from '../api/workspace';
import { summarizeWorkspace } from './summarizeWorkspace';

const ready: Workspace = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: {
    name: 'phi',
    namespace: 'team',
    creationTimestamp: '2026-11-22T10:00:00Z',
    annotations: { 'backstage.kaito.sh/owner': 'group:default/ml-team' },
  },
  resource: { instanceType: 'Standard_NC48ads_A100_v4', labelSelector: { matchLabels: { a: 'b' } } },
  inference: { preset: { name: 'phi-4' } },
  status: {
    state: 'Ready',
    targetNodeCount: 2,
    conditions: [
      { type: 'ResourceReady', status: 'True', reason: 'x', message: '', lastTransitionTime: '' },
      { type: 'InferenceReady', status: 'True', reason: 'x', message: '', lastTransitionTime: '' },
      { type: 'WorkspaceSucceeded', status: 'True', reason: 'x', message: '', lastTransitionTime: '' },
    ],
  },
};

describe('summarizeWorkspace', () => {
  it('gives the key, Kaito columns, GPUs and cost', () => {
    const summary = summarizeWorkspace('aks', ready, { prices: { currency: 'USD', perHour: { Standard_NC48ads_A100_v4: 7.35 } } });
    expect(summary).toMatchObject({
      key: 'aks/team/phi',
      kind: 'inference',
      preset: 'phi-4',
      runtime: 'vllm',
      state: 'Ready',
      columns: { resourceReady: 'True', inferenceReady: 'True', workspaceSucceeded: 'True' },
      targetNodeCount: 2,
      gpuCount: 4,
      costPerHour: 14.7,
      currency: 'USD',
      owner: 'group:default/ml-team',
      deleting: false,
    });
  });

  it('reports a new workspace as Pending without cost when no prices are configured', () => {
    const summary = summarizeWorkspace('aks', { ...ready, status: undefined });
    expect(summary.state).toBe('Pending');
    expect(summary.costPerHour).toBeUndefined();
    expect(summary.targetNodeCount).toBe(1);
  });

  it('counts the nodes Kaito will provision before status says, not the ignored resource.count', () => {
    const requested = (runtime?: string): Workspace => ({
      ...ready,
      metadata: { ...ready.metadata, annotations: { ...ready.metadata.annotations, ...(runtime ? { 'kaito.sh/runtime': runtime } : {}) } },
      resource: { instanceType: 'Standard_NV36ads_A10_v5', count: 20, labelSelector: { matchLabels: { a: 'b' } } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
      status: undefined,
    });
    // vLLM: Kaito's estimator decides; phi-3-mini fits one A10.
    expect(summarizeWorkspace('aks', requested()).targetNodeCount).toBe(1);
    // transformers: Kaito honors resource.count.
    expect(summarizeWorkspace('aks', requested('transformers')).targetNodeCount).toBe(20);
  });
});

describe('summarizeWorkspace cost', () => {
  const prices = { prices: { currency: 'USD', perHour: { Standard_NC48ads_A100_v4: 7.35 } } };
  const now = new Date('2026-11-22T12:00:00Z');

  it('counts cost so far from creation while it runs', () => {
    expect(summarizeWorkspace('aks', ready, prices, now)).toMatchObject({ costPerHour: 14.7, costSoFar: 29.4 });
  });

  it('stops the cost of a failed workspace when it failed', () => {
    const failed: Workspace = {
      ...ready,
      status: {
        state: 'Failed',
        targetNodeCount: 2,
        conditions: [{ type: 'WorkspaceSucceeded', status: 'False', reason: 'workspaceFailed', message: 'quota', lastTransitionTime: '2026-11-22T10:30:00Z' }],
      },
    };
    expect(summarizeWorkspace('aks', failed, prices, now)).toMatchObject({
      costPerHour: 0,
      costSoFar: 7.35,
      costStoppedAt: '2026-11-22T10:30:00Z',
    });
  });

  describe('held back by its owner\'s quota (written to the cluster past the portal)', () => {
    const held = (overrides: Partial<NonNullable<Workspace['status']>> = {}): Workspace => ({
      ...ready,
      status: {
        state: 'Pending',
        targetNodeCount: 2,
        conditions: [
          { type: 'ResourceReady', status: 'False', reason: 'OwnerQuotaExceeded', message: 'Quota exceeded for group:default/ml-team', lastTransitionTime: '2026-11-22T10:00:01Z' },
          { type: 'WorkspaceSucceeded', status: 'False', reason: 'WorkspacePending', message: 'Quota exceeded', lastTransitionTime: '2026-11-22T10:00:01Z' },
        ],
        ...overrides,
      },
    });

    it('costs nothing while held: no node was ever launched for it', () => {
      expect(summarizeWorkspace('aks', held(), prices, now)).toMatchObject({ state: 'Pending', costPerHour: 0, costSoFar: 0 });
    });

    it('is not counted as unpriced either when its instance type has no price', () => {
      expect(summarizeWorkspace('aks', held(), {}, now)).toMatchObject({ costPerHour: 0, costSoFar: 0 });
    });

    it('costs again once it holds nodes, and a workspace pending for other reasons costs from its creation', () => {
      expect(summarizeWorkspace('aks', held({ workerNodes: ['aks-gpu-1'] }), prices, now)).toMatchObject({ costPerHour: 14.7 });
      const pendingForNodes = held({
        conditions: [{ type: 'ResourceReady', status: 'False', reason: 'NodeClaimNotReady', message: '', lastTransitionTime: '' }],
      });
      expect(summarizeWorkspace('aks', pendingForNodes, prices, now)).toMatchObject({ costPerHour: 14.7, costSoFar: 29.4 });
    });
  });
});
