import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';
import { KubeObject } from '../types';
import { desiredConditionTaints } from './NodeLifecycleController';

const ready = (status: string) => ({ status: { conditions: [{ type: 'Ready', status }] } });
const taint = (key: string) => ({ key, effect: 'NoSchedule' });

describe('desiredConditionTaints', () => {
  it.each([
    ['Ready=True', { ...ready('True'), spec: { taints: [taint('node.kubernetes.io/not-ready')] } }, []],
    ['Ready=False', ready('False'), ['node.kubernetes.io/not-ready']],
    ['Ready=Unknown', ready('Unknown'), ['node.kubernetes.io/unreachable']],
    ['no Ready condition yet, after admission', { spec: { taints: [taint('node.kubernetes.io/not-ready')] } }, ['node.kubernetes.io/not-ready']],
    ['cordoned and Ready', { ...ready('True'), spec: { unschedulable: true } }, ['node.kubernetes.io/unschedulable']],
    [
      'under memory pressure',
      { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'True' }] } },
      ['node.kubernetes.io/memory-pressure'],
    ],
  ])('for a node %s', (_name, node, expected) => {
    expect(desiredConditionTaints({ metadata: { name: 'n' }, ...node } as KubeObject)).toEqual(expected);
  });
});

describe('the node admission taint and its removal', () => {
  let sim: ClusterSimulator;
  beforeEach(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
  });
  afterEach(() => sim.stop());

  async function eventually(check: () => boolean) {
    for (let i = 0; i < 200 && !check(); i++) await new Promise(resolve => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  }

  it('taints a new Node not-ready:NoSchedule, keeps pods off it until it reports Ready, then lifts the taint', async () => {
    const { api } = sim;
    const nodes = api.scope('', 'v1', 'nodes');
    const created = api.create(nodes, { metadata: { name: 'gpu-1', labels: { pool: 'gpu' } }, spec: {} });
    expect(created.spec.taints).toEqual([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);

    api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
    api.create(api.scope('', 'v1', 'pods', 'demo'), {
      metadata: { name: 'p' },
      spec: { nodeSelector: { pool: 'gpu' }, containers: [{ name: 'c', image: 'x:1' }] },
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    const pending = api.get(api.scope('', 'v1', 'pods', 'demo'), 'p');
    expect(pending.spec.nodeName).toBeUndefined();
    expect(pending.status.conditions?.find((c: any) => c.type === 'PodScheduled')?.message).toContain('untolerated taint {node.kubernetes.io/not-ready: }');
    expect(api.get(nodes, 'gpu-1').spec.taints).toHaveLength(1);

    const node = api.get(nodes, 'gpu-1');
    api.update(api.scope('', 'v1', 'nodes', undefined, 'status'), 'gpu-1', {
      ...node,
      status: { capacity: { cpu: '8', memory: '32Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
    });
    await eventually(() => api.get(nodes, 'gpu-1').spec.taints === undefined);
    await eventually(() => api.get(api.scope('', 'v1', 'pods', 'demo'), 'p').spec.nodeName === 'gpu-1');
  });
});

describe('scheduling onto a node that is not Ready yet', () => {
  let sim: ClusterSimulator;
  beforeEach(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
  });
  afterEach(() => sim.stop());

  it('binds a pod that tolerates the not-ready taint, as DaemonSet pods do, and leaves the others Pending', async () => {
    const { api } = sim;
    api.create(api.scope('', 'v1', 'nodes'), { metadata: { name: 'fresh', labels: { pool: 'fresh' } } });
    api.create(api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
    const pods = api.scope('', 'v1', 'pods', 'demo');
    const pod = (name: string, tolerations: unknown[]) => ({
      metadata: { name },
      spec: { nodeSelector: { pool: 'fresh' }, tolerations, containers: [{ name: 'c', image: 'x:1' }] },
    });
    api.create(pods, pod('tolerant', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }]));
    api.create(pods, pod('plain', []));
    for (let i = 0; i < 200 && !api.get(pods, 'tolerant').spec.nodeName; i++) await new Promise(resolve => setTimeout(resolve, 10));
    expect(api.get(pods, 'tolerant').spec.nodeName).toBe('fresh');
    expect(api.get(pods, 'plain').spec.nodeName).toBeUndefined();
  });
});
