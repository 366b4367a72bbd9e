import { TestDatabases } from '@backstage/backend-test-utils';
import { PatchStrategy } from '@kubernetes/client-node';
import { KaitoAnnotations, Workspace, summarizeWorkspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';
import { QuotaStore } from '../database/QuotaStore';
import { OwnerQuotaGate } from './ownerQuotaGate';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const ML = 'group:default/ml-team';

/** A workspace applied with kubectl, naming its owner group as the portal would. */
const ownedBy = (name: string, owner: string): Workspace => {
  const ws = phiWorkspace(name, 'Standard_NV36ads_A10_v5');
  return { ...ws, metadata: { ...ws.metadata, annotations: { [KaitoAnnotations.backstageOwner]: owner } } };
};

const reasonOf = (ws: Workspace) => ws.status?.conditions?.find(c => c.type === 'ResourceReady')?.reason;

describe('OwnerQuotaGate in the controller', () => {
  describe('when workspaces created past the portal go over their owner group quota', () => {
    let harness: ControllerHarness;
    let store: QuotaStore;
    beforeAll(async () => {
      store = await QuotaStore.fromKnex(await databases.init('SQLITE_3'));
      // The portal created one already: it holds its reservation.
      await store.reserve({ owner: ML, workspace: 'sim/default/portal-made', gpus: 1, bounds: {} });
      const ownerQuota = new OwnerQuotaGate({ cluster: 'sim', store, limitsOf: () => ({ maxGpus: 2, maxWorkspaces: 10 }) });
      harness = await startControllerHarness({ reconciler: { ownerQuota } });
      for (const name of ['portal-made', 'kubectl-1', 'kubectl-2']) await harness.apply(ownedBy(name, 'group:default/ML-Team'));
    });
    afterAll(() => harness?.stop());

    it('provisions the reserved workspace and one more, and marks the third OwnerQuotaExceeded without provisioning it', async () => {
      await harness.waitForWorkspace('portal-made', ws => ws.status?.state === 'Ready', 'Ready');
      const [first, second] = await Promise.all(
        ['kubectl-1', 'kubectl-2'].map(name =>
          harness.waitForWorkspace(name, ws => ws.status?.state === 'Ready' || reasonOf(ws) === 'OwnerQuotaExceeded', 'Ready or refused'),
        ),
      );
      const refused = [first, second].filter(ws => reasonOf(ws) === 'OwnerQuotaExceeded');
      expect(refused).toHaveLength(1);
      const condition = refused[0].status!.conditions!.find(c => c.type === 'ResourceReady')!;
      expect(condition.status).toBe('False');
      expect(condition.message).toMatch(
        /^Quota exceeded for group:default\/ml-team: maxGpus is 2, 2 are in use and this workspace needs 1\. This workspace was not created through the portal/,
      );
      const claims = await harness.list('karpenter.sh/v1', 'NodeClaim');
      const refusedName = refused[0].metadata.name;
      const claimsOf = (name: string) => claims.filter(c => c.metadata?.labels?.['kaito.sh/workspace'] === name);
      expect(claimsOf(refusedName)).toEqual([]);
      expect(claimsOf('portal-made')).toHaveLength(1);
      expect(await store.held(ML)).toEqual({ gpus: 2, workspaces: 2 });
    });
  });

  describe('when an owned workspace goes from the cluster past the portal (an InferenceSet scaling down)', () => {
    let harness: ControllerHarness;
    let store: QuotaStore;
    beforeAll(async () => {
      store = await QuotaStore.fromKnex(await databases.init('SQLITE_3'));
      const ownerQuota = new OwnerQuotaGate({ cluster: 'sim', store, limitsOf: () => ({ maxGpus: 4, maxWorkspaces: 10 }) });
      harness = await startControllerHarness({ reconciler: { ownerQuota } });
      for (const name of ['replica-a', 'replica-b']) await harness.apply(ownedBy(name, ML));
    });
    afterAll(() => harness?.stop());

    it('frees its reservation once it is gone, at once rather than at the next sweep, and keeps the others', async () => {
      await Promise.all(['replica-a', 'replica-b'].map(name => harness.waitForWorkspace(name, ws => ws.status?.state === 'Ready', 'Ready')));
      expect(await store.held(ML)).toEqual({ gpus: 2, workspaces: 2 });
      await harness.objects.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'replica-b', namespace: 'default' } });
      const deadline = Date.now() + 20_000;
      while ((await store.get('sim/default/replica-b')) && Date.now() < deadline) await new Promise(r => setTimeout(r, 25));
      expect(await harness.getWorkspace('replica-b')).toBeUndefined();
      expect(await store.get('sim/default/replica-b')).toBeUndefined();
      expect(await store.held(ML)).toEqual({ gpus: 1, workspaces: 1 });
    });
  });

  describe('when a workspace is created again under the name of one just gone', () => {
    let harness: ControllerHarness;
    let store: QuotaStore;
    beforeAll(async () => {
      store = await QuotaStore.fromKnex(await databases.init('SQLITE_3'));
      // A slow database: freeing the gone workspace's reservation takes a while.
      const slowRelease = async (key: string) => {
        await new Promise(resolve => setTimeout(resolve, 1500));
        return store.release(key);
      };
      const ownerQuota = new OwnerQuotaGate({
        cluster: 'sim',
        store: { get: key => store.get(key), reserve: request => store.reserve(request), release: slowRelease },
        limitsOf: () => ({ maxGpus: 4, maxWorkspaces: 10 }),
      });
      harness = await startControllerHarness({ reconciler: { ownerQuota } });
      await harness.apply(ownedBy('again', ML));
    });
    afterAll(() => harness?.stop());

    it('charges the new one its own reservation instead of the old one that is being freed', async () => {
      await harness.waitForWorkspace('again', ws => ws.status?.state === 'Ready', 'Ready');
      const before = (await store.get('sim/default/again'))!.reservedAt;
      await harness.objects.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'again', namespace: 'default' } });
      const deadline = Date.now() + 20_000;
      while ((await harness.getWorkspace('again')) && Date.now() < deadline) await new Promise(r => setTimeout(r, 10));
      await harness.apply(ownedBy('again', ML));
      await harness.waitForWorkspace('again', ws => ws.status?.state === 'Ready', 'Ready again');
      const reservation = await store.get('sim/default/again');
      expect(reservation).toBeDefined();
      expect(reservation!.reservedAt.getTime()).toBeGreaterThan(before.getTime());
      expect(await store.held(ML)).toEqual({ gpus: 1, workspaces: 1 });
    });
  });

  describe('when a workspace that runs is found over its owner\'s quota (its reservation was lost)', () => {
    let harness: ControllerHarness;
    let overQuota = false;
    beforeAll(async () => {
      // A gate that admits, then refuses: the state a lost reservation leaves behind.
      const ownerQuota = { admit: async () => (overQuota ? 'Quota exceeded for group:default/ml-team' : undefined), forget: () => undefined };
      harness = await startControllerHarness({ reconciler: { ownerQuota } });
      await harness.apply(ownedBy('runs', ML));
      await harness.waitForWorkspace('runs', ws => ws.status?.state === 'Ready', 'Ready');
    });
    afterAll(() => harness?.stop());

    it('keeps the nodes it still holds in workerNodes, so it is still priced', async () => {
      overQuota = true;
      const ws = (await harness.getWorkspace('runs'))!;
      await harness.objects.patch(
        { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'runs', namespace: 'default', labels: { touched: 'yes' } } } as any,
        undefined, undefined, undefined, undefined, PatchStrategy.MergePatch,
      );
      const held = await harness.waitForWorkspace('runs', w => reasonOf(w) === 'OwnerQuotaExceeded', 'OwnerQuotaExceeded');
      expect(held.status?.workerNodes).toEqual(ws.status?.workerNodes);
      expect(held.status?.workerNodes).toHaveLength(1);
      const prices = { prices: { currency: 'USD', perHour: { Standard_NV36ads_A10_v5: 3.2 } } };
      expect(summarizeWorkspace('sim', held, prices).costPerHour).toBe(3.2);
    });
  });
});
