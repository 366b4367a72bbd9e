import { CoreV1Api, KubeConfig, makeInformer, V1ConfigMap } from '@kubernetes/client-node';
import { startClusterSimulator } from '../ClusterSimulator';
import { ClusterSimulator } from '../ClusterSimulator';
import { waitFor } from '../conformance/__testUtils__/testCluster';

describe('client-node informers against the simulator', () => {
  let sim: ClusterSimulator;
  let kc: KubeConfig;

  beforeAll(async () => {
    // A small history makes resumed watches expire, so informers must relist (410) as well as resume.
    sim = await startClusterSimulator({ installCrds: false, watch: { historySize: 40, bookmarkIntervalMs: 50 } });
    kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
  });
  afterAll(() => sim.stop());

  it('keeps an exact cache through dropped watches and expired resourceVersions', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = 'informer';
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    const informer = makeInformer<V1ConfigMap>(kc, `/api/v1/namespaces/${namespace}/configmaps`, () =>
      core.listNamespacedConfigMap({ namespace }),
    );
    const errors: unknown[] = [];
    let stopping = false;
    informer.on('error', error => {
      // Stopping aborts the request, which client-node reports as an error.
      if (stopping) return;
      errors.push(error);
      setTimeout(() => informer.start(), 10);
    });
    await informer.start();
    let drops = 0;
    for (let round = 0; round < 15; round++) {
      for (let i = 0; i < 20; i++) {
        const name = `cm-${round}-${i}`;
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data: { round: String(round) } } });
        if (i % 3 === 0) await core.replaceNamespacedConfigMap({ namespace, name, body: { metadata: { name }, data: { round: String(round), updated: 'yes' } } });
        if (i % 5 === 0 && round > 0) await core.deleteNamespacedConfigMap({ namespace, name: `cm-${round - 1}-${i}` });
      }
      drops += sim.faults.dropWatches('configmaps');
    }
    const expected = () => new Map(sim.store.list('configmaps', namespace).map(o => [o.metadata.name!, o.metadata.resourceVersion]));
    await waitFor(() => {
      const want = expected();
      const have = informer.list(namespace);
      return have.length === want.size && have.every(o => want.get(o.metadata!.name!) === o.metadata!.resourceVersion);
    }, 60_000);
    stopping = true;
    await informer.stop();
    expect(drops).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    // About 400 requests and then a wait of up to 60 s: Jest's default 5 s is too short for a loaded CI machine.
  }, 90_000);
});
