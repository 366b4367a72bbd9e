import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(30_000);

const templateWorkspace = (image: string): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name: 'custom-server', namespace: 'default' },
  resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: 'custom-server' } } },
  inference: { template: { spec: { containers: [{ name: 'server', image, ports: [{ containerPort: 5000 }] }] } } },
});

const statefulSet = async (harness: ControllerHarness) =>
  ((await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=custom-server')) as any[])[0];

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
});
