import { V1Node, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { NodeClaim, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { computeWorkspaceStatus, WorkspaceObservation } from './computeWorkspaceStatus';

const now = new Date('2026-11-22T10:00:00Z');
const inference: Workspace = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'phi', namespace: 'default', generation: 2 },
  resource: { instanceType: 'Standard_NV36ads_A10_v5', labelSelector: { matchLabels: { app: 'phi' } } },
  inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
};
const tuning: Workspace = {
  ...inference,
  inference: undefined,
  tuning: {
    preset: { name: 'phi-3-mini-4k-instruct' },
    method: 'qlora',
    input: { urls: ['https://example.com/data.parquet'] },
    output: { image: 'registry.example.com/adapter:1', imagePushSecret: 'push' },
  },
};
const readyClaim: NodeClaim = {
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodeClaim',
  metadata: { name: 'wsabc' },
  spec: { nodeClassRef: { group: 'kaito.sh', kind: 'KaitoNodeClass', name: 'default' }, requirements: [] },
  status: { nodeName: 'node-1', conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: '', lastTransitionTime: '' }] },
} as NodeClaim;
const quotaClaim = {
  ...readyClaim,
  status: {
    conditions: [
      { type: 'Launched', status: 'False', reason: 'LaunchFailed', message: 'quota exceeded for Standard_NV36ads_A10_v5', lastTransitionTime: '' },
      { type: 'Ready', status: 'False', reason: 'NotLaunched', message: '', lastTransitionTime: '' },
    ],
  },
} as NodeClaim;
const readyNode: V1Node = {
  metadata: { name: 'node-1' },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};
const sts = (ready: number): V1StatefulSet => ({ spec: { replicas: 1, selector: {}, serviceName: 'x', template: {} }, status: { replicas: 1, readyReplicas: ready } });
const crashing: V1Pod = {
  metadata: { name: 'phi-0' },
  status: { containerStatuses: [{ name: 'phi', image: 'i', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } }] },
};

const observe = (over: Partial<WorkspaceObservation>): WorkspaceObservation => ({
  workspace: inference,
  provisioner: 'gpu-provisioner',
  targetNodeCount: 1,
  nodeClaims: [readyClaim],
  nodes: [readyNode],
  nodesMissingGpu: [],
  statefulSet: sts(1),
  pods: [],
  now,
  ...over,
});

const summary = (o: WorkspaceObservation) => {
  const status = computeWorkspaceStatus(o);
  return {
    state: status.state,
    ...Object.fromEntries((status.conditions ?? []).map(c => [c.type, `${c.status}/${c.reason}`])),
  };
};

