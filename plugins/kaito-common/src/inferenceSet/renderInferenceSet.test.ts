import { Workspace } from '../api/workspace';
import { inferenceSetAutoscaling, renderInferenceSetScaledObject, replicasAllowedByNodeCountLimit } from './inferenceSetAutoscaling';
import { inferenceSetStatus, replicaPhase, replicasToDelete } from './inferenceSetStatus';
import { renderInferenceSetWorkspace } from './renderInferenceSetWorkspace';
import { phiInferenceSet } from './testInferenceSets';
import { cronScheduleProblem, parseGoDurationMs } from './cronSchedule';

describe('renderInferenceSetWorkspace', () => {
  it('makes the child Kaito makes: generateName, created-by label, controller owner, selector and template', () => {
    const set = phiInferenceSet(s => {
      s.metadata.labels = { 'kaito.sh/inference-role': 'decode', team: 'not-copied' };
      s.metadata.annotations = { 'kaito.sh/disable-benchmark': 'true', 'scaledobject.kaito.sh/auto-provision': 'true' };
      s.spec.template.metadata = { labels: { tier: 'gold' }, annotations: { 'kaito.sh/runtime': 'vllm' } };
    });
    expect(renderInferenceSetWorkspace(set, { nodeAutoProvisioning: true })).toEqual({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: {
        name: '',
        generateName: 'phi-4-mini-',
        namespace: 'team-a',
        labels: { tier: 'gold', 'kaito.sh/inference-role': 'decode', 'inferenceset.kaito.sh/created-by': 'phi-4-mini' },
        annotations: { 'kaito.sh/runtime': 'vllm', 'kaito.sh/disable-benchmark': 'true' },
        ownerReferences: [{ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', name: 'phi-4-mini', uid: 'uid-1', controller: true, blockOwnerDeletion: true }],
      },
      resource: { labelSelector: { matchLabels: { apps: 'phi-4-mini' } }, instanceType: 'Standard_NC24ads_A100_v4' },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
    });
  });

  it.each([
    ['with node auto-provisioning', true, { labelSelector: { matchLabels: { apps: 'phi-4-mini' } }, instanceType: 'Standard_NC24ads_A100_v4', partition: { mode: 'mig', profile: '2g.24gb' } }],
    ['on BYO nodes, without the instance type the Workspace webhook refuses', false, { labelSelector: { matchLabels: { apps: 'phi-4-mini' } }, partition: { mode: 'mig', profile: '2g.24gb' } }],
  ])('copies the resource %s', (_what, nodeAutoProvisioning, resource) => {
    const set = phiInferenceSet(s => (s.spec.template.resource!.partition = { mode: 'mig', profile: '2g.24gb' }));
    expect(renderInferenceSetWorkspace(set, { nodeAutoProvisioning }).resource).toEqual(resource);
  });

  it('cuts a long set name to the 58 characters generateName keeps', () => {
    const set = phiInferenceSet(s => (s.metadata.name = 'a'.repeat(63)));
    expect(renderInferenceSetWorkspace(set, { nodeAutoProvisioning: true }).metadata.generateName).toBe(`${'a'.repeat(58)}-`);
  });

  it('does not share the template with the child', () => {
    const set = phiInferenceSet();
    renderInferenceSetWorkspace(set, { nodeAutoProvisioning: true }).inference!.preset!.name = 'changed';
    expect(set.spec.template.inference.preset!.name).toBe('phi-4-mini-instruct');
  });
});

const annotated = (annotations: Record<string, string>, nodeCountLimit?: number) =>
  phiInferenceSet(s => {
    s.metadata.annotations = annotations;
    s.spec.nodeCountLimit = nodeCountLimit;
  });
const on = { 'scaledobject.kaito.sh/auto-provision': 'true' };

describe('inferenceSetAutoscaling (as keda-kaito-scaler reads the annotations)', () => {
  it.each([
    ['no auto-provision annotation', annotated({}, 10), 2, undefined],
    ['auto-provision "True" (only "true" counts)', annotated({ 'scaledobject.kaito.sh/auto-provision': 'True' }, 10), 2, undefined],
    ['neither max-replicas nor nodeCountLimit', annotated(on, 0), 1, undefined],
    ['max-replicas 1', annotated({ ...on, 'scaledobject.kaito.sh/max-replicas': '1' }), 1, undefined],
    ['nodeCountLimit 10 and 2 nodes a replica', annotated(on, 10), 2, { minReplicas: 1, maxReplicas: 5, metricName: 'vllm:num_requests_waiting', threshold: '' }],
    ['nodeCountLimit below one replica\'s nodes', annotated(on, 1), 2, { minReplicas: 1, maxReplicas: 1, metricName: 'vllm:num_requests_waiting', threshold: '' }],
    ['nodeCountLimit and no node count yet', annotated(on, 10), undefined, undefined],
    [
      'max-replicas, min-replicas, metric and threshold without a limit',
      annotated({ ...on, 'scaledobject.kaito.sh/max-replicas': '6', 'scaledobject.kaito.sh/min-replicas': '2', 'scaledobject.kaito.sh/metricName': 'vllm:gpu_cache_usage_perc', 'scaledobject.kaito.sh/threshold': '80' }),
      1,
      { minReplicas: 2, maxReplicas: 6, metricName: 'vllm:gpu_cache_usage_perc', threshold: '80' },
    ],
    ['min-replicas 0 (the scaler keeps 1)', annotated({ ...on, 'scaledobject.kaito.sh/max-replicas': '3', 'scaledobject.kaito.sh/min-replicas': '0' }), 1, { minReplicas: 1, maxReplicas: 3, metricName: 'vllm:num_requests_waiting', threshold: '' }],
  ])('%s', (_what, set, nodesPerReplica, expected) => {
    expect(inferenceSetAutoscaling(set, nodesPerReplica)).toEqual(expected);
  });

  it('counts replicas the node count limit allows', () => {
    expect(replicasAllowedByNodeCountLimit(annotated({}, 5), 2)).toBe(2);
    expect(replicasAllowedByNodeCountLimit(annotated({}, 0), 2)).toBeUndefined();
  });
});

describe('renderInferenceSetScaledObject', () => {
  it('renders the ScaledObject of the llama example: named and owned by the set, the external trigger and HPA behaviour', () => {
    const set = annotated({ ...on, 'scaledobject.kaito.sh/metricName': 'vllm:num_requests_waiting', 'scaledobject.kaito.sh/threshold': '10' }, 10);
    const scaled = renderInferenceSetScaledObject(set, 1) as any;
    expect(scaled.metadata).toEqual({
      name: 'phi-4-mini',
      namespace: 'team-a',
      annotations: { 'scaledobject.kaito.sh/managed-by': 'keda-kaito-scaler' },
      ownerReferences: [{ apiVersion: 'kaito.sh/v1alpha1', kind: 'InferenceSet', name: 'phi-4-mini', uid: 'uid-1', controller: true, blockOwnerDeletion: true }],
    });
    expect(scaled.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'kaito.sh/v1alpha1', kind: 'InferenceSet', name: 'phi-4-mini' },
      pollingInterval: 15,
      minReplicaCount: 1,
      maxReplicaCount: 10,
      triggers: [
        {
          type: 'external',
          name: 'keda-kaito-scaler',
          metricType: 'AverageValue',
          metadata: {
            threshold: '10',
            metricName: 'vllm:num_requests_waiting',
            inferenceSetName: 'phi-4-mini',
            inferenceSetNamespace: 'team-a',
            scalerAddress: 'keda-kaito-scaler-svc.kaito-workspace.svc.cluster.local:10450',
          },
        },
      ],
    });
    expect(scaled.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 600 }]);
  });

  it('renders none when min is above max, as the scaler skips it', () => {
    const set = annotated({ ...on, 'scaledobject.kaito.sh/max-replicas': '2', 'scaledobject.kaito.sh/min-replicas': '4' });
    expect(renderInferenceSetScaledObject(set, 1)).toBeUndefined();
  });
});

