import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(30_000);

const templateWorkspace = (image: string): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'custom-server', namespace: 'default' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'custom-server' } } },
  inference: { template: { spec: { containers: [{ name: 'server', image, ports: [{ containerPort: 5000 }] }] } } },
});

const statefulSet = async (harness: ControllerHarness, name = 'custom-server') =>
  ((await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`)) as any[])[0];

const mergePatch = (harness: ControllerHarness, object: object) =>
  harness.objects.patch(object as any, undefined, undefined, undefined, undefined, 'application/merge-patch+json' as any);

/** Lets the controller see the last change and finish with it. */
async function settle(harness: ControllerHarness) {
  await new Promise(resolve => setTimeout(resolve, 300));
  await harness.controller.queue.whenIdle();
}

describe("a template workspace's StatefulSet, as Kaito v0.12 keeps it", () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness();
    await harness.apply(templateWorkspace('mcr.microsoft.com/custom/server:1'));
    await harness.waitForWorkspace('custom-server', w => w.status?.state === 'Ready', 'Ready');
  });
  afterAll(() => harness?.stop());

  it('is not updated when the template changes: a new revision of a template workspace is not rolled out', async () => {
    const before = await statefulSet(harness);
    await harness.objects.patch(
      {
        apiVersion: 'kaito.sh/v1beta1',
        kind: 'Workspace',
        metadata: { name: 'custom-server', namespace: 'default' },
        inference: { template: { spec: { containers: [{ name: 'server', image: 'mcr.microsoft.com/custom/server:2', ports: [{ containerPort: 5000 }] }] } } },
      } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      'application/merge-patch+json' as any,
    );
    await harness.waitForWorkspace('custom-server', w => w.metadata.annotations?.['workspace.kaito.io/revision'] === '2', 'at revision 2');
    await new Promise(resolve => setTimeout(resolve, 300));
    const after = await statefulSet(harness);
    expect(after.spec.template.spec.containers[0].image).toBe('mcr.microsoft.com/custom/server:1');
    expect(after.metadata.annotations['workspace.kaito.io/revision']).toBe(before.metadata.annotations['workspace.kaito.io/revision']);
    expect(after.metadata.generation).toBe(before.metadata.generation);
  });

  it('is not corrected when edited by hand either', async () => {
    const before = await statefulSet(harness);
    const container = before.spec.template.spec.containers[0];
    await mergePatch(harness, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'custom-server', namespace: 'default' },
      spec: { template: { spec: { containers: [{ ...container, env: [{ name: 'DEBUG', value: '1' }] }], volumes: [{ name: 'scratch', emptyDir: {} }] } } },
    });
    await settle(harness);
    const after = await statefulSet(harness);
    expect(after.spec.template.spec.containers[0].env).toEqual([{ name: 'DEBUG', value: '1' }]);
    expect(after.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['scratch']);
  });
});

describe("a preset workspace's StatefulSet on a new revision, as Kaito v0.12 updates it", () => {
  let harness: ControllerHarness;
  let before: any;
  let after: any;
  beforeAll(async () => {
    harness = await startControllerHarness();
    await harness.apply(phiWorkspace('phi-edit'));
    await harness.waitForWorkspace('phi-edit', w => w.status?.state === 'Ready', 'Ready');
    before = await statefulSet(harness, 'phi-edit');
    // Someone customized the image and the replica count; Kaito leaves both alone.
    const containers = before.spec.template.spec.containers.map((c: any, i: number) => (i === 0 ? { ...c, image: 'example.com/patched-vllm:1' } : c));
    await mergePatch(harness, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'phi-edit', namespace: 'default' },
      spec: { template: { spec: { containers } } },
    });
    await settle(harness);
    // A new revision: an adapter is added.
    await mergePatch(harness, {
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'phi-edit', namespace: 'default' },
      inference: { adapters: [{ source: { name: 'phi-adapter', image: 'myregistry.azurecr.io/adapters/phi:0.0.1' } }] },
    });
    await harness.waitForWorkspace('phi-edit', w => w.metadata.annotations?.['workspace.kaito.io/revision'] === '2', 'at revision 2');
    const deadline = Date.now() + 10_000;
    do {
      after = await statefulSet(harness, 'phi-edit');
      if (after.metadata.annotations['workspace.kaito.io/revision'] === '2') break;
      await new Promise(resolve => setTimeout(resolve, 25));
    } while (Date.now() < deadline);
    await settle(harness);
    after = await statefulSet(harness, 'phi-edit');
  });
  afterAll(() => harness?.stop());

  it('takes the revision', () => {
    expect(after.metadata.annotations['workspace.kaito.io/revision']).toBe('2');
  });

  it("updates the fields Kaito names: the adapter's env, mounts, puller and volume", () => {
    const main = after.spec.template.spec.containers[0];
    expect(main.env.map((e: any) => e.name)).toContain('phi-adapter');
    expect(main.volumeMounts.map((m: any) => m.mountPath)).toContain('/mnt/adapter');
    expect(after.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['puller-phi-adapter']);
    expect(after.spec.template.spec.volumes.map((v: any) => v.name)).toContain('adapter-volume');
  });

  it('leaves the rest as it was: the hand-set image, the command, the resources', () => {
    const main = after.spec.template.spec.containers[0];
    const old = before.spec.template.spec.containers[0];
    expect(main.image).toBe('example.com/patched-vllm:1');
    expect(main.command).toEqual(old.command);
    expect(main.resources).toEqual(old.resources);
    expect(after.spec.replicas).toBe(before.spec.replicas);
  });

  it('records no Warning Event: the update was asked for', async () => {
    const events = (await harness.list('v1', 'Event', 'default')) as any[];
    expect(events.filter(e => e.involvedObject?.name === 'phi-edit' && e.type === 'Warning' && e.reason !== 'WorkspaceNotReady')).toEqual([]);
  });
});