describe('computeWorkspaceStatus', () => {
  describe('for an inference workspace', () => {
    it.each<[string, Partial<WorkspaceObservation>, Record<string, string>]>([
      [
        'all ready',
        {},
        {
          state: 'Ready',
          NodeClaimReady: 'True/NodeClaimsReady',
          NodesReady: 'True/NodesReady',
          ResourceReady: 'True/workspaceResourceStatusSuccess',
          InferenceReady: 'True/WorkspaceInferenceStatusSuccess',
          WorkspaceSucceeded: 'True/workspaceSucceeded',
        },
      ],
      [
        'no NodeClaim yet',
        { nodeClaims: [], nodes: [], statefulSet: undefined },
        { state: 'Pending', NodeClaimReady: 'False/NodeClaimNotReady', ResourceReady: 'False/NodeClaimNotReady', InferenceReady: 'False/WorkspaceInferenceStatusPending' },
      ],
      [
        'a quota error on the NodeClaim',
        { nodeClaims: [quotaClaim], nodes: [], statefulSet: undefined },
        { state: 'Failed', NodeClaimReady: 'False/LaunchFailed', ResourceReady: 'False/LaunchFailed', WorkspaceSucceeded: 'False/workspaceFailed' },
      ],
      [
        'a node without GPU plugins',
        { nodesMissingGpu: ['node-1'] },
        { NodesReady: 'False/NodePluginsNotReady', ResourceReady: 'False/NodePluginsNotReady' },
      ],
      [
        'a crash-looping pod',
        { statefulSet: sts(0), pods: [crashing] },
        { state: 'Pending', InferenceReady: 'False/ContainerCrashLoopBackOff', WorkspaceSucceeded: 'False/workspacePending' },
      ],
      [
        'bring-your-own nodes',
        { provisioner: 'byo', nodeClaims: [] },
        { state: 'Ready', NodesReady: 'True/NodesReady', ResourceReady: 'True/workspaceResourceStatusSuccess' },
      ],
      [
        'an invalid spec',
        { invalid: { reason: 'SkuNotFound', message: 'Unsupported instance type' }, nodeClaims: [], nodes: [] },
        { state: 'Failed', ResourceReady: 'False/SkuNotFound', WorkspaceSucceeded: 'False/workspaceFailed' },
      ],
      [
        'over its owner group\'s quota (a wait, not a failure)',
        { invalid: { reason: 'OwnerQuotaExceeded', message: 'ml-team would hold 9 of 8 GPUs' }, nodeClaims: [], nodes: [] },
        { state: 'Pending', ResourceReady: 'False/OwnerQuotaExceeded', WorkspaceSucceeded: 'False/workspacePending' },
      ],
    ])('with %s', (_, over, expected) => {
      expect(summary(observe(over))).toMatchObject(expected);
    });

    it('reports NotReady, not Pending, once a ready workspace breaks', () => {
      const wasReady = { ...inference, status: { state: 'Ready' as const } };
      expect(summary(observe({ workspace: wasReady, statefulSet: sts(0), pods: [crashing] })).state).toBe('NotReady');
    });

    it('keeps lastTransitionTime while a condition does not change', () => {
      const first = computeWorkspaceStatus(observe({}));
      const later = computeWorkspaceStatus(
        observe({ workspace: { ...inference, status: first }, now: new Date('2026-11-22T11:00:00Z') }),
      );
      expect(later).toEqual(first);
    });

    it('sets workerNodes sorted and observedGeneration on every condition', () => {
      const status = computeWorkspaceStatus(
        observe({ nodes: [{ ...readyNode, metadata: { name: 'b' } }, { ...readyNode, metadata: { name: 'a' } }], targetNodeCount: 2, nodeClaims: [readyClaim, readyClaim] }),
      );
      expect(status.workerNodes).toEqual(['a', 'b']);
      expect(status.conditions?.every(c => c.observedGeneration === 2)).toBe(true);
    });
  });

  describe('for a tuning workspace', () => {
    const job = (status: object) => ({ status }) as any;
    it.each<[string, Partial<WorkspaceObservation>, Record<string, string>]>([
      ['a job not started', { job: job({}) }, { state: 'Pending', JobStarted: 'False/WorkspaceTuningJobStatusPending' }],
      ['an active job', { job: job({ active: 1 }) }, { state: 'Running', JobStarted: 'True/WorkspaceTuningJobStatusStarted', WorkspaceSucceeded: 'False/workspacePending' }],
      ['a succeeded job', { job: job({ succeeded: 1 }) }, { state: 'Succeeded', WorkspaceSucceeded: 'True/workspaceSucceeded' }],
      [
        'a failed job',
        { job: job({ failed: 1, conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] }) },
        { state: 'Failed', JobStarted: 'False/WorkspaceTuningJobStatusFailed', WorkspaceSucceeded: 'False/workspaceFailed' },
      ],
      [
        'a GPU node the cloud refused',
        { nodeClaims: [quotaClaim], nodes: [] },
        { state: 'Failed', JobStarted: 'False/WorkspaceTuningJobStatusPending', WorkspaceSucceeded: 'False/workspaceFailed' },
      ],
      [
        'a succeeded job whose nodes were released',
        { job: job({ succeeded: 1 }), nodeClaims: [], nodes: [] },
        { state: 'Succeeded', WorkspaceSucceeded: 'True/workspaceSucceeded' },
      ],
    ])('with %s', (_, over, expected) => {
      expect(summary(observe({ workspace: tuning, statefulSet: undefined, ...over }))).toMatchObject(expected);
    });
  });

  it('names the refused NodeClaim and the cloud\'s reason when a launch failed', () => {
    const status = computeWorkspaceStatus(observe({ nodeClaims: [quotaClaim], nodes: [], statefulSet: undefined }));
    expect(status.conditions?.find(c => c.type === 'WorkspaceSucceeded')?.message).toBe(
      'NodeClaim wsabc could not launch Standard_NV36ads_A10_v5: quota exceeded for Standard_NV36ads_A10_v5',
    );
  });

  it('marks a deleting workspace WorkspaceDeleting', () => {
    const deleting = { ...inference, metadata: { ...inference.metadata, deletionTimestamp: '2026-11-22T10:00:00Z' } };
    expect(summary(observe({ workspace: deleting }))).toMatchObject({ WorkspaceDeleting: 'True/workspaceDeleted' });
  });

  describe("with Kaito v0.12's post-load benchmark", () => {
    const performance = { metrics: { peakTokensPerMinute: { description: 'stress/high-concurrency', value: '3000', unit: 'tokens/min' } } };
    const benchmarked: Workspace = {
      ...inference,
      status: {
        performance,
        conditions: [{ type: 'BenchmarkCompleted', status: 'True', reason: 'BenchmarkCompleted', message: 'benchmark result has been recorded', lastTransitionTime: '2026-11-22T09:00:00Z' }],
      },
    };
    const benchmarkOf = (over: Partial<WorkspaceObservation>) => {
      const status = computeWorkspaceStatus(observe(over));
      return { condition: status.conditions?.find(c => c.type === 'BenchmarkCompleted')?.status, performance: status.performance };
    };

    it.each<[string, Partial<WorkspaceObservation>, { condition?: string; performance?: object }]>([
      ['a result just read', { benchmark: { performance } }, { condition: 'True', performance }],
      ['a failed run', { benchmark: { failed: 'no KAITO_BENCHMARK_RESULT line found in pod logs' } }, { condition: 'False', performance: undefined }],
      ['a recorded result and nothing new', { workspace: benchmarked }, { condition: 'True', performance }],
      ['a recorded result and another run (write-once)', { workspace: benchmarked, benchmark: { failed: 'later' } }, { condition: 'True', performance }],
      ['a base-image upgrade', { workspace: benchmarked, benchmark: { reset: true } }, { condition: undefined, performance: undefined }],
    ])('with %s', (_, over, expected) => {
      expect(benchmarkOf(over)).toEqual(expected);
    });
  });
});