function child(name: string, succeeded: 'True' | 'False' | undefined, extra: Partial<Workspace['metadata']> = {}, tpm?: string): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name, namespace: 'team-a', ...extra },
    resource: { labelSelector: {} },
    status: {
      conditions: succeeded ? [{ type: 'WorkspaceSucceeded', status: succeeded, reason: 'x', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' }] : [],
      ...(tpm ? { performance: { metrics: { peakTokensPerMinute: { value: tpm } } } } : {}),
    },
  };
}

describe('inferenceSetStatus', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');

  it('counts ready replicas and says how many are ready while not all are', () => {
    const status = inferenceSetStatus(phiInferenceSet(), [child('a', 'True'), child('b', undefined), child('c', 'False')], now);
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 1, selector: 'inferenceset.kaito.sh/created-by=phi-4-mini' });
    expect(status.conditions).toEqual([
      { type: 'InferenceSetReady', status: 'False', reason: 'inferencesetNotReady', message: 'inferenceset is not ready, 1/3 replicas are ready', observedGeneration: 2, lastTransitionTime: '2026-12-01T12:00:00Z' },
    ]);
  });

  it('is Ready when every wanted replica is, sums their throughput, and keeps the transition time while unchanged', () => {
    const set = phiInferenceSet(s => (s.spec.replicas = 2));
    const children = [child('a', 'True', {}, '1000'), child('b', 'True', {}, '500.5')];
    const first = inferenceSetStatus(set, children, now);
    expect(first.conditions![0]).toMatchObject({ status: 'True', reason: 'inferencesetReady', message: 'inferenceset is ready' });
    expect(first.performance).toEqual({ metrics: { aggregatedPeakTokensPerMinute: { description: 'stress/high-concurrency', value: '1500.50', unit: 'tokens/min' } } });
    const again = inferenceSetStatus({ ...set, status: first }, children, new Date('2026-12-01T13:00:00Z'));
    expect(again.conditions![0].lastTransitionTime).toBe('2026-12-01T12:00:00Z');
  });

  it('reports zero replicas as ready at once, as Kaito does', () => {
    const status = inferenceSetStatus(phiInferenceSet(s => (s.spec.replicas = 0)), [], now);
    expect(status.conditions![0]).toMatchObject({ status: 'True', reason: 'inferencesetReady' });
  });

  it('puts a blocking reason in the Ready condition', () => {
    const status = inferenceSetStatus(phiInferenceSet(), [], now, { reason: 'InvalidInferenceSet', message: 'bad' });
    expect(status.conditions![0]).toMatchObject({ status: 'False', reason: 'InvalidInferenceSet', message: 'bad' });
  });
});

