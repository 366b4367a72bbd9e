import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(30_000);

const workspace = (name: string, annotations: Record<string, string> = {}): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default', annotations },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: 'phi-4-mini-instruct' } },
});

const refusal = (ws: Workspace) => ws.status?.conditions?.find(c => c.reason === 'InvalidWorkspace');

describe('the controller with the Karpenter provisioner, as Kaito v0.12', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({
      cluster: { provisioner: 'karpenter', nodeClassName: 'image-family', nodeClassNames: ['gpu-spot'] },
    });
  });
  afterAll(() => harness?.stop());

  it("makes one NodePool whose nodes and pods carry Kaito's karpenter.kaito.sh labels", async () => {
    await harness.apply(workspace('pool-phi'));
    await harness.waitForWorkspace('pool-phi', w => w.status?.state === 'Ready', 'Ready');
    const pools = await harness.list('karpenter.sh/v1', 'NodePool', undefined, 'karpenter.kaito.sh/workspace-name=pool-phi');
    expect(pools).toHaveLength(1);
    const [pool] = pools as any[];
    expect(pool.metadata.name).toBe('default-pool-phi');
    expect(pool.metadata.labels).toMatchObject({
      'karpenter.kaito.sh/managed-by': 'kaito',
      'karpenter.kaito.sh/workspace-namespace': 'default',
    });
    expect(pool.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.azure.com', kind: 'AKSNodeClass', name: 'image-family' });
    const nodes = await harness.list('v1', 'Node', undefined, 'karpenter.kaito.sh/workspace-name=pool-phi,karpenter.kaito.sh/workspace-namespace=default');
    expect(nodes).toHaveLength(1);
    const [sts] = (await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=pool-phi')) as any[];
    const [term] = sts.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(term.matchExpressions.map((e: { key: string }) => e.key)).toEqual([
      'apps',
      'karpenter.kaito.sh/workspace-name',
      'karpenter.kaito.sh/workspace-namespace',
    ]);
  });

  it('puts a pool on a NodeClass the cluster offers when the workspace names one', async () => {
    await harness.apply(workspace('pool-spot', { 'kaito.sh/node-class-name': 'gpu-spot' }));
    await harness.waitForWorkspace('pool-spot', w => w.status?.state === 'Ready', 'Ready');
    const [pool] = (await harness.list('karpenter.sh/v1', 'NodePool', undefined, 'karpenter.kaito.sh/workspace-name=pool-spot')) as any[];
    expect(pool.spec.template.spec.nodeClassRef.name).toBe('gpu-spot');
  });

  it("refuses a NodeClass Kaito does not manage with Kaito's message, and makes no pool", async () => {
    await harness.apply(workspace('pool-other', { 'kaito.sh/node-class-name': 'someone-elses' }));
    const ws = await harness.waitForWorkspace('pool-other', w => Boolean(refusal(w)), 'refused');
    expect(refusal(ws)!.message).toBe(
      'metadata.annotations["kaito.sh/node-class-name"]: "someone-elses" is not a KAITO-managed NodeClass, supported values are [gpu-spot image-family]',
    );
    expect(await harness.list('karpenter.sh/v1', 'NodePool', undefined, 'karpenter.kaito.sh/workspace-name=pool-other')).toHaveLength(0);
  });
});
