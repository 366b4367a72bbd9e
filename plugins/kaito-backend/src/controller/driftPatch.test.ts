import {
  RenderSettings,
  Workspace,
  listWorkspaceChildren,
  parseWorkspace,
  renderWorkspaceChildren,
} from '@kaito-backstage/plugin-kaito-common';
import { storedByApiServer } from '../__testUtils__/storedByApiServer';
import { driftPatch } from './driftPatch';

function workspace(yaml: object): Workspace {
  const result = parseWorkspace(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.workspace;
}

const azure: RenderSettings = { cloud: 'azure', provisioner: 'gpu-provisioner', now: () => new Date('2026-12-01T08:00:00Z') };
const base = {
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'ws-phi', namespace: 'team-a', uid: '0b5c2f0e-1111-4222-8333-444455556666' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'phi' } } },
};

/** The workspaces the controller renders children for, one per shape of child. */
const scenarios: [string, Workspace, RenderSettings][] = [
  ['an inference workspace', workspace({ ...base, inference: { preset: { name: 'phi-4-mini-instruct' } } }), azure],
  [
    'a multi-node inference workspace',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-llama' },
      inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } }, config: 'llama-config' },
    }),
    azure,
  ],
  [
    'a transformers workspace behind a LoadBalancer',
    workspace({
      ...base,
      metadata: { ...base.metadata, annotations: { 'kaito.sh/runtime': 'transformers', 'kaito.sh/enablelb': 'True' } },
      inference: { preset: { name: 'phi-3-mini-4k-instruct' } },
    }),
    azure,
  ],
  [
    'a LoRA-adapter workspace',
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
    { ...azure, imagePullSecrets: ['mirror-pull'] },
  ],
  [
    'a tuning workspace',
    workspace({
      ...base,
      metadata: { ...base.metadata, name: 'ws-tune' },
      tuning: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        method: 'qlora',
        input: { urls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train.parquet'] },
        output: { image: 'myacr.azurecr.io/adapters/phi-3-tuned:0.0.1', imagePushSecret: 'acr-push' },
      },
    }),
    azure,
  ],
  ['a Karpenter workspace', workspace({ ...base, inference: { preset: { name: 'phi-4' } } }), { ...azure, provisioner: 'karpenter', nodeClassName: 'gpu' }],
];

const everyChild = scenarios.flatMap(([name, ws, settings]) =>
  listWorkspaceChildren(renderWorkspaceChildren(ws, settings)).map(
    child => [`${child.kind} ${child.metadata.name} of ${name}`, child] as [string, object],
  ),
);

/** A JSON merge patch (RFC 7386) applied to a copy. */
function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

const inference = renderWorkspaceChildren(scenarios[0][1], azure);
const statefulSet = inference.statefulSet!;
const storedStatefulSet = storedByApiServer(statefulSet);

