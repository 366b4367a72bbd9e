import { CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '../ClusterSimulator';
import { requestWithKubeConfig } from '../__testUtils__/requestWithKubeConfig';

/** An inference pod serving `model`, labelled for one Service, made Ready by hand (no kubelet). */
function inferencePod(name: string, model: string) {
  return {
    metadata: { name, labels: { app: 'pool' } },
    spec: {
      containers: [
        {
          name: 'model',
          image: 'mcr.microsoft.com/aks/kaito/kaito-base:0.5.0',
          command: ['/bin/sh', '-c', `python3 /workspace/vllm/inference_api.py --served-model-name=${model}`],
          ports: [{ name: 'http', containerPort: 5000 }],
        },
      ],
    },
  };
}

describe('the service proxy spreads requests over ready endpoints', () => {
  let sim: ClusterSimulator;
  let kc: KubeConfig;

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { scheduler: { enabled: false }, kubelet: { enabled: false }, provisioner: { enabled: false } } });
    kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedService({ namespace: 'default', body: { metadata: { name: 'pool' }, spec: { selector: { app: 'pool' }, ports: [{ port: 80, targetPort: 'http' as never }] } } });
    for (const [name, model] of [['replica-a', 'model-a'], ['replica-b', 'model-b'], ['replica-c', 'model-c']]) {
      await core.createNamespacedPod({ namespace: 'default', body: inferencePod(name, model) as never });
      // replica-c stays not Ready: it gets no request.
      if (name === 'replica-c') continue;
      await core.patchNamespacedPodStatus(
        {
          namespace: 'default',
          name,
          body: { status: { phase: 'Running', podIP: '10.0.0.1', startTime: '2026-01-01T00:00:00Z', conditions: [{ type: 'Ready', status: 'True' }] } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    }
  });
  afterAll(() => sim?.stop());

  it('answers from each ready pod in turn, never from a pod that is not Ready', async () => {
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { status, text } = await requestWithKubeConfig(kc, 'GET', '/api/v1/namespaces/default/services/pool:80/proxy/v1/models');
      expect(status).toBe(200);
      served.push(JSON.parse(text).data[0].id);
    }
    expect(served).toEqual(['model-a', 'model-b', 'model-a', 'model-b']);
  });
});
