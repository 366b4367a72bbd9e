import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubernetesObject } from '@kubernetes/client-node';
import { InferenceSet, isInferenceSetDocument, readYamlDocuments, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(120_000);

/** Kaito v0.12.0's MIG "mixed" strategy InferenceSet example, as released: 2 replicas of one 2g.24gb slice each. */
const EXAMPLE = join(__dirname, '__fixtures__', 'kaito-v0.12-inferenceset-examples', 'kaito_inferenceset_mig_mixed_strategy.yaml');
const SLICE = 'nvidia.com/mig-2g.24gb';
const NAMESPACE = 'mig-example';

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * A ready bring-your-own H100 NVL node whose GPU the NVIDIA GPU Operator split into MIG
 * slices under the "mixed" strategy: each profile is its own resource, and a GPU in MIG mode
 * no longer counts as `nvidia.com/gpu`.
 */
function addMigNode(harness: ControllerHarness, name: string, extended: Record<string, string>) {
  const { api, store } = harness.sim;
  const labels = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kaito-inferenceset': 'phi-4-mini',
    'nvidia.com/gpu.product': 'NVIDIA-H100-NVL',
    'nvidia.com/gpu.count': '1',
    'nvidia.com/gpu.memory': '95830',
    'nvidia.com/mig.strategy': 'mixed',
    'nvidia.com/mig.config': 'all-2g.24gb',
    'nvidia.com/mig.config.state': 'success',
  };
  api.create(api.scope('', 'v1', 'nodes'), { metadata: { name, labels }, spec: {} }, { fieldManager: 'kubelet' });
  const capacity = { cpu: '48', memory: '440Gi', pods: '110', 'nvidia.com/gpu': '0', ...extended };
  const ready = { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now(), lastTransitionTime: now() };
  api.update(
    api.scope('', 'v1', 'nodes', undefined, 'status'),
    name,
    { ...store.peek('nodes', undefined, name)!, status: { capacity, allocatable: capacity, conditions: [ready] } },
    { fieldManager: 'kubelet' },
  );
}

/** The device plugin starts advertising the slices of a node (its status as the kubelet writes it). */
function advertise(harness: ControllerHarness, name: string, extended: Record<string, string>) {
  const { api, store } = harness.sim;
  const node = store.peek('nodes', undefined, name)!;
  const capacity = { ...node.status.capacity, ...extended };
  api.update(api.scope('', 'v1', 'nodes', undefined, 'status'), name, { ...node, status: { ...node.status, capacity, allocatable: capacity } }, { fieldManager: 'kubelet' });
}

describe("Kaito v0.12's MIG mixed-strategy InferenceSet on bring-your-own nodes with enableMIG", () => {
  let harness: ControllerHarness;
  const set = readYamlDocuments(readFileSync(EXAMPLE, 'utf8')).map(doc => doc.value as KubernetesObject).find(isInferenceSetDocument) as unknown as InferenceSet;

  const readSet = async () =>
    (await harness.objects.read({ apiVersion: 'kaito.sh/v1beta1', kind: 'InferenceSet', metadata: { name: set.metadata.name, namespace: NAMESPACE } })) as unknown as InferenceSet;
  const children = async () =>
    (await harness.list('kaito.sh/v1beta1', 'Workspace', NAMESPACE, `inferenceset.kaito.sh/created-by=${set.metadata.name}`)) as unknown as Workspace[];
  const pods = async () => (await harness.list('v1', 'Pod', NAMESPACE)) as any[];
  async function waitFor<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what} did not happen; last: ${JSON.stringify(value, null, 1)}`);
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    harness = await startControllerHarness({ cluster: { provisioner: 'byo', featureGates: { enableMIG: true } } });
    // Two MIG nodes, whose device plugin has not advertised the slices yet.
    addMigNode(harness, 'h100-mig-1', {});
    addMigNode(harness, 'h100-mig-2', {});
    await harness.objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
    await harness.apply({ ...set, metadata: { ...set.metadata, namespace: NAMESPACE } });
  });
  afterAll(() => harness?.stop());

  it('waits for the slices while the nodes do not advertise them, naming the resource', async () => {
    const workspaces = await waitFor('two Workspaces waiting for the MIG slices', children, ws =>
      ws.length === 2 && ws.every(w => w.status?.conditions?.some(c => c.reason === 'NodePluginsNotReady' && c.message?.includes(`${SLICE} capacity`))),
    );
    for (const ws of workspaces) expect(ws.resource.partition).toEqual({ mode: 'mig', profile: '2g.24gb' });
    expect(await harness.list('apps/v1', 'StatefulSet', NAMESPACE)).toEqual([]);
  });

  it('requests the 2g.24gb slice (not nvidia.com/gpu) and tolerates its taint, as Kaito renders it', async () => {
    // One 2g.24gb slice on each node (the second also has a 1g.12gb one, which is no use here).
    advertise(harness, 'h100-mig-1', { [SLICE]: '1' });
    advertise(harness, 'h100-mig-2', { [SLICE]: '1', 'nvidia.com/mig-1g.12gb': '1' });
    const statefulSets = await waitFor('two StatefulSets', () => harness.list('apps/v1', 'StatefulSet', NAMESPACE) as Promise<any[]>, s => s.length === 2);
    for (const sts of statefulSets) {
      const main = sts.spec.template.spec.containers[0];
      expect(main.resources).toEqual({ requests: { [SLICE]: '1' }, limits: { [SLICE]: '1' } });
      expect(main.command[2]).toContain('--tensor-parallel-size=1');
      // No KV-cache CPU offload on a MIG slice, as Kaito v0.12.
      expect(main.command[2]).toContain('--kaito-kv-cache-cpu-memory-utilization=0');
      expect(sts.spec.template.spec.tolerations).toContainEqual({ key: SLICE, operator: 'Exists', effect: 'NoSchedule' });
    }
  });

  it('reaches Ready with both replicas, one pod on each node', async () => {
    const ready = await waitFor('the set Ready', readSet, s => s?.status?.conditions?.some(c => c.type === 'InferenceSetReady' && c.status === 'True') ?? false);
    expect(ready.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    for (const ws of await children()) expect(ws.status?.state).toBe('Ready');
    const placed = (await pods()).map(pod => pod.spec.nodeName).sort();
    expect(placed).toEqual(['h100-mig-1', 'h100-mig-2']);
  });

  it("schedules a third pod of the slice nowhere once the nodes' slices are taken, as a real scheduler", async () => {
    const [sts] = (await harness.list('apps/v1', 'StatefulSet', NAMESPACE)) as any[];
    const podSpec = structuredClone(sts.spec.template.spec);
    delete podSpec.affinity;
    await harness.objects.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'one-slice-too-many', namespace: NAMESPACE }, spec: podSpec } as KubernetesObject);
    const pending = await waitFor(
      'the extra pod unschedulable',
      async () => (await pods()).find(pod => pod.metadata.name === 'one-slice-too-many'),
      pod => pod?.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.status === 'False') ?? false,
    );
    expect(pending.spec.nodeName).toBeUndefined();
    expect(pending.status.conditions.find((c: any) => c.type === 'PodScheduled').message).toContain(`Insufficient ${SLICE}`);
  });
});
