import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkspaceDocument, readYamlDocuments, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

/** Kaito's quick-start READMEs (tuning, inference, adapters), in several languages. */
const QUICK_STARTS = join(__dirname, '__fixtures__', 'kaito-quick-starts');

/** Every distinct Workspace document in the fenced code blocks of the quick starts, as written. */
function quickStartWorkspaces(): Workspace[] {
  const found = new Map<string, Workspace>();
  for (const file of readdirSync(QUICK_STARTS).sort()) {
    const markdown = readFileSync(join(QUICK_STARTS, file), 'utf8');
    for (const [, block] of markdown.matchAll(/```[\w-]*\n([\s\S]*?)```/g)) {
      for (const doc of readYamlDocuments(block)) {
        if (isWorkspaceDocument(doc.value)) found.set(JSON.stringify(doc.value), doc.value as Workspace);
      }
    }
  }
  return [...found.values()];
}

jest.setTimeout(30_000);

describe('the Kaito quick starts on the simulator', () => {
  const workspaces = quickStartWorkspaces();
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({ simulated: true });
    for (const ws of workspaces) await harness.apply(ws);
  });
  afterAll(() => harness?.stop());

  it('finds the tuning, inference and adapter workspaces, each once', () => {
    expect(workspaces.map(ws => ws.metadata.name).sort()).toEqual([
      'workspace-phi-3-mini',
      'workspace-phi-3-mini-adapter',
      'workspace-tuning-phi-3',
    ]);
    expect(workspaces.every(ws => ws.apiVersion === 'kaito.sh/v1alpha1')).toBe(true);
  });

  // Kaito v0.12's webhook refuses any adapter strength with vLLM, the default runtime, and the
  // adapter quick start sets strength "1.0": a v0.12 cluster refuses it as written, and so do we.
  const refusedAsWritten = (ws: Workspace) => Boolean(ws.inference?.adapters?.some(a => a.strength !== undefined));
  const inference = quickStartWorkspaces().filter(ws => !ws.tuning && !refusedAsWritten(ws));

  it('holds exactly one inference quick start Kaito v0.12 refuses as written: the adapter one', () => {
    expect(quickStartWorkspaces().filter(refusedAsWritten).map(ws => ws.metadata.name)).toEqual(['workspace-phi-3-mini-adapter']);
  });

  it.each(inference.map(ws => [ws.metadata.name]))('%s reaches Ready as written', async name => {
    const ws = await harness.waitForWorkspace(name, w => w.status?.state === 'Ready', 'Ready');
    expect(ws.status?.conditions?.every(c => c.status === 'True')).toBe(true);
    expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, `kaito.sh/workspace=${name}`)).toHaveLength(1);
  });

  it("workspace-phi-3-mini-adapter is refused with Kaito's message and provisions nothing", async () => {
    const ws = await harness.waitForWorkspace(
      'workspace-phi-3-mini-adapter',
      w => Boolean(w.status?.conditions?.some(c => c.reason === 'InvalidWorkspace')),
      'refused',
    );
    const refusal = ws.status!.conditions!.find(c => c.reason === 'InvalidWorkspace')!;
    expect(refusal.status).toBe('False');
    expect(refusal.message).toBe(
      'inference.adapters[0].strength: Runtime validation: vLLM does not support adapter strength; remove strength or set the annotation kaito.sh/runtime: transformers',
    );
    expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=workspace-phi-3-mini-adapter')).toHaveLength(0);
  });

  it('runs the adapter quick start once it selects the transformers runtime, where strength applies', async () => {
    const [adapter] = quickStartWorkspaces().filter(refusedAsWritten);
    const name = 'workspace-phi-3-mini-adapter-hf';
    await harness.apply({
      ...adapter,
      metadata: { ...adapter.metadata, name, annotations: { ...adapter.metadata.annotations, 'kaito.sh/runtime': 'transformers' } },
      resource: { ...adapter.resource, labelSelector: { matchLabels: { apps: name } } },
    });
    const ws = await harness.waitForWorkspace(name, w => w.status?.state === 'Ready', 'Ready');
    expect(ws.status?.conditions?.every(c => c.status === 'True')).toBe(true);
  });

  // Like Kaito's webhook, tuning is not sized (only warned about): phi-3 qlora wants 72 GiB and
  // Standard_NC6s_v3 has 16, yet the quick start is accepted as written.
  it('workspace-tuning-phi-3 reaches Succeeded as written', async () => {
    const ws = await harness.waitForWorkspace(
      'workspace-tuning-phi-3',
      w => w.status?.state === 'Succeeded' || w.status?.state === 'Failed',
      'Succeeded or Failed',
    );
    expect(ws.status?.state).toBe('Succeeded');
  });
});
