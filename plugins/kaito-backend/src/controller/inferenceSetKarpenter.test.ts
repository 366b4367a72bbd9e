import { InferenceSet, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { eventually } from '../__testUtils__/eventually';

jest.setTimeout(60_000);

const set: InferenceSet = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'InferenceSet',
  metadata: { name: 'pool-set', namespace: 'default' },
  spec: {
    replicas: 2,
    labelSelector: { matchLabels: { apps: 'pool-set' } },
    template: { resource: { instanceType: 'Standard_NC24ads_A100_v4' }, inference: { preset: { name: 'phi-4-mini-instruct' } } },
  },
};

describe('an InferenceSet with the Karpenter provisioner, as Kaito v0.12', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({ cluster: { provisioner: 'karpenter', nodeClassName: 'image-family' } });
  });
  afterAll(() => harness?.stop());

  it("gives each replica its own NodePool labelled with the set (Kaito's karpenter.kaito.sh/inferenceset) and reaches Ready", async () => {
    await harness.apply(set);
    const ready = await eventually(async () => {
      const [current] = (await harness.list('kaito.sh/v1beta1', 'InferenceSet', 'default')) as unknown as InferenceSet[];
      return current?.status?.readyReplicas === 2 ? current : undefined;
    }, 'both replicas Ready', 45_000);
    expect(ready.status?.conditions?.find(c => c.type === 'InferenceSetReady')?.status).toBe('True');
    const children = (await harness.list('kaito.sh/v1beta1', 'Workspace', 'default', 'inferenceset.kaito.sh/created-by=pool-set')) as unknown as Workspace[];
    const pools = (await harness.list('karpenter.sh/v1', 'NodePool', undefined, 'karpenter.kaito.sh/inferenceset=pool-set')) as any[];
    expect(pools.map(p => p.metadata.labels['karpenter.kaito.sh/workspace-name']).sort()).toEqual(children.map(c => c.metadata.name).sort());
    expect(pools.every(p => p.metadata.labels['karpenter.kaito.sh/inferenceset-namespace'] === 'default')).toBe(true);
  });
});
