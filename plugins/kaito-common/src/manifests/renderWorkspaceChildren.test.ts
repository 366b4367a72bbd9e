import fs from 'node:fs';
import path from 'node:path';
import { Workspace } from '../api/workspace';
import { parseWorkspace } from '../schema/parseWorkspace';
import { parseWorkspaceDocuments } from '../schema/parseWorkspaceYaml';
import { listWorkspaceChildren, renderWorkloadObjects, renderWorkspaceChildren } from './renderWorkspaceChildren';
import { resolveRenderContext } from './renderContext';
import { RenderSettings } from './renderSettings';
import { manifestsToYaml } from './toYaml';
import { byoGpuShape } from '../sku/byoGpuShape';

const goldenDir = path.join(__dirname, '__golden__');
const azure: RenderSettings = { cloud: 'azure', provisioner: 'gpu-provisioner', now: () => new Date('2026-01-02T03:04:05Z') };

function workspace(yaml: object): Workspace {
  const result = parseWorkspace(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.workspace;
}

const base = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'ws-phi', namespace: 'team-a', uid: '0b5c2f0e-1111-4222-8333-444455556666' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi' } } },
};

const fourA100Shape = byoGpuShape([
  { name: 'gpu-node-1', labels: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/gpu.count': '4', 'nvidia.com/gpu.memory': '81920' } },
]);
const fourA100Node = fourA100Shape.ok ? fourA100Shape.sku : undefined;

const scenarios: [string, Workspace, RenderSettings][] = [
  ['single-node-vllm', workspace({ ...base, inference: { preset: { name: 'phi-4-mini-instruct' } } }), azure],
  [
    'single-node-transformers-lb',
    workspace({
      ...base,
      metadata: { ...base.metadata, annotations: { 'kaito.sh/runtime': 'transformers', 'kaito.sh/enablelb': 'True' } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    }),
    azure,
  ],
  [
    'catalog-model-over-two-nodes',
    workspace({ ...base, metadata: { ...base.metadata, name: 'ws-gpt-oss' }, inference: { preset: { name: 'gpt-oss-120b' } } }),
    azure,
  ],
  [
    'tool-calling-reasoning',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-deepseek' },
      inference: { preset: { name: 'deepseek-r1-distill-llama-8b' } },
    }),
    azure,
  ],
  [
    'data-parallel-four-gpus',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-dp' },
      resource: { instanceType: 'Standard_NC96ads_A100_v4', labelSelector: { matchLabels: { apps: 'dp' } } },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
    }),
    azure,
  ],
  [
    'mistral-format-hf-id',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-ministral' },
      inference: { preset: { name: 'mistralai/Ministral-3-8B-Instruct-2512' } },
    }),
    azure,
  ],
  [
    'multi-node-vllm',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-llama' },
      inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } }, config: 'llama-config' },
    }),
    azure,
  ],
  [
    'adapters',
    workspace({
      ...base,
      inference: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        adapters: [
          { source: { name: 'phi-3-adapter', image: 'myacr.azurecr.io/adapters/phi-3:0.0.1', imagePullSecrets: ['acr-pull'] }, strength: '1.0' },
          { source: { name: 'local-adapter', volumeSource: { persistentVolumeClaim: { claimName: 'adapters' } } } },
        ],
      },
    }),
    { ...azure, imageMirror: [{ from: 'mcr.microsoft.com/', to: 'mirror.example.com/mcr/' }], imagePullSecrets: ['mirror-pull'] },
  ],
  [
    'tuning-urls',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-tune' },
      tuning: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        method: 'qlora',
        input: { urls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train.parquet?download=true'] },
        output: { image: 'myacr.azurecr.io/adapters/phi-3-tuned:0.0.1', imagePushSecret: 'acr-push' },
      },
    }),
    azure,
  ],
  [
    'tuning-image-to-volume',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-tune' },
      resource: { instanceType: 'g5.12xlarge', labelSelector: { matchLabels: { apps: 'tune' } } },
      tuning: {
        preset: { name: 'mistral-7b' },
        method: 'lora',
        config: 'my-training-config',
        input: { name: 'dolly', image: 'myacr.azurecr.io/data/dolly:1', imagePullSecrets: ['acr-pull'] },
        output: { volumeSource: { persistentVolumeClaim: { claimName: 'results' } } },
      },
    }),
    { ...azure, cloud: 'aws', provisioner: 'karpenter' },
  ],
  [
    'karpenter-nodepool',
    workspace({ ...base, inference: { preset: { name: 'phi-4' } } }),
    { ...azure, provisioner: 'karpenter', nodeClassName: 'gpu' },
  ],
  [
    'byo-four-gpu-nodes',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-llama-byo' },
      resource: { labelSelector: { matchLabels: { pool: 'a100x4' } } },
      inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } } },
    }),
    { ...azure, provisioner: 'byo', byoGpuShape: fourA100Node },
  ],
  [
    // Kaito v0.12's "mixed" MIG strategy: one 2g.24gb slice, requested by its own resource name.
    'byo-mig-slice',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-phi-mig' },
      resource: { labelSelector: { matchLabels: { pool: 'h100-mig' } }, partition: { mode: 'mig', profile: '2g.24gb' } },
      inference: { preset: { name: 'phi-4-mini-instruct' } },
    }),
    { ...azure, provisioner: 'byo' },
  ],
  [
    'template-byo',
    workspace({
      ...base,
      resource: { labelSelector: { matchLabels: { pool: 'gpu' } } },
      inference: { template: { metadata: { labels: { app: 'custom' } }, spec: { containers: [{ name: 'server', image: 'mcr.microsoft.com/custom/server:1', ports: [{ containerPort: 5000 }] }] } } },
    }),
    { ...azure, provisioner: 'byo' },
  ],
];

