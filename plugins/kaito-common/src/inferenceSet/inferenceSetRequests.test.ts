import { inferenceSetFromRequest, parseCreateInferenceSetRequest, parseScaleInferenceSetRequest, summarizeInferenceSet } from './inferenceSetRequests';
import { validateInferenceSetCreate } from './validateInferenceSet';
import { inferenceSetAutoscaling } from './inferenceSetAutoscaling';

const request = {
  cluster: 'sim',
  namespace: 'team-a',
  name: 'phi-set',
  preset: 'phi-4-mini-instruct',
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
  replicas: 3,
};

describe('parseCreateInferenceSetRequest', () => {
  it.each([
    ['no replicas', { ...request, replicas: undefined }, 'replicas'],
    ['0 replicas', { ...request, replicas: 0 }, 'replicas'],
    ['101 replicas', { ...request, replicas: 101 }, 'replicas'],
    ['tuning', { ...request, tuning: { method: 'lora', outputImage: 'x', outputImagePushSecret: 'y' } }, '(body)'],
    ['max below min', { ...request, replicas: 3, autoscaling: { minReplicas: 4, maxReplicas: 3, metric: 'vllm:num_requests_waiting', threshold: 10 } }, 'autoscaling.minReplicas'],
    ['replicas outside min..max', { ...request, replicas: 9, autoscaling: { minReplicas: 1, maxReplicas: 4, metric: 'vllm:num_requests_waiting', threshold: 10 } }, 'replicas'],
    ['an unknown metric', { ...request, autoscaling: { minReplicas: 1, maxReplicas: 4, metric: 'cpu', threshold: 10 } }, 'autoscaling.metric'],
    ['a max of 1', { ...request, replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 1, metric: 'vllm:num_requests_waiting', threshold: 10 } }, 'autoscaling.maxReplicas'],
  ])('refuses %s', (_what, body, path) => {
    const parsed = parseCreateInferenceSetRequest(body);
    expect(parsed.ok ? [] : parsed.issues.map(i => i.path)).toContain(path);
  });

  it('refuses a scale below 0 or not a number', () => {
    expect(parseScaleInferenceSetRequest({ replicas: -1 }).ok).toBe(false);
    expect(parseScaleInferenceSetRequest({ replicas: '2' }).ok).toBe(false);
    expect(parseScaleInferenceSetRequest({ replicas: 0 }).ok).toBe(true);
  });
});

describe('inferenceSetFromRequest', () => {
  it('makes a valid set whose template is the workspace the request would make, owner annotations included', () => {
    const parsed = parseCreateInferenceSetRequest({ ...request, autoscaling: { minReplicas: 2, maxReplicas: 6, metric: 'vllm:num_requests_waiting', threshold: 10 } });
    expect(parsed.ok).toBe(true);
    const set = inferenceSetFromRequest((parsed as any).request, 'user:default/alice');
    expect(validateInferenceSetCreate(set, { cloud: 'azure' })).toEqual({ ok: true, issues: [] });
    expect(set.spec).toMatchObject({ replicas: 3, labelSelector: { matchLabels: { apps: 'phi-set' } }, template: { resource: { instanceType: 'Standard_NC24ads_A100_v4' } } });
    expect(set.spec.template.metadata!.annotations).toMatchObject({ 'backstage.kaito.sh/owner': 'group:default/ml-team', 'backstage.kaito.sh/requested-by': 'user:default/alice' });
    expect(inferenceSetAutoscaling(set, 1)).toEqual({ minReplicas: 2, maxReplicas: 6, metricName: 'vllm:num_requests_waiting', threshold: '10' });
  });

  it('summarizes a set and its replicas', () => {
    const set = inferenceSetFromRequest({ ...request });
    set.status = { readyReplicas: 1, conditions: [{ type: 'InferenceSetReady', status: 'False', reason: 'inferencesetNotReady', message: 'inferenceset is not ready, 1/3 replicas are ready', lastTransitionTime: '' }] };
    const child = (name: string, succeeded?: 'True') => ({
      apiVersion: 'kaito.sh/v1beta1' as const,
      kind: 'Workspace' as const,
      metadata: { name },
      resource: { labelSelector: {} },
      status: { state: succeeded ? ('Ready' as const) : ('Pending' as const), conditions: succeeded ? [{ type: 'WorkspaceSucceeded', status: succeeded, reason: '', message: '', lastTransitionTime: '' }] : [] },
    });
    const summary = summarizeInferenceSet('sim', set, [child('phi-set-bbbbb'), child('phi-set-aaaaa', 'True')]);
    expect(summary).toMatchObject({ key: 'sim/team-a/phi-set', replicas: 3, readyReplicas: 1, ready: false, reason: 'inferencesetNotReady', owner: 'group:default/ml-team' });
    expect(summary.replicaWorkspaces.map(r => [r.name, r.phase, r.state])).toEqual([
      ['phi-set-aaaaa', 'succeeded', 'Ready'],
      ['phi-set-bbbbb', 'pending', 'Pending'],
    ]);
  });
});
