import http from 'node:http';
import { CustomObjectsApi, KubeConfig, KubernetesObjectApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { eventually } from '../__testUtils__/eventually';

jest.setTimeout(60_000);

/**
 * Observe mode: a real Kaito operator reconciles the cluster's InferenceSets; the portal
 * shows what it reports (here the test writes the operator's status and children) and
 * writes nothing itself.
 */
describe('InferenceSets on an observe-mode cluster', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  let admin: KubernetesObjectApi;
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false } } });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    admin = KubernetesObjectApi.makeApiClient(kc);
    custom = kc.makeApiClient(CustomObjectsApi);
    server = (await startKaitoApi(sim, { cluster: { mode: 'observe' } })).server;
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it("shows Kaito's status and replicas as written, and adds no finalizer or child", async () => {
    const created = (await admin.create({
      apiVersion: 'kaito.sh/v1alpha1',
      kind: 'InferenceSet',
      metadata: { name: 'phi-4-mini', namespace: 'default' },
      spec: {
        replicas: 2,
        labelSelector: { matchLabels: { apps: 'phi-4-mini' } },
        template: { resource: { instanceType: 'Standard_NC24ads_A100_v4' }, inference: { preset: { name: 'phi-4-mini-instruct' } } },
      },
    } as never)) as { metadata: { uid: string } };
    // The operator's child Workspace and status.
    await admin.create({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: {
        name: 'phi-4-mini-k8s2f',
        namespace: 'default',
        labels: { 'inferenceset.kaito.sh/created-by': 'phi-4-mini' },
        ownerReferences: [{ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', name: 'phi-4-mini', uid: created.metadata.uid, controller: true }],
      },
      resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi-4-mini' } } },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
    } as never);
    // Status goes through the status subresource, as the operator writes it.
    await custom.patchNamespacedCustomObjectStatus(
      {
        group: 'kaito.sh',
        version: 'v1beta1',
        namespace: 'default',
        plural: 'inferencesets',
        name: 'phi-4-mini',
        fieldManager: 'kaito',
        body: {
          status: {
            replicas: 2,
            readyReplicas: 0,
            selector: 'inferenceset.kaito.sh/created-by=phi-4-mini',
            conditions: [{ type: 'InferenceSetReady', status: 'False', reason: 'inferencesetNotReady', message: 'inferenceset is not ready, 0/2 replicas are ready', lastTransitionTime: '2026-12-01T12:00:00Z' }],
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const shown = await eventually(async () => {
      const res = await request(server).get('/api/kaito/inferencesets/sim/default/phi-4-mini');
      return res.status === 200 && res.body.message ? res.body : undefined;
    }, 'the set as Kaito reports it');
    expect(shown).toMatchObject({
      replicas: 2,
      readyReplicas: 0,
      ready: false,
      reason: 'inferencesetNotReady',
      message: 'inferenceset is not ready, 0/2 replicas are ready',
      replicaWorkspaces: [{ name: 'phi-4-mini-k8s2f', phase: 'pending', deleting: false }],
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    const stored = sim.store.peek('inferencesets.kaito.sh', 'default', 'phi-4-mini')!;
    expect(stored.metadata.finalizers).toBeUndefined();
    expect(sim.store.peekAll('workspaces.kaito.sh', 'default')).toHaveLength(1);
  });
});
