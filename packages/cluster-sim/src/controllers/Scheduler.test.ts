import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';

/**
 * The scheduler keeps what each node holds in a cache fed by the store's changes (as
 * kube-scheduler does) instead of summing every pod on every attempt: these check that the
 * cache frees and takes capacity exactly when the pods' state says so.
 */
describe('Scheduler', () => {
  let sim: ClusterSimulator;
  beforeEach(async () => {
    sim = await startClusterSimulator({ installCrds: false, behaviour: { provisioner: { enabled: false }, kubelet: { enabled: false } } });
    sim.api.create(sim.api.scope('', 'v1', 'namespaces'), { metadata: { name: 'demo' } });
  });
  afterEach(() => sim.stop());

  const pods = () => sim.api.scope('', 'v1', 'pods', 'demo');
  const podStatus = () => sim.api.scope('', 'v1', 'pods', 'demo', 'status');
  const nodeOf = (name: string): string | undefined => sim.api.get(pods(), name).spec.nodeName;
  const scheduledMessage = (name: string): string | undefined =>
    sim.api.get(pods(), name).status?.conditions?.find((c: any) => c.type === 'PodScheduled')?.message;

  async function eventually(check: () => boolean) {
    for (let i = 0; i < 300 && !check(); i++) await new Promise(resolve => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  }

  /** A Ready node with one GPU, once the node lifecycle controller has lifted its not-ready taint. */
  async function readyGpuNode(name: string) {
    gpuNode(name);
    await eventually(() => sim.api.get(sim.api.scope('', 'v1', 'nodes'), name).spec.taints === undefined);
  }

  /** A Ready node with one GPU. */
  function gpuNode(name: string) {
    const nodes = sim.api.scope('', 'v1', 'nodes');
    const node = sim.api.create(nodes, { metadata: { name, labels: { pool: 'gpu' } } });
    sim.api.update(sim.api.scope('', 'v1', 'nodes', undefined, 'status'), name, {
      ...node,
      status: { capacity: { cpu: '8', 'nvidia.com/gpu': '1', pods: '110' }, allocatable: { cpu: '8', 'nvidia.com/gpu': '1', pods: '110' }, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
    });
  }

  function gpuPod(name: string) {
    sim.api.create(pods(), {
      metadata: { name },
      spec: { nodeSelector: { pool: 'gpu' }, containers: [{ name: 'c', image: 'x:1', resources: { limits: { 'nvidia.com/gpu': '1' } } }] },
    });
  }

  it('keeps a second GPU pod off a full node, and binds it once the first pod is deleted', async () => {
    await readyGpuNode('gpu-1');
    gpuPod('first');
    await eventually(() => nodeOf('first') === 'gpu-1');
    gpuPod('second');
    await eventually(() => scheduledMessage('second')?.includes('Insufficient nvidia.com/gpu') ?? false);
    expect(nodeOf('second')).toBeUndefined();

    sim.api.delete(pods(), 'first', { gracePeriodSeconds: 0 });
    await eventually(() => nodeOf('second') === 'gpu-1');
  });

  it('counts a pod that has finished as holding nothing', async () => {
    await readyGpuNode('gpu-1');
    gpuPod('job-pod');
    await eventually(() => nodeOf('job-pod') === 'gpu-1');
    gpuPod('next');
    await eventually(() => scheduledMessage('next')?.includes('Insufficient nvidia.com/gpu') ?? false);

    // A finished pod frees its node, but nothing about the nodes changed: the waiting pod is tried
    // again when the next node event comes (as before the cache), here a node outside the pool
    // arriving, so gpu-1 stays the only node that can take it (a second GPU node would race its
    // not-ready taint's lifting against the retry).
    const finished = sim.api.get(pods(), 'job-pod');
    sim.api.update(podStatus(), 'job-pod', { ...finished, status: { ...finished.status, phase: 'Succeeded' } });
    sim.api.create(sim.api.scope('', 'v1', 'nodes'), { metadata: { name: 'cpu-0', labels: { pool: 'cpu' } } });
    // gpu-1 holds only the finished pod, so the waiting pod lands there.
    await eventually(() => nodeOf('next') === 'gpu-1');
    gpuPod('third');
    // Now 'next' holds gpu-1's one GPU: the finished pod still counts for nothing, the active one in full.
    await eventually(() => scheduledMessage('third')?.includes('Insufficient nvidia.com/gpu') ?? false);
    expect(nodeOf('third')).toBeUndefined();
  });

  it('binds pending pods to a node that arrives later, one pod per GPU', async () => {
    gpuPod('a');
    gpuPod('b');
    // Only the simulator's own node is there, and it is not in the pool.
    const unmatched = (name: string) => scheduledMessage(name)?.includes("didn't match Pod's node affinity/selector") ?? false;
    await eventually(() => unmatched('a') && unmatched('b'));
    gpuNode('gpu-1');
    await eventually(() => [nodeOf('a'), nodeOf('b')].filter(Boolean).length === 1);
    // The pods are tried in key order: demo/a first.
    expect(nodeOf('a')).toBe('gpu-1');
    await eventually(() => scheduledMessage('b')?.includes('Insufficient nvidia.com/gpu') ?? false);
  });
});
