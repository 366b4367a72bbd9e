import { KubeObject } from '../types';
import { applyBuiltinDefaults, validateBuiltin } from './builtinDefaults';

const job = (spec: any): KubeObject => ({
  metadata: { name: 'tune', uid: 'u-1' },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x:1' }] } } },
});

describe('applyBuiltinDefaults', () => {
  describe('Jobs', () => {
    it.each([
      ['neither completions nor parallelism', {}, { completions: 1, parallelism: 1 }],
      ['parallelism only (a work queue)', { parallelism: 3 }, { completions: undefined, parallelism: 3 }],
      ['completions only', { completions: 4 }, { completions: 4, parallelism: 1 }],
    ])('with %s', (_name, spec, expected) => {
      const object = job(spec);
      applyBuiltinDefaults('jobs.batch', object, true);
      expect(object.spec).toMatchObject({ parallelism: expected.parallelism, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
      expect(object.spec.completions).toBe(expected.completions);
    });

    it('selects its pods by uid and labels itself like its template', () => {
      const object = job({});
      applyBuiltinDefaults('jobs.batch', object, true);
      expect(object.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
      expect(object.metadata.labels).toEqual({
        'batch.kubernetes.io/controller-uid': 'u-1',
        'batch.kubernetes.io/job-name': 'tune',
        'controller-uid': 'u-1',
        'job-name': 'tune',
      });
      expect(object.spec.template.metadata.creationTimestamp).toBeNull();
    });

    it('defaults podReplacementPolicy to Failed with a pod failure policy', () => {
      const object = job({ podFailurePolicy: { rules: [] } });
      applyBuiltinDefaults('jobs.batch', object, true);
      expect(object.spec.podReplacementPolicy).toBe('Failed');
    });
  });

  it('gives a new Node the not-ready NoSchedule taint, beside its own', () => {
    const node: KubeObject = { metadata: { name: 'n' }, spec: { taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }] } };
    applyBuiltinDefaults('nodes', node, true);
    expect(node.spec.taints).toEqual([
      { key: 'sku', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });

  it('gives a Pod its service account, priority and the default NoExecute tolerations', () => {
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { limits: { cpu: '1' } } }] } };
    applyBuiltinDefaults('pods', pod, true);
    expect(pod.spec).toMatchObject({
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      enableServiceLinks: true,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    expect(pod.spec.containers[0].resources.requests).toEqual({ cpu: '1' });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  });
});

describe('validateBuiltin', () => {
  it.each([
    [{ leaseDurationSeconds: 15, leaseTransitions: 0 }, []],
    [{ leaseDurationSeconds: 0 }, ['spec.leaseDurationSeconds']],
    [{ leaseTransitions: -1 }, ['spec.leaseTransitions']],
    [{ preferredHolder: 'b' }, ['spec.preferredHolder']],
  ])('checks the Lease spec %j', (spec, fields) => {
    expect(validateBuiltin('leases.coordination.k8s.io', { metadata: { name: 'l' }, spec }).map(c => c.field)).toEqual(fields);
  });
});
