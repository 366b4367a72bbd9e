import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubernetesObject } from '@kubernetes/client-node';
import { InferenceSet, isInferenceSetDocument, readYamlDocuments, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

/** Kaito v0.12.0's InferenceSet examples (examples/inference/kaito_inferenceset_*.yaml), as released. */
const EXAMPLES = join(__dirname, '__fixtures__', 'kaito-v0.12-inferenceset-examples');
const PLACEHOLDER = /<[^<>\s][^<>]*>/;

interface Example {
  file: string;
  namespace: string;
  set: InferenceSet;
  /** Documents besides the set, without Secrets whose data is a placeholder (not valid base64). */
  companions: KubernetesObject[];
}

const examples: Example[] = readdirSync(EXAMPLES)
  .sort()
  .map((file, index) => {
    const docs = readYamlDocuments(readFileSync(join(EXAMPLES, file), 'utf8')).map(doc => doc.value as KubernetesObject);
    return {
      file,
      namespace: `set-example-${index}`,
      set: docs.find(isInferenceSetDocument) as unknown as InferenceSet,
      companions: docs.filter(doc => !isInferenceSetDocument(doc) && !(doc.kind === 'Secret' && PLACEHOLDER.test(JSON.stringify(doc)))),
    };
  });
/** The MIG examples need bring-your-own nodes with the enableMIG gate: they name no instance type. */
const needsByoNodes = (example: Example) => example.file.includes('_mig_');
const runnable = examples.filter(example => !needsByoNodes(example));

jest.setTimeout(120_000);

describe("Kaito v0.12's InferenceSet examples on the simulator (builtin controller, gpu-provisioner)", () => {
  let harness: ControllerHarness;

  const readSet = async (example: Example, name = example.set.metadata.name) => {
    try {
      return (await harness.objects.read({ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name, namespace: example.namespace } })) as unknown as InferenceSet;
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  };
  const childrenOf = async (example: Example) =>
    (await harness.list('kaito.sh/v1beta1', 'Workspace', example.namespace, `inferenceset.kaito.sh/created-by=${example.set.metadata.name}`)) as unknown as Workspace[];
  async function waitFor<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what} did not happen; last: ${JSON.stringify(value)}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
  const readyCondition = (set: InferenceSet | undefined) => set?.status?.conditions?.find(c => c.type === 'InferenceSetReady');

  beforeAll(async () => {
    harness = await startControllerHarness({ simulated: false });
    for (const example of examples) {
      await harness.objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: example.namespace } });
      for (const object of [...example.companions, example.set as unknown as KubernetesObject]) {
        await harness.apply({ ...object, metadata: { ...object.metadata, namespace: example.namespace } });
      }
    }
  });
  afterAll(() => harness?.stop());

  it('holds the five examples, each with one InferenceSet', () => {
    expect(examples.map(example => [example.file, example.set.kind])).toEqual([
      ['kaito_inferenceset_llama-3.1_8b_instruct.yaml', 'InferenceSet'],
      ['kaito_inferenceset_mig_mixed_strategy.yaml', 'InferenceSet'],
      ['kaito_inferenceset_mig_single_strategy.yaml', 'InferenceSet'],
      ['kaito_inferenceset_mistral_7b-instruct.yaml', 'InferenceSet'],
      ['kaito_inferenceset_phi_4_mini.yaml', 'InferenceSet'],
    ]);
  });

  it.each(runnable.map(example => [example.file, example] as const))('%s reaches InferenceSetReady with every replica a Ready Workspace it owns', async (_file, example) => {
    const wanted = example.set.spec.replicas ?? 1;
    const set = await waitFor(`${example.file} ready`, () => readSet(example), s => readyCondition(s)?.status === 'True' || readyCondition(s)?.reason === 'InvalidInferenceSet');
    expect(readyCondition(set)).toMatchObject({ status: 'True', reason: 'inferencesetReady', message: 'inferenceset is ready' });
    expect(set!.status).toMatchObject({ replicas: wanted, readyReplicas: wanted, selector: `inferenceset.kaito.sh/created-by=${example.set.metadata.name}` });
    expect(set!.metadata.finalizers).toContain('inferenceset.finalizer.kaito.sh');
    const children = await childrenOf(example);
    expect(children).toHaveLength(wanted);
    for (const child of children) {
      expect(child.metadata.name).toMatch(new RegExp(`^${example.set.metadata.name}-[a-z0-9]{5}$`));
      expect(child.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'InferenceSet', name: example.set.metadata.name, uid: set!.metadata.uid, controller: true })]);
      expect(child.resource).toMatchObject({ instanceType: example.set.spec.template.resource!.instanceType, labelSelector: example.set.spec.labelSelector });
      expect(child.status?.state).toBe('Ready');
    }
  });

  it.each([
    ['kaito_inferenceset_mig_mixed_strategy.yaml', /spec\.template\.resource\.partition: GPU partitioning is only supported with BYO nodes/],
    ['kaito_inferenceset_mig_single_strategy.yaml', /spec\.template\.resource\.instanceType: missing field\(s\)/],
  ])('%s is refused on a gpu-provisioner cluster with Kaito\'s message, and makes no Workspace', async (file, message) => {
    const example = examples.find(e => e.file === file)!;
    const set = await waitFor(`${file} refused`, () => readSet(example), s => readyCondition(s)?.reason === 'InvalidInferenceSet');
    expect(readyCondition(set)).toMatchObject({ status: 'False' });
    expect(readyCondition(set)!.message).toMatch(message);
    expect(await childrenOf(example)).toEqual([]);
  });

  it('scales the llama set down to 1 and up to 3, deleting and creating Workspaces, and reports the count', async () => {
    const example = examples.find(e => e.file.startsWith('kaito_inferenceset_llama'))!;
    const scale = (replicas: number) =>
      harness.objects.patch(
        { apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: example.set.metadata.name, namespace: example.namespace }, spec: { replicas } } as KubernetesObject,
        undefined, undefined, undefined, undefined, 'application/merge-patch+json' as never,
      );
    await scale(1);
    await waitFor('scale to 1', () => childrenOf(example), children => children.length === 1);
    const one = await waitFor('status of 1', () => readSet(example), s => s?.status?.replicas === 1 && readyCondition(s)?.status === 'True');
    expect(one!.status!.readyReplicas).toBe(1);
    await scale(3);
    const three = await waitFor('3 ready', () => readSet(example), s => s?.status?.readyReplicas === 3);
    expect(readyCondition(three)).toMatchObject({ status: 'True' });
    expect(await childrenOf(example)).toHaveLength(3);
  });

  it("adds the template's new labels to the Workspaces made before, as Kaito does", async () => {
    const example = examples.find(e => e.file.startsWith('kaito_inferenceset_mistral'))!;
    await harness.objects.patch(
      { apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: example.set.metadata.name, namespace: example.namespace }, spec: { template: { metadata: { labels: { tier: 'gold' } } } } } as KubernetesObject,
      undefined, undefined, undefined, undefined, 'application/merge-patch+json' as never,
    );
    const children = await waitFor('the label on every child', () => childrenOf(example), list => list.length > 0 && list.every(ws => ws.metadata.labels?.tier === 'gold'));
    expect(children.map(ws => ws.metadata.labels?.['inferenceset.kaito.sh/created-by'])).toEqual(children.map(() => example.set.metadata.name));
  });

  it('holds the phi set at its nodeCountLimit (5 nodes, 1 per replica) and says so', async () => {
    const example = examples.find(e => e.file === 'kaito_inferenceset_phi_4_mini.yaml')!;
    await harness.objects.patch(
      { apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: 'phi-4-mini', namespace: example.namespace }, spec: { replicas: 7 } } as KubernetesObject,
      undefined, undefined, undefined, undefined, 'application/merge-patch+json' as never,
    );
    const set = await waitFor('held at the limit', () => readSet(example), s => readyCondition(s)?.reason === 'NodeCountLimitReached' && s?.status?.readyReplicas === 5);
    expect(readyCondition(set)!.message).toBe('spec.replicas asks for 7 replicas of 1 GPU node each, but nodeCountLimit 5 allows 5; raise nodeCountLimit or lower replicas');
    expect(set!.status!.replicas).toBe(7);
    expect(await childrenOf(example)).toHaveLength(5);
  });

  it('deletes every Workspace of a deleted set, then the set itself', async () => {
    const example = examples.find(e => e.file.startsWith('kaito_inferenceset_mistral'))!;
    await harness.objects.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: example.set.metadata.name, namespace: example.namespace } } as KubernetesObject);
    expect(await waitFor('set gone', () => readSet(example), s => s === undefined)).toBeUndefined();
    expect(await waitFor('children gone', () => childrenOf(example), children => children.length === 0)).toEqual([]);
  });
});
