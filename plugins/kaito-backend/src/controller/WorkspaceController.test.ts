import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

const condition = (ws: Workspace, type: string) => ws.status?.conditions?.find(c => c.type === type);

jest.setTimeout(30_000);

describe('WorkspaceController on the simulator', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({
      simulator: {
        behaviour: {
          provisioner: { delayMs: 0, failures: { Standard_NC48ads_A100_v4: 'QuotaExceeded' } },
          kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
          jobs: { durationMs: 0 },
        },
      },
    });
  });
  afterAll(() => harness?.stop());

  describe('when an inference workspace is created', () => {
    let ready: Workspace;
    beforeAll(async () => {
      await harness.apply(phiWorkspace('phi'));
      ready = await harness.waitForWorkspace('phi', ws => ws.status?.state === 'Ready', 'Ready');
    });

    it('reaches Ready with every Kaito condition true', () => {
      for (const type of ['NodeClaimReady', 'NodesReady', 'ResourceReady', 'InferenceReady', 'WorkspaceSucceeded']) {
        expect(condition(ready, type)?.status).toBe('True');
      }
      expect(ready.status?.targetNodeCount).toBe(1);
      expect(ready.status?.workerNodes).toHaveLength(1);
    });

    it('adds the finalizer and the revision annotations', () => {
      expect(ready.metadata.finalizers).toContain('workspace.finalizer.kaito.sh');
      expect(ready.metadata.annotations?.['workspace.kaito.io/revision']).toBe('1');
      expect(ready.metadata.annotations?.['workspace.kaito.io/hash']).toMatch(/^[a-f0-9]{64}$/);
    });

    it('creates exactly one NodeClaim, the Services and the StatefulSet', async () => {
      const claims = await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=phi');
      expect(claims).toHaveLength(1);
      const services = await harness.list('v1', 'Service', 'default');
      expect(services.map(s => s.metadata?.name)).toEqual(expect.arrayContaining(['phi', 'phi-headless']));
      const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=phi');
      expect((sts as any).spec.replicas).toBe(1);
    });

    it('restores a Service deleted by hand', async () => {
      await harness.objects.delete({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'phi', namespace: 'default' } });
      const deadline = Date.now() + 10_000;
      let found = false;
      while (!found && Date.now() < deadline) {
        found = (await harness.list('v1', 'Service', 'default')).some(s => s.metadata?.name === 'phi' && !s.metadata?.deletionTimestamp);
        if (!found) await new Promise(r => setTimeout(r, 25));
      }
      expect(found).toBe(true);
    });

    it("leaves a hand edit of the StatefulSet's env at the same revision, as Kaito v0.12 does", async () => {
      const [sts] = await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=phi');
      const container = (sts as any).spec.template.spec.containers[0];
      const edited = [...container.env, { name: 'HTTP_PROXY', value: 'http://proxy.example.com' }];
      await harness.objects.patch(
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'phi', namespace: 'default' },
          spec: { template: { spec: { containers: [{ ...container, env: edited }] } } },
        } as any,
        undefined,
        undefined,
        undefined,
        undefined,
        'application/merge-patch+json' as any,
      );
      // Patches only: the edit rolls the pods, whose readiness the status reports.
      const before = harness.controller.writer.counts.patch;
      harness.controller.queue.add('default/phi');
      await new Promise(r => setTimeout(r, 200));
      await harness.controller.queue.whenIdle();
      const [current] = await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=phi');
      expect((current as any).spec.template.spec.containers[0].env).toEqual(edited);
      expect(harness.controller.writer.counts.patch - before).toBe(0);
    });
  });

  describe('when an inference workspace has become Ready', () => {
    const eventsOf = async (name: string) =>
      (await harness.list('v1', 'Event', 'default')).filter((e: any) => e.involvedObject?.name === name && e.involvedObject?.kind === 'Workspace') as any[];

    it('has recorded one Event per step: NodeClaim, workloads, Ready', async () => {
      await harness.waitForWorkspace('phi', ws => ws.status?.state === 'Ready', 'Ready');
      const events = await eventsOf('phi');
      const byReason = (reason: string) => events.filter(e => e.reason === reason);
      expect(byReason('NodeClaimCreated')).toEqual([expect.objectContaining({ type: 'Normal', count: 1, message: expect.stringMatching(/^Created NodeClaim ws[0-9a-f]{9} \(Standard_NC24ads_A100_v4\)$/) })]);
      // (A later one says the Service deleted by hand was created again.)
      expect(byReason('WorkloadCreated').map(e => e.message)).toContain('Created Service phi, Service phi-headless, StatefulSet phi');
      expect(byReason('WorkspaceReady')).toHaveLength(1);
    });

    it('records no Warning for the hand edit it left alone', async () => {
      const events = await eventsOf('phi');
      // (The hand edit rolls the pods, so WorkspaceNotReady may come; nothing says it was reverted.)
      expect(events.filter(e => e.type === 'Warning' && e.reason !== 'WorkspaceNotReady')).toEqual([]);
    });

    it('writes nothing when every workspace is reconciled again', async () => {
      const { controller } = harness;
      await controller.queue.whenIdle();
      // Events are posted, not awaited: the last ones may still be on their way.
      await controller.events.drain();
      const before = controller.writer.total;
      for (const ws of controller.cache.list('Workspace')) controller.queue.add(`${ws.metadata!.namespace}/${ws.metadata!.name}`);
      await controller.queue.whenIdle();
      await controller.events.drain();
      expect(controller.writer.total - before).toBe(0);
    });
  });

  describe('when the instance type has no quota', () => {
    it('reports the provisioner reason on NodeClaimReady and is Failed with it', async () => {
      await harness.apply(phiWorkspace('no-quota', 'Standard_NC48ads_A100_v4'));
      const ws = await harness.waitForWorkspace(
        'no-quota',
        w => condition(w, 'NodeClaimReady')?.status === 'False' && /quota/i.test(condition(w, 'NodeClaimReady')?.message ?? ''),
        'blocked on quota',
      );
      expect(ws.status?.state).toBe('Failed');
      expect(condition(ws, 'ResourceReady')?.status).toBe('False');
      expect(condition(ws, 'WorkspaceSucceeded')).toMatchObject({ status: 'False', reason: 'workspaceFailed' });
      expect(condition(ws, 'WorkspaceSucceeded')?.message).toMatch(/could not launch Standard_NC48ads_A100_v4: .*QuotaExceeded/);
    });
  });

  describe('when a workspace is invalid', () => {
    it('says why on ResourceReady and provisions nothing', async () => {
      await harness.apply({ ...phiWorkspace('bad-sku', 'Standard_E4s_v5'), resource: { instanceType: 'Standard_E4s_v5', labelSelector: { matchLabels: { a: 'b' } } } });
      const ws = await harness.waitForWorkspace('bad-sku', w => condition(w, 'ResourceReady')?.reason === 'InvalidWorkspace', 'invalid');
      expect(condition(ws, 'ResourceReady')?.message).toContain('Standard_E4s_v5');
      expect(ws.status?.state).toBe('Failed');
      const events = (await harness.list('v1', 'Event', 'default')).filter((e: any) => e.involvedObject?.name === 'bad-sku');
      expect(events).toEqual([expect.objectContaining({ type: 'Warning', reason: 'InvalidWorkspace', message: condition(ws, 'ResourceReady')?.message })]);
      expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=bad-sku')).toHaveLength(0);
    });
  });

  describe('when a workspace is deleted', () => {
    it('removes its NodeClaims, then its finalizer', async () => {
      await harness.apply(phiWorkspace('short-lived'));
      await harness.waitForWorkspace('short-lived', ws => ws.status?.state === 'Ready', 'Ready');
      await harness.objects.delete({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'short-lived', namespace: 'default' } } as any);
      const deadline = Date.now() + 10_000;
      while ((await harness.getWorkspace('short-lived')) && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 25));
      }
      expect(await harness.getWorkspace('short-lived')).toBeUndefined();
      expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=short-lived')).toHaveLength(0);
    });
  });

  describe('when the API server answers with conflicts', () => {
    it('converges anyway', async () => {
      const remove = harness.sim.faults.inject({ verb: 'patch', resource: 'workspaces', code: 409, times: 3 });
      await harness.apply(phiWorkspace('conflicted'));
      const ws = await harness.waitForWorkspace('conflicted', w => w.status?.state === 'Ready', 'Ready');
      remove();
      expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=conflicted')).toHaveLength(1);
      expect(ws.metadata.annotations?.['workspace.kaito.io/revision']).toBe('1');
    });
  });

  describe('when the watches are dropped', () => {
    it('recovers and misses nothing', async () => {
      expect(harness.sim.faults.dropWatches()).toBeGreaterThan(0);
      await harness.apply(phiWorkspace('after-drop'));
      const ws = await harness.waitForWorkspace('after-drop', w => w.status?.state === 'Ready', 'Ready');
      expect(ws.status?.workerNodes).toHaveLength(1);
    });
  });
});