describe('driftPatch', () => {
  it('covers every kind the controller renders', () => {
    expect(new Set(everyChild.map(([, child]) => (child as { kind: string }).kind))).toEqual(
      new Set(['StatefulSet', 'Service', 'Job', 'ConfigMap', 'NodeClaim', 'NodePool']),
    );
  });

  describe('when the object is as the API server stored it', () => {
    it.each(everyChild)('finds no drift in the %s', (_, desired) => {
      expect(driftPatch(storedByApiServer(desired), desired)).toBeUndefined();
    });
  });

  describe('when the server normalized what was sent', () => {
    const container = (changes: object) => ({
      spec: { template: { spec: { containers: [{ ...statefulSet.spec!.template.spec!.containers[0], ...changes }] } } },
    });
    it.each<[string, object, object]>([
      ['a quantity written as a number', container({ resources: { limits: { memory: '16Gi', cpu: 1 } } }), container({ resources: { limits: { memory: '17179869184', cpu: '1000m' }, requests: { memory: '16Gi', cpu: '1' } } })],
      ['a fraction of a CPU', container({ resources: { requests: { cpu: '0.5' } } }), container({ resources: { requests: { cpu: '500m' } } })],
      ['zero-valued fields it leaves out', container({ livenessProbe: { httpGet: { path: '/health', port: 5000 }, initialDelaySeconds: 0 }, stdin: false, workingDir: '' }), container({ livenessProbe: { httpGet: { path: '/health', port: 5000, scheme: 'HTTP' }, timeoutSeconds: 1 } })],
      ['env in another order', container({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }), container({ env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] })],
      ['an empty list left out', { spec: { template: { spec: { imagePullSecrets: [] } } } }, { spec: { template: { spec: {} } } }],
      ['tolerations in another order', { spec: { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] } }, { spec: { tolerations: [{ key: 'b', operator: 'Exists' }, { key: 'a', operator: 'Exists' }] } }],
      ['an int-or-string port as a string', { spec: { ports: [{ port: 80, targetPort: 5000 }] } }, { spec: { ports: [{ port: 80, targetPort: '5000', protocol: 'TCP' }] } }],
    ])('ignores %s', (_, desired, observed) => {
      expect(driftPatch(observed, desired)).toBeUndefined();
    });
  });

  describe('when someone changed what the controller owns', () => {
    const edits: [string, (sts: any) => void][] = [
      ['the image', sts => (sts.spec.template.spec.containers[0].image = 'evil.example.com/miner:1')],
      ['the command', sts => sts.spec.template.spec.containers[0].command.push('--debug')],
      ['an env value', sts => (sts.spec.template.spec.containers[0].env[0].value = '1')],
      ['an env var removed', sts => (sts.spec.template.spec.containers[0].env = [])],
      ['an env var added', sts => sts.spec.template.spec.containers[0].env.push({ name: 'HTTP_PROXY', value: 'x' })],
      ['a GPU limit', sts => (sts.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu'] = '2')],
      ['a GPU request removed', sts => delete sts.spec.template.spec.containers[0].resources.requests['nvidia.com/gpu']],
      ['the replicas', sts => (sts.spec.replicas = 3)],
      ['the weights volume mount removed', sts => sts.spec.template.spec.containers[0].volumeMounts.splice(1, 1)],
      ['a sidecar container added', sts => sts.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1' })],
      ['the container renamed', sts => (sts.spec.template.spec.containers[0].name = 'other')],
      ['a container port changed', sts => (sts.spec.template.spec.containers[0].ports[0].containerPort = 8080)],
      ['a volume mount moved', sts => (sts.spec.template.spec.containers[0].volumeMounts[0].mountPath = '/tmp')],
      ['a volume removed', sts => sts.spec.template.spec.volumes.pop()],
      ['a toleration removed', sts => sts.spec.template.spec.tolerations.pop()],
      ['a node affinity value', sts => (sts.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values = ['other'])],
      ['a label the controller owns removed', sts => delete sts.metadata.labels['kaito.sh/workspace']],
      ['the revision annotation', sts => (sts.metadata.annotations['workspace.kaito.io/revision'] = '9')],
      ['the shared-memory medium', sts => delete sts.spec.template.spec.volumes[0].emptyDir.medium],
    ];

    it.each(edits)('detects %s', (_, edit) => {
      const observed = structuredClone(storedStatefulSet) as any;
      edit(observed);
      expect(driftPatch(observed, statefulSet)).toBeDefined();
    });

    it.each(edits)('puts %s back with a patch that leaves no drift once the server stores it', (_, edit) => {
      const observed = structuredClone(storedStatefulSet) as any;
      edit(observed);
      const patched = storedByApiServer(applyMergePatch(observed, driftPatch(observed, statefulSet)));
      expect(driftPatch(patched, statefulSet)).toBeUndefined();
    });

    it('patches only the part that drifted', () => {
      const observed = structuredClone(storedStatefulSet) as any;
      observed.spec.replicas = 3;
      expect(driftPatch(observed, statefulSet)).toEqual({ spec: { replicas: 1 } });
    });

    it('puts a drifted list back whole, so nothing is merged into it', () => {
      const observed = structuredClone(storedStatefulSet) as any;
      observed.spec.template.spec.containers[0].image = 'evil.example.com/miner:1';
      expect(driftPatch(observed, statefulSet)).toEqual({
        spec: { template: { spec: { containers: statefulSet.spec!.template.spec!.containers } } },
      });
    });
  });

  it.each<[string, unknown, unknown, unknown]>([
    ['identical objects', { a: 1 }, { a: 1 }, undefined],
    ['a changed scalar', { spec: { replicas: 3, x: 1 } }, { spec: { replicas: 1 } }, { spec: { replicas: 1 } }],
    ['a removed nested key', { spec: {} }, { spec: { selector: { app: 'a' } } }, { spec: { selector: { app: 'a' } } }],
    ['an extra unkeyed item', { tolerations: [{ key: 'a' }, { key: 'b' }] }, { tolerations: [{ key: 'a' }] }, { tolerations: [{ key: 'a' }] }],
    ['args in another order', { args: ['--b', '--a'] }, { args: ['--a', '--b'] }, { args: ['--a', '--b'] }],
    ['init containers in another order', { initContainers: [{ name: 'b' }, { name: 'a' }] }, { initContainers: [{ name: 'a' }, { name: 'b' }] }, { initContainers: [{ name: 'a' }, { name: 'b' }] }],
    ['a quantity of another value', { limits: { memory: '16G' } }, { limits: { memory: '16Gi' } }, { limits: { memory: '16Gi' } }],
    ['a string that only looks like a quantity', { env: [{ name: 'N', value: '1000m' }] }, { env: [{ name: 'N', value: '1' }] }, { env: [{ name: 'N', value: '1' }] }],
    ['a true flag set false', { publishNotReadyAddresses: false }, { publishNotReadyAddresses: true }, { publishNotReadyAddresses: true }],
  ])('with %s', (_, observed, desired, expected) => {
    expect(driftPatch(observed, desired)).toEqual(expected);
  });
});