describe('replicasToDelete', () => {
  it.each([
    ['not-ready replicas first', [child('a', 'True'), child('b', undefined), child('c', 'False')], 1, ['b', 'c']],
    ['ready ones when all are ready', [child('a', 'True'), child('b', 'True'), child('c', 'True')], 1, ['a', 'b']],
    ['none when terminating ones already make up the difference', [child('a', 'True'), child('b', 'True', { deletionTimestamp: '2026-01-01T00:00:00Z' })], 1, []],
    ['none when scaling up', [child('a', 'True')], 3, []],
    ['everything when scaling to zero', [child('a', 'True'), child('b', undefined)], 0, ['b', 'a']],
  ])('%s', (_what, children, desired, names) => {
    expect(replicasToDelete(children, desired).map(ws => ws.metadata.name)).toEqual(names);
  });

  it('reads a replica\'s phase from WorkspaceDeleting and WorkspaceSucceeded', () => {
    expect(replicaPhase(child('a', 'True'))).toBe('succeeded');
    expect(replicaPhase(child('a', 'False'))).toBe('error');
    expect(replicaPhase(child('a', undefined))).toBe('pending');
  });
});

describe('cron and duration checks', () => {
  it.each([
    ['0 2 * * 6', undefined],
    ['*/15 0-6 1,15 jan-mar mon-fri', undefined],
    ['@daily', undefined],
    ['@every 1h', undefined],
    ['@sometimes', 'unrecognized descriptor: @sometimes'],
    ['60 * * * *', 'minute 60 is out of range [0, 59]'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1) in minute'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: * * * * * *'],
  ])('%s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });

  it('parses Go durations', () => {
    expect(parseGoDurationMs('4h')).toBe(14_400_000);
    expect(parseGoDurationMs('1h30m')).toBe(5_400_000);
    expect(parseGoDurationMs('-5s')).toBe(-5000);
    expect(parseGoDurationMs('0')).toBe(0);
    expect(parseGoDurationMs('four hours')).toBeUndefined();
  });
});
