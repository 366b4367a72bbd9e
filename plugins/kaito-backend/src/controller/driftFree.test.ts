import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { AuthorizationRecord } from '@kaito-backstage/cluster-sim';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

/** One workspace of each shape whose children the controller keeps in line. */
const workspaces: [string, Workspace, 'Ready' | 'Succeeded'][] = [
  ['an inference workspace', phiWorkspace('drift-phi'), 'Ready'],
  [
    'a multi-node inference workspace',
    {
      ...phiWorkspace('drift-llama'),
      inference: { preset: { name: 'llama-3.3-70b-instruct', presetOptions: { modelAccessSecret: 'hf-token' } } },
    },
    'Ready',
  ],
  [
    'a LoRA-adapter workspace',
    {
      ...phiWorkspace('drift-adapter'),
      inference: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        adapters: [{ source: { name: 'falcon-7b-adapter', image: 'myregistry.azurecr.io/adapters/falcon:0.0.1' } }],
      },
    },
    'Ready',
  ],
  [
    'a tuning workspace',
    {
      ...phiWorkspace('drift-tune'),
      inference: undefined,
      tuning: {
        preset: { name: 'phi-3-mini-128k-instruct' },
        method: 'qlora',
        input: { urls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train.parquet'] },
        output: { image: 'myregistry.azurecr.io/adapters/phi-3-tuned:0.0.1', imagePushSecret: 'push-secret' },
      },
    },
    'Succeeded',
  ],
];

/** Child kinds the controller creates and may correct. */
const CHILD_RESOURCES = new Set(['statefulsets', 'deployments', 'services', 'jobs', 'configmaps', 'nodeclaims', 'nodepools']);

/** A write request (not an admission plugin's own check, which the log also records). */
const isWrite = (r: AuthorizationRecord): r is Extract<AuthorizationRecord, { resourceRequest: true }> =>
  r.source === 'request' && r.resourceRequest && ['create', 'update', 'patch', 'delete'].includes(r.verb);

describe('drift correction on the simulator', () => {
  let harness: ControllerHarness;
  let writes: () => Extract<AuthorizationRecord, { resourceRequest: true }>[];

  beforeAll(async () => {
    harness = await startControllerHarness({ simulated: true });
    harness.sim.authorizationLog.start();
    writes = () => harness.sim.authorizationLog.records().filter(isWrite);
    for (const [, ws] of workspaces) await harness.apply(ws);
    await Promise.all(
      workspaces.map(([, ws, state]) => harness.waitForWorkspace(ws.metadata.name, w => w.status?.state === state, state, 40_000)),
    );
    await harness.controller.queue.whenIdle();
  });
  afterAll(() => harness?.stop());

  const eventsOf = async (name: string) =>
    (await harness.list('v1', 'Event', 'default')).filter(
      (e: any) => e.involvedObject?.kind === 'Workspace' && e.involvedObject?.name === name,
    ) as any[];

  describe.each(workspaces)('when %s has been created', (_, ws) => {
    it('records no Warning event', async () => {
      const events = await eventsOf(ws.metadata.name);
      expect(events.length).toBeGreaterThan(0);
      expect(events.filter(e => e.type === 'Warning')).toEqual([]);
    });

    it('only ever created its children, never patched, replaced or deleted one', () => {
      const ownNames = new Set([ws.metadata.name, `${ws.metadata.name}-headless`]);
      const childWrites = writes().filter(w => CHILD_RESOURCES.has(w.resource));
      expect(childWrites.filter(w => ownNames.has(w.name ?? '') && w.verb !== 'create')).toEqual([]);
    });
  });

  it('makes no write to any child of any workspace', () => {
    const corrections = writes().filter(w => CHILD_RESOURCES.has(w.resource) && w.verb !== 'create');
    expect(corrections).toEqual([]);
  });

  it('writes nothing when every workspace is reconciled again', async () => {
    const { controller } = harness;
    const before = writes().length;
    for (const [, ws] of workspaces) controller.queue.add(`default/${ws.metadata.name}`);
    await controller.queue.whenIdle();
    expect(writes().slice(before)).toEqual([]);
  });

  /** Merge-patches the workspace's StatefulSet as someone else (a user, a mutating webhook) would. */
  async function patchStatefulSet(name: string, spec: object) {
    await harness.objects.patch(
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json' as any,
    );
  }

  /** Reconciles the workspace `times` times (resyncs) and returns the writes to its children meanwhile. */
  async function childWritesOver(name: string, times: number) {
    const before = writes().length;
    for (let i = 0; i < times; i++) {
      harness.controller.queue.add(`default/${name}`);
      await new Promise(r => setTimeout(r, 100));
      await harness.controller.queue.whenIdle();
    }
    return writes().slice(before).filter(w => CHILD_RESOURCES.has(w.resource));
  }

  it('leaves a volume removed by hand until the next revision, as Kaito v0.12 does', async () => {
    const name = 'drift-phi';
    const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    const volumes = (sts as any).spec.template.spec.volumes;
    await patchStatefulSet(name, { template: { spec: { volumes: volumes.slice(1) } } });
    expect(await childWritesOver(name, 3)).toEqual([]);
    const [after] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    expect((after as any).spec.template.spec.volumes).toEqual(volumes.slice(1));
    expect((await eventsOf(name)).filter(e => e.type === 'Warning' && e.reason !== 'WorkspaceNotReady')).toEqual([]);
  });

  it('does not revert an env item a mutating webhook injected: 0 writes over several resyncs', async () => {
    const name = 'drift-adapter';
    const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    const containers = (sts as any).spec.template.spec.containers.map((c: any, i: number) =>
      i === 0 ? { ...c, env: [...(c.env ?? []), { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel:4317' }] } : c,
    );
    await patchStatefulSet(name, { template: { spec: { containers } } });
    expect(await childWritesOver(name, 5)).toEqual([]);
    const [after] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    expect((after as any).spec.template.spec.containers[0].env).toContainEqual({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel:4317' });
    expect((await eventsOf(name)).filter(e => e.type === 'Warning' && e.reason !== 'WorkspaceNotReady')).toEqual([]);
  });

  it('leaves an image edited by hand alone, as Kaito v0.12 does', async () => {
    const name = 'drift-llama';
    const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    const containers = (sts as any).spec.template.spec.containers.map((c: any, i: number) => (i === 0 ? { ...c, image: 'example.com/patched-vllm:1' } : c));
    await harness.objects.patch(
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec: { template: { spec: { containers } } } } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json' as any,
    );
    const before = writes().length;
    harness.controller.queue.add(`default/${name}`);
    await new Promise(r => setTimeout(r, 300));
    await harness.controller.queue.whenIdle();
    const [after] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
    expect((after as any).spec.template.spec.containers[0].image).toBe('example.com/patched-vllm:1');
    expect(writes().slice(before).filter(w => CHILD_RESOURCES.has(w.resource))).toEqual([]);
    expect((await eventsOf(name)).filter(e => e.type === 'Warning' && e.reason !== 'WorkspaceNotReady')).toEqual([]);
  });
});
