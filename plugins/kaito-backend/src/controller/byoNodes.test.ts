import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(60_000);

/** GPU feature-discovery labels of a 4 × A100 80 GB node. */
const A100_X4 = { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/gpu.count': '4', 'nvidia.com/gpu.memory': '81920' };

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Adds a ready bring-your-own GPU node, as a cluster admin and its kubelet would. */
function addNode(harness: ControllerHarness, name: string, labels: Record<string, string>, gpus: number) {
  const { api, store } = harness.sim;
  api.create(
    api.scope('', 'v1', 'nodes'),
    { metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } }, spec: {} },
    { fieldManager: 'kubelet' },
  );
  const capacity = { cpu: '48', memory: '440Gi', pods: '110', 'nvidia.com/gpu': String(gpus) };
  const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now(), lastTransitionTime: now() };
  api.update(
    api.scope('', 'v1', 'nodes', undefined, 'status'),
    name,
    { ...store.peek('nodes', undefined, name)!, status: { capacity, allocatable: capacity, conditions: [ready] } },
    { fieldManager: 'kubelet' },
  );
}

const byoWorkspace = (name: string, pool: string, preset: string): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default' },
  resource: { labelSelector: { matchLabels: { pool } } },
  inference: { preset: { name: preset, presetOptions: { modelAccessSecret: 'hf-token' } } },
});

describe('bring-your-own nodes sized from their GPU labels', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({ startController: false });
    await harness.startReplica({
      clusters: [{ name: 'sim', url: harness.sim.url, serviceAccountToken: harness.sim.token, provisioner: 'byo' }],
    });
    addNode(harness, 'a100-1', { pool: 'a100x4', ...A100_X4 }, 4);
    addNode(harness, 'mixed-1', { pool: 'mixed', ...A100_X4 }, 4);
    addNode(harness, 'mixed-2', { pool: 'mixed', ...A100_X4, 'nvidia.com/gpu.count': '8' }, 8);
    addNode(harness, 'a10-1', { pool: 'a10', 'nvidia.com/gpu.product': 'NVIDIA-A10', 'nvidia.com/gpu.count': '1', 'nvidia.com/gpu.memory': '24576' }, 1);
  });
  afterAll(() => harness?.stop());

  it('serves a 70B model on one 4-GPU node with tensor parallel 4 and all four GPUs', async () => {
    await harness.apply(byoWorkspace('llama-byo', 'a100x4', 'llama-3.3-70b-instruct'));
    const ws = await harness.waitForWorkspace('llama-byo', w => w.status?.state === 'Ready', 'Ready');
    expect(ws.status?.targetNodeCount).toBe(1);
    const [sts] = (await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=llama-byo')) as any[];
    const main = sts.spec.template.spec.containers[0];
    expect(main.resources.limits['nvidia.com/gpu']).toBe('4');
    expect(main.command[2]).toContain('--tensor-parallel-size=4');
    expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=llama-byo')).toHaveLength(0);
  });

  it.each([
    ['no matching node', 'nowhere', 'No nodes found matching the specified label selector'],
    ['nodes of different GPU counts', 'mixed', 'Non-uniform GPU count: node mixed-2 has 8 GPUs, but previous node has 4 GPUs'],
    ['a model larger than the matching nodes together', 'a10', 'resource.labelSelector: Insufficient total GPU memory: the 1 node matching the selector have a total of 24Gi, but preset llama-3.3-70b-instruct requires at least'],
  ])('refuses a workspace with %s, as Kaito does', async (_case, pool, message) => {
    const name = `byo-${pool}`;
    await harness.apply(byoWorkspace(name, pool, pool === 'a10' ? 'llama-3.3-70b-instruct' : 'phi-4-mini-instruct'));
    const ws = await harness.waitForWorkspace(name, w => Boolean(w.status?.conditions?.some(c => c.reason === 'InvalidWorkspace')), 'refused');
    expect(ws.status?.conditions?.find(c => c.reason === 'InvalidWorkspace')?.message).toContain(message);
  });
});