const scenario = (name: string) => scenarios.find(([scenarioName]) => scenarioName === name)!;

describe('renderWorkspaceChildren', () => {
  it.each(scenarios)('renders %s like its golden file', (name, ws, settings) => {
    const yaml = manifestsToYaml(listWorkspaceChildren(renderWorkspaceChildren(ws, settings)));
    const file = path.join(goldenDir, `${name}.yaml`);
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.writeFileSync(file, yaml);
    }
    expect(yaml).toBe(fs.readFileSync(file, 'utf8'));
  });

  it.each(scenarios)('renders %s identically twice', (_name, ws, settings) => {
    const first = manifestsToYaml(listWorkspaceChildren(renderWorkspaceChildren(ws, settings)));
    const second = manifestsToYaml(listWorkspaceChildren(renderWorkspaceChildren(structuredClone(ws), settings)));
    expect(second).toBe(first);
  });

  it.each(scenarios)('round-trips %s: parse → render → parse keeps the workspace', (_name, ws, settings) => {
    const text = manifestsToYaml([ws, ...listWorkspaceChildren(renderWorkspaceChildren(ws, settings))]);
    const [reparsed] = parseWorkspaceDocuments(text);
    expect(reparsed).toEqual({ ok: true, workspace: ws, warnings: [] });
    const again = manifestsToYaml(listWorkspaceChildren(renderWorkspaceChildren((reparsed as { workspace: Workspace }).workspace, settings)));
    expect(again).toBe(manifestsToYaml(listWorkspaceChildren(renderWorkspaceChildren(ws, settings))));
  });

  describe("the startup probe, as Kaito v0.12's post-load benchmark sets it", () => {
    const startupProbe = (ws: Workspace) => renderWorkspaceChildren(ws, azure).statefulSet!.spec!.template!.spec!.containers[0].startupProbe;
    const phi = (annotations: Record<string, string> = {}) =>
      workspace({ ...base, metadata: { ...base.metadata, annotations }, inference: { preset: { name: 'phi-4-mini-instruct' } } });

    it.each<[string, Workspace, unknown]>([
      ['a vLLM preset runs the benchmark entrypoint', phi(), ['python3', '/workspace/vllm/benchmark_entrypoint.py']],
      [
        'a vLLM preset over several nodes benchmarks on the leader only',
        workspace({ ...base, resource: { ...base.resource, instanceType: 'Standard_NV36ads_A10_v5' }, inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf' } } } }),
        ['/bin/sh', '-c', 'if [ "$POD_INDEX" = "0" ]; then python3 /workspace/vllm/benchmark_entrypoint.py; else true; fi'],
      ],
    ])('%s', (_name, ws, command) => {
      const probe = startupProbe(ws)!;
      expect(probe.exec?.command).toEqual(command);
      expect(probe).toMatchObject({ periodSeconds: 10, timeoutSeconds: 600 });
    });

    it.each<[string, Workspace]>([
      ['the benchmark is turned off', phi({ 'kaito.sh/disable-benchmark': 'true' })],
      ['the runtime is transformers', phi({ 'kaito.sh/runtime': 'transformers' })],
    ])('stays the /health check when %s', (_name, ws) => {
      expect(startupProbe(ws)?.httpGet?.path).toBe('/health');
    });
  });

  describe('in Karpenter mode, as Kaito v0.12', () => {
    const karpenter: RenderSettings = { ...azure, provisioner: 'karpenter' };
    const render = (ws: Workspace, settings: RenderSettings) => renderWorkspaceChildren(ws, settings);

    it.each<[string, RenderSettings['provisioner'], Record<string, string>]>([
      ['gpu-provisioner', 'gpu-provisioner', { apps: 'phi', 'kaito.sh/workspace': 'ws-phi', 'kaito.sh/workspacenamespace': 'team-a' }],
      ['karpenter', 'karpenter', { apps: 'phi', 'karpenter.kaito.sh/workspace-name': 'ws-phi', 'karpenter.kaito.sh/workspace-namespace': 'team-a' }],
      ['byo', 'byo', { apps: 'phi' }],
    ])('pins %s pods to the labels that provisioner puts on its nodes', (_name, provisioner, expected) => {
      const ws = workspace({ ...base, ...(provisioner === 'byo' ? { resource: { labelSelector: base.resource.labelSelector } } : {}), inference: { preset: { name: 'phi-4' } } });
      const children = render(ws, { ...azure, provisioner });
      const [term] = children.statefulSet!.spec!.template!.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms;
      expect(Object.fromEntries(term.matchExpressions!.map(e => [e.key, e.values![0]]))).toEqual(expected);
    });

    it("labels an InferenceSet's pool and nodes with the InferenceSet and starts with drift replacement blocked", () => {
      const ws = workspace({
        ...base,
        metadata: { ...base.metadata, labels: { 'inferenceset.kaito.sh/created-by': 'phi-set' } },
        inference: { preset: { name: 'phi-4' } },
      });
      const pool = render(ws, karpenter).nodePool!;
      const setLabels = { 'karpenter.kaito.sh/inferenceset': 'phi-set', 'karpenter.kaito.sh/inferenceset-namespace': 'team-a' };
      expect(pool.metadata.labels).toEqual({
        'karpenter.kaito.sh/managed-by': 'kaito',
        'karpenter.kaito.sh/workspace-name': 'ws-phi',
        'karpenter.kaito.sh/workspace-namespace': 'team-a',
        ...setLabels,
      });
      expect(pool.spec.template.metadata?.labels).toMatchObject(setLabels);
      expect(pool.spec.disruption).toEqual({ consolidateAfter: '0s', budgets: [{ nodes: '0', reasons: ['Drifted'] }] });
    });

    it('keeps Kaito\'s own keys out of the template when the selector names them', () => {
      const ws = workspace({
        ...base,
        resource: { ...base.resource, labelSelector: { matchLabels: { apps: 'phi', 'karpenter.kaito.sh/workspace-name': 'other' } } },
        inference: { preset: { name: 'phi-4' } },
      });
      expect(render(ws, karpenter).nodePool!.spec.template.metadata?.labels).toEqual({
        apps: 'phi',
        'karpenter.kaito.sh/workspace-name': 'ws-phi',
        'karpenter.kaito.sh/workspace-namespace': 'team-a',
      });
    });
  });

  it('gives every namespaced child an owner reference to the workspace and the revision on workloads', () => {
    const [, ws, settings] = scenarios[0];
    const children = renderWorkspaceChildren(ws, { ...settings, revision: '7' });
    for (const object of [...children.services, children.statefulSet!]) {
      expect(object.metadata.ownerReferences).toEqual([
        { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'ws-phi', uid: '0b5c2f0e-1111-4222-8333-444455556666', controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(children.statefulSet!.metadata.annotations).toEqual({ 'workspace.kaito.io/revision': '7' });
    expect(children.nodeClaims[0].metadata.ownerReferences).toBeUndefined();
  });

  it('names NodeClaims from the clock so a later pass gets new names', () => {
    const [, ws] = scenarios[0];
    const at = (iso: string) => renderWorkspaceChildren(ws, { ...azure, now: () => new Date(iso) }).nodeClaims[0].metadata.name;
    expect(at('2026-01-01T00:00:00Z')).toMatch(/^ws[0-9a-f]{9}$/);
    expect(at('2026-01-01T00:00:00Z')).not.toBe(at('2026-01-01T00:00:01Z'));
  });

  it('renders one NodeClaim per target node', () => {
    expect(renderWorkspaceChildren(scenario('multi-node-vllm')[1], azure).nodeClaims).toHaveLength(3);
  });

  it('renders the same workload objects as the structured result', () => {
    const [, ws, settings] = scenario('tuning-urls');
    const children = renderWorkspaceChildren(ws, settings);
    expect(renderWorkloadObjects(resolveRenderContext(ws, settings))).toEqual([...children.configMaps, ...children.services, ...(children.job ? [children.job] : [])]);
  });
});
