import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubernetesObject } from '@kubernetes/client-node';
import { isWorkspaceDocument, readYamlDocuments, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

/** Kaito v0.12.0's own example Workspaces (examples/inference, examples/fine-tuning), as released. */
const EXAMPLES = join(__dirname, '__fixtures__', 'kaito-v0.12-examples');

/** Values the examples leave for the user to fill in: `<your_token>` or `ACR_REPO_HERE`. */
const PLACEHOLDER = /<[^<>\s][^<>]*>|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE\b/g;

function placeholdersIn(value: unknown): string[] {
  return [...new Set(JSON.stringify(value).match(PLACEHOLDER) ?? [])];
}

interface Example {
  file: string;
  /** Each file gets its own namespace: several examples share a workspace name. */
  namespace: string;
  workspace: Workspace;
  /** ConfigMaps and PVCs the workspace uses. */
  companions: KubernetesObject[];
  placeholders: string[];
}

function readExamples(): Example[] {
  return readdirSync(EXAMPLES)
    .sort()
    .map((file, index) => {
      const docs = readYamlDocuments(readFileSync(join(EXAMPLES, file), 'utf8')).map(doc => doc.value as KubernetesObject);
      const workspace = docs.find(isWorkspaceDocument) as unknown as Workspace;
      return {
        file,
        namespace: `example-${index}`,
        workspace,
        // A Secret whose data is a placeholder is not valid base64; the workspaces name it optional.
        companions: docs.filter(doc => !isWorkspaceDocument(doc) && !(doc.kind === 'Secret' && placeholdersIn(doc).length)),
        placeholders: placeholdersIn(workspace),
      };
    });
}

const examples = readExamples();
const runnable = examples.filter(example => example.placeholders.length === 0 && !needsByoNodes(example.workspace));
const withPlaceholders = examples.filter(example => example.placeholders.length > 0);

/** GPU partitions run only on your own nodes; the harness provisions nodes. */
function needsByoNodes(workspace: Workspace): boolean {
  return Boolean(workspace.resource.partition);
}

jest.setTimeout(120_000);

describe("Kaito v0.12's example workspaces on the simulator", () => {
  let harness: ControllerHarness;

  async function waitFor(example: Example, check: (ws: Workspace) => boolean, what: string): Promise<Workspace> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ws = await harness.getWorkspace(example.workspace.metadata.name, example.namespace);
      if (ws && check(ws)) return ws;
      if (Date.now() > deadline) throw new Error(`${example.file} did not become ${what}; last status: ${JSON.stringify(ws?.status)}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
  const refusal = (ws: Workspace) => ws.status?.conditions?.find(c => c.reason === 'InvalidWorkspace');

  beforeAll(async () => {
    // A real cluster's rules: placeholder images are refused, as Kaito's webhook refuses them.
    harness = await startControllerHarness({ simulated: false });
    for (const example of examples) {
      await harness.objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: example.namespace } });
      for (const object of [...example.companions, example.workspace as unknown as KubernetesObject]) {
        await harness.apply({ ...object, metadata: { ...object.metadata, namespace: example.namespace } });
      }
    }
  });
  afterAll(() => harness?.stop());

  it('holds every example with a Workspace, each read as one', () => {
    expect(examples).toHaveLength(34);
    expect(examples.every(example => example.workspace?.kind === 'Workspace')).toBe(true);
    expect(withPlaceholders.map(example => example.file)).toEqual([
      'kaito_workspace_phi_3_with_adapters.yaml',
      'kaito_workspace_tuning_falcon_7b_mental.yaml',
      'kaito_workspace_tuning_falcon_7b_oai.yaml',
      'kaito_workspace_tuning_phi_3.yaml',
    ]);
  });

  it.each(runnable.map(example => [example.file, example.workspace.tuning ? 'Succeeded' : 'Ready', example] as const))(
    '%s reaches %s as written',
    async (_file, state, example) => {
      const ws = await waitFor(example, w => w.status?.state === state || Boolean(refusal(w)), state);
      expect(refusal(ws)).toBeUndefined();
      expect(ws.status?.state).toBe(state);
    },
  );

  it.each(withPlaceholders.map(example => [example.file, example.placeholders.join(', '), example] as const))(
    '%s is refused, naming its placeholder %s',
    async (_file, _placeholders, example) => {
      const ws = await waitFor(example, w => Boolean(refusal(w)), 'refused');
      expect(example.placeholders.some(placeholder => refusal(ws)!.message!.includes(placeholder))).toBe(true);
    },
  );

  it('refuses the falcon tuning examples as Kaito v0.12 does: the preset is gone', async () => {
    for (const example of examples.filter(e => e.workspace.tuning?.preset.name === 'falcon-7b')) {
      const ws = await waitFor(example, w => Boolean(refusal(w)), 'refused');
      expect(refusal(ws)!.message).toContain('Unsupported tuning preset name falcon-7b');
    }
  });

  it('refuses the adapter example also for its strength, which vLLM does not support in Kaito v0.12', async () => {
    const [example] = examples.filter(e => e.file === 'kaito_workspace_phi_3_with_adapters.yaml');
    const ws = await waitFor(example, w => Boolean(refusal(w)), 'refused');
    expect(refusal(ws)!.message).toContain('inference.adapters[0].strength: Runtime validation: vLLM does not support adapter strength');
  });

  it('refuses the GPU-partition example on provisioned nodes, as Kaito does', async () => {
    const [example] = examples.filter(e => needsByoNodes(e.workspace));
    expect(example.file).toBe('kaito_workspace_accelerator.yaml');
    const ws = await waitFor(example, w => Boolean(refusal(w)), 'refused');
    expect(refusal(ws)!.message).toMatch(/GPU partitioning is only supported with BYO nodes/);
  });
});
