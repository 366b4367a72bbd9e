import { ClusterSimulator, startClusterSimulator } from '../ClusterSimulator';

const NODECLAIMS = 'nodeclaims.karpenter.sh';

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('NodePoolController', () => {
  let sim: ClusterSimulator;
  beforeAll(async () => {
    sim = await startClusterSimulator({ tls: false, behaviour: { provisioner: { delayMs: 0 }, kubelet: { enabled: false } } });
  });
  afterAll(() => sim.stop());

  const pools = () => sim.api.scope('karpenter.sh', 'v1', 'nodepools');
  const claimsOf = (pool: string) => sim.store.peekAll(NODECLAIMS).filter(c => c.metadata.labels?.['karpenter.sh/nodepool'] === pool && !c.metadata.deletionTimestamp);

  it('keeps spec.replicas NodeClaims of a static pool, from its template, owned by it; they become nodes', async () => {
    const pool = sim.api.create(pools(), {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu' },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { 'kaito.sh/workspace': 'phi' } },
          spec: {
            nodeClassRef: { group: 'karpenter.azure.com', kind: 'AKSNodeClass', name: 'default' },
            requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['Standard_NC24ads_A100_v4'] }],
            taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }],
          },
        },
      },
    });
    const claims = await until(() => (claimsOf('gpu').length === 2 ? claimsOf('gpu') : undefined), 'two claims');
    expect(claims[0]).toMatchObject({
      metadata: {
        labels: { 'kaito.sh/workspace': 'phi', 'karpenter.sh/nodepool': 'gpu' },
        ownerReferences: [{ kind: 'NodePool', name: 'gpu', uid: pool.metadata.uid }],
      },
      spec: { taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }] },
    });
    await until(() => {
      const nodes = sim.store.peekAll('nodes').filter(n => n.metadata.labels?.['karpenter.sh/nodepool'] === 'gpu');
      return nodes.length === 2 ? nodes : undefined;
    }, 'two nodes');

    sim.api.patch(pools(), 'gpu', 'merge', { spec: { replicas: 1 } });
    await until(() => (claimsOf('gpu').length === 1 ? true : undefined), 'one claim left');
  });
});
