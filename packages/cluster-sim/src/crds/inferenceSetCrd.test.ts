import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startClusterSimulator } from '../ClusterSimulator';
import { statusOf } from '../conformance/__testUtils__/testCluster';
import { requestWithKubeConfig } from '../__testUtils__/requestWithKubeConfig';

const group = 'kaito.sh';
const plural = 'inferencesets';

/** Kaito v0.12's phi-4-mini example (examples/inference/kaito_inferenceset_phi_4_mini.yaml). */
const phi = (name: string, version = 'v1alpha1', spec: Record<string, unknown> = {}) => ({
  apiVersion: `${group}/${version}`,
  kind: 'InferenceSet',
  metadata: { name, annotations: { 'scaledobject.kaito.sh/auto-provision': 'true' } },
  spec: {
    nodeCountLimit: 5,
    labelSelector: { matchLabels: { apps: 'phi-4-mini' } },
    template: { inference: { preset: { accessMode: 'public', name: 'phi-4-mini-instruct' } }, resource: { instanceType: 'Standard_NC24ads_A100_v4' } },
    ...spec,
  },
});

describe('the simulator serves inferencesets.kaito.sh as Kaito v0.12 ships it', () => {
  let cluster: { kc: KubeConfig; namespace: string; close: () => Promise<void> };
  let custom: CustomObjectsApi;
  const create = (body: unknown, version = 'v1alpha1') =>
    custom.createNamespacedCustomObject({ group, version, plural, namespace: cluster.namespace, body });

  beforeAll(async () => {
    // The default CRDs, as the embedded cluster installs them; no controllers needed here.
    const sim = await startClusterSimulator({
      behaviour: { provisioner: { enabled: false }, scheduler: { enabled: false }, kubelet: { enabled: false } },
    });
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'sets' } } });
    cluster = { kc, namespace: 'sets', close: () => sim.stop() };
    custom = cluster.kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => cluster.close());

  it('creates the example with the schema defaults: 1 replica, RollingUpdate with maxUnavailable 1', async () => {
    const created: any = await create(phi('phi-4-mini'));
    expect(created.spec.replicas).toBe(1);
    expect(created.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(created.metadata.generation).toBe(1);
  });

  it('serves the set created as v1alpha1 under v1beta1, its storage version', async () => {
    const read: any = await custom.getNamespacedCustomObject({ group, version: 'v1beta1', plural, namespace: cluster.namespace, name: 'phi-4-mini' });
    expect(read.apiVersion).toBe('kaito.sh/v1beta1');
    expect(read.spec.template.inference.preset.name).toBe('phi-4-mini-instruct');
  });

  it.each([
    ['negative replicas', phi('neg', 'v1beta1', { replicas: -1 }), 'spec.replicas', 'FieldValueInvalid'],
    ['a string replica count', phi('str', 'v1beta1', { replicas: 'two' }), 'spec.replicas', 'FieldValueTypeInvalid'],
    ['no labelSelector', { ...phi('nosel', 'v1beta1'), spec: { template: phi('x').spec.template } }, 'spec.labelSelector', 'FieldValueRequired'],
    ['no template inference', phi('noinf', 'v1beta1', { template: { resource: {} } }), 'spec.template.inference', 'FieldValueRequired'],
    ['a bad partition mode', phi('badmode', 'v1beta1', { template: { inference: {}, resource: { partition: { mode: 'slices' } } } }), 'spec.template.resource.partition.mode', 'FieldValueNotSupported'],
    ['a bad upgrade strategy', phi('badup', 'v1beta1', { autoUpgrade: { strategy: 'Blue' } }), 'spec.autoUpgrade.strategy', 'FieldValueNotSupported'],
  ])('refuses %s with 422 and a field cause', async (_what, body, field, reason) => {
    const { code, body: status } = await statusOf(create(body, 'v1beta1'));
    expect(code).toBe(422);
    expect(status.details.causes).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason })]));
  });

  it('prunes a partition sent to v1alpha1, which has none, and keeps it in v1beta1', async () => {
    const template = { inference: { preset: { name: 'phi-4-mini-instruct' } }, resource: { partition: { mode: 'mig', profile: '2g.24gb' } } };
    const alpha: any = await create(phi('alpha-mig', 'v1alpha1', { template }));
    expect(alpha.spec.template.resource).toEqual({});
    const beta: any = await create(phi('beta-mig', 'v1beta1', { template }), 'v1beta1');
    expect(beta.spec.template.resource.partition).toEqual({ mode: 'mig', profile: '2g.24gb' });
  });

  it('keeps status writes to the status subresource', async () => {
    const target = { group, version: 'v1beta1', plural, namespace: cluster.namespace, name: 'phi-4-mini' };
    const patched: any = await custom.patchNamespacedCustomObjectStatus(
      { ...target, body: { status: { replicas: 1, readyReplicas: 0, selector: 'inferenceset.kaito.sh/created-by=phi-4-mini' }, spec: { replicas: 9 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.status).toMatchObject({ replicas: 1, readyReplicas: 0 });
    expect(patched.spec.replicas).toBe(1);
  });

  describe('the scale subresource', () => {
    const path = () => `/apis/kaito.sh/v1beta1/namespaces/${cluster.namespace}/inferencesets/phi-4-mini/scale`;

    it('reads an autoscaling/v1 Scale from spec.replicas, status.replicas and status.selector', async () => {
      const { status, text } = await requestWithKubeConfig(cluster.kc, 'GET', path());
      expect(status).toBe(200);
      expect(JSON.parse(text)).toMatchObject({
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: 'phi-4-mini', namespace: cluster.namespace },
        spec: { replicas: 1 },
        status: { replicas: 1, selector: 'inferenceset.kaito.sh/created-by=phi-4-mini' },
      });
    });

    it('writes spec.replicas by PUT and by merge patch, as kubectl scale and KEDA do', async () => {
      const scale = JSON.parse((await requestWithKubeConfig(cluster.kc, 'GET', path())).text);
      const put = await requestWithKubeConfig(cluster.kc, 'PUT', path(), { ...scale, spec: { replicas: 3 } });
      expect(put.status).toBe(200);
      expect(JSON.parse(put.text).spec.replicas).toBe(3);
      const patched = await requestWithKubeConfig(cluster.kc, 'PATCH', path(), { spec: { replicas: 2 } }, 'application/merge-patch+json');
      expect(patched.status).toBe(200);
      const set: any = await custom.getNamespacedCustomObject({ group, version: 'v1beta1', plural, namespace: cluster.namespace, name: 'phi-4-mini' });
      expect(set.spec.replicas).toBe(2);
      expect(set.metadata.generation).toBe(3);
    });

    it('refuses a negative count (422) and a stale resourceVersion (409)', async () => {
      const negative = await requestWithKubeConfig(cluster.kc, 'PATCH', path(), { spec: { replicas: -1 } }, 'application/merge-patch+json');
      expect(negative.status).toBe(422);
      expect(JSON.parse(negative.text).details.causes[0]).toMatchObject({ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' });
      const stale = await requestWithKubeConfig(cluster.kc, 'PUT', path(), { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'phi-4-mini', resourceVersion: '1' }, spec: { replicas: 4 } });
      expect(stale.status).toBe(409);
    });
  });

  it('lists the set in discovery with its short names and the scale subresource', async () => {
    const { status, text } = await requestWithKubeConfig(cluster.kc, 'GET', '/apis/kaito.sh/v1beta1');
    expect(status).toBe(200);
    const resources = JSON.parse(text).resources.map((r: any) => [r.name, r.shortNames ?? []]);
    expect(resources).toEqual(expect.arrayContaining([['inferencesets', ['is', 'isets']], ['inferencesets/status', []], ['inferencesets/scale', []]]));
  });
});
