import { CLUSTER_SCOPED_TTL_MS } from './KubeWriter';
import { findPreset, Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';

jest.setTimeout(30_000);

const workspace = (name: string, instanceType: string, extra: Partial<Workspace> = {}): Workspace => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'default' },
  resource: { instanceType, labelSelector: { matchLabels: { apps: name } } },
  inference: { preset: { name: 'phi-4-mini-instruct' } },
  ...extra,
});

async function statefulSetOf(harness: ControllerHarness, name: string): Promise<any> {
  await harness.waitForWorkspace(name, w => w.status?.state === 'Ready', 'Ready');
  const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', `kaito.sh/workspace=${name}`);
  return sts;
}

const weightsVolume = (sts: any) => sts.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'model-weights-volume');

describe("the model weights volume, as Kaito v0.12 chooses it", () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness();
  });
  afterAll(() => harness?.stop());

  it('is an emptyDir on an NVMe SKU while the cluster has no kaito-local-nvme-disk StorageClass', async () => {
    await harness.apply(workspace('nvme-none', 'Standard_NC24ads_A100_v4'));
    const sts = await statefulSetOf(harness, 'nvme-none');
    expect(weightsVolume(sts)).toEqual({ name: 'model-weights-volume', emptyDir: {} });
    expect(sts.spec.volumeClaimTemplates ?? []).toEqual([]);
  });

  describe('once the StorageClass exists', () => {
    beforeAll(async () => {
      await harness.objects.create({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'kaito-local-nvme-disk' },
        provisioner: 'local.csi.example.com',
      } as any);
      // The controller reads the StorageClass at most once a second (KubeWriter's CLUSTER_SCOPED_TTL_MS).
      await new Promise(resolve => setTimeout(resolve, CLUSTER_SCOPED_TTL_MS + 100));
    });

    it('is a claim of that class, sized as the model needs, on an NVMe SKU', async () => {
      await harness.apply(workspace('nvme-claim', 'Standard_NC24ads_A100_v4'));
      const sts = await statefulSetOf(harness, 'nvme-claim');
      expect(weightsVolume(sts)).toBeUndefined();
      expect(sts.spec.volumeClaimTemplates).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({ name: 'model-weights-volume', labels: { 'kaito.sh/workspace': 'nvme-claim' } }),
          spec: expect.objectContaining({
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'kaito-local-nvme-disk',
            resources: { requests: { storage: `${findPreset('phi-4-mini-instruct')!.diskGiB}Gi` } },
          }),
        }),
      ]);
      const claims = await harness.list('v1', 'PersistentVolumeClaim', 'default');
      expect(claims.map(c => c.metadata?.name)).toContain('model-weights-volume-nvme-claim-0');
    });

    it('stays an emptyDir on a SKU without NVMe', async () => {
      await harness.apply(workspace('nvme-no-disk', 'Standard_NV36ads_A10_v5'));
      const sts = await statefulSetOf(harness, 'nvme-no-disk');
      expect(weightsVolume(sts)).toEqual({ name: 'model-weights-volume', emptyDir: {} });
    });

    it('leaves a StatefulSet made before the StorageClass on its emptyDir (claim templates cannot change)', async () => {
      // A label change makes the controller reconcile it again, now that the StorageClass exists.
      await harness.objects.patch(
        { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'nvme-none', namespace: 'default', labels: { touched: 'yes' } } } as any,
        undefined,
        undefined,
        undefined,
        undefined,
        'application/merge-patch+json' as any,
      );
      await new Promise(resolve => setTimeout(resolve, 500));
      const [sts] = (await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=nvme-none')) as any[];
      expect(weightsVolume(sts)).toEqual({ name: 'model-weights-volume', emptyDir: {} });
      expect((await harness.getWorkspace('nvme-none'))?.status?.state).toBe('Ready');
    });
  });
});
