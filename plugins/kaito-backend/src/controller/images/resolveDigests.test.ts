import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../../__testUtils__/controllerHarness';
import { startTestRegistry, TestRegistry } from '../../__testUtils__/startTestRegistry';
import { RegistryClient } from '../../images/RegistryClient';
import { IMAGES_ANNOTATION } from './WorkspaceImages';

function withAdapter(name: string, image: string): Workspace {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name, namespace: 'default' },
    resource: { instanceType: 'Standard_NC24ads_A100_v4', labelSelector: { matchLabels: { apps: name } } },
    inference: { preset: { name: 'phi-3-mini-4k-instruct' }, adapters: [{ source: { name: 'support-bot', image } }] },
  };
}

jest.setTimeout(30_000);

describe('when image digests are resolved against a real registry', () => {
  let registry: TestRegistry;
  let harness: ControllerHarness;
  let baseDigest: string;
  let adapterDigest: string;
  beforeAll(async () => {
    registry = await startTestRegistry();
    baseDigest = await registry.pushImage('aks/kaito/kaito-base', '0.5.0', '{"base": true}');
    adapterDigest = await registry.pushImage('adapters/support-bot', '1');
    harness = await startControllerHarness({
      kaito: {
        controller: { leaderElection: { enabled: false } },
        images: { presetRegistry: `${registry.host}/aks/kaito` },
      },
      reconciler: { registry: new RegistryClient({ insecureRegistries: [registry.host] }) },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await registry?.stop();
  });

  describe('when the adapter image exists', () => {
    it('pins the serving image to its digest and records every digest on the workspace', async () => {
      const adapter = `${registry.host}/adapters/support-bot:1`;
      await harness.apply(withAdapter('pinned', adapter));
      const ws = await harness.waitForWorkspace('pinned', w => w.status?.state === 'Ready', 'Ready');
      const base = `${registry.host}/aks/kaito/kaito-base:0.5.0`;
      expect(JSON.parse(ws.metadata.annotations?.[IMAGES_ANNOTATION] ?? '{}')).toEqual({ [base]: baseDigest, [adapter]: adapterDigest });
      const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=pinned');
      expect((sts as any).spec.template.spec.containers[0].image).toBe(`${base}@${baseDigest}`);
    });
  });

  describe('when the adapter image does not exist', () => {
    it('holds the workload and names the missing image on InferenceReady', async () => {
      const missing = `${registry.host}/adapters/support-bot:404`;
      await harness.apply(withAdapter('missing-adapter', missing));
      const ws = await harness.waitForWorkspace(
        'missing-adapter',
        w => w.status?.conditions?.some(c => c.type === 'InferenceReady' && c.reason === 'ImageNotFound') === true,
        'ImageNotFound',
      );
      expect(ws.status?.conditions?.find(c => c.type === 'InferenceReady')?.message).toContain(`Image ${missing} does not exist`);
      expect(ws.status?.conditions?.find(c => c.type === 'ResourceReady')?.status).toBe('True');
      expect(await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=missing-adapter')).toHaveLength(0);
    });
  });
});
