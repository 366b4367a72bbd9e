import { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { KaitoLabels } from '@kaito-backstage/plugin-kaito-common';
import { ClusterCache } from './ClusterCache';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('ClusterCache objects', () => {
  it('hold times as the API server wrote them (strings), whether listed at start or watched since', async () => {
    const sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false } } });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    const service = (name: string) =>
      ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { [KaitoLabels.workspace]: 'ws' } }, spec: { ports: [{ port: 80 }] } }) as any;
    const services = sim.api.scope('', 'v1', 'services', 'default');
    sim.api.create(services, service('listed'), { fieldManager: 'test' });
    const seen: string[] = [];
    const cache = new ClusterCache({ kubeConfig, onEvent: ({ object }) => seen.push(object.metadata!.name!) });
    try {
      await cache.start(['Service']);
      sim.api.create(services, service('watched'), { fieldManager: 'test' });
      for (let waited = 0; !seen.includes('watched') && waited < 5000; waited += 20) await new Promise(r => setTimeout(r, 20));
      for (const name of ['listed', 'watched']) {
        const cached = cache.get<KubernetesObject>('Service', name, 'default');
        // The list's items gain the apiVersion and kind a real server leaves out of them.
        expect(cached).toMatchObject({ apiVersion: 'v1', kind: 'Service' });
        expect(cached?.metadata?.creationTimestamp).toMatch(TIME);
      }
    } finally {
      await cache.stop();
      await sim.stop();
    }
  });
});
