import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

const conflictOf = (ws: Workspace) => ws.status?.conditions?.find(c => c.reason === 'ResourceConflict');

function tuningWorkspace(name: string): Workspace {
  return {
    ...phiWorkspace(name),
    inference: undefined,
    tuning: {
      preset: { name: 'phi-3-mini-128k-instruct' },
      method: 'qlora',
      input: { urls: ['https://huggingface.co/datasets/philschmid/dolly-15k-oai-style/resolve/main/data/train.parquet'] },
      output: { image: 'myregistry.azurecr.io/adapters/phi-3-tuned:0.0.1', imagePushSecret: 'push-secret' },
    },
  };
}

/** A StatefulSet someone else runs, with no owner reference (and, if asked, our labels copied onto it). */
function foreignStatefulSet(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas: 0,
      serviceName: name,
      selector: { matchLabels: { app: `someone-elses-${name}` } },
      template: {
        metadata: { labels: { app: `someone-elses-${name}` } },
        spec: { containers: [{ name: 'db', image: 'example.com/someone/db:1' }] },
      },
    },
  };
}

describe('objects in a workspace child\'s way that the workspace does not control', () => {
  let harness: ControllerHarness;
  const resourceVersion = (resource: string, name: string) => harness.sim.store.peek(resource, 'default', name)?.metadata.resourceVersion;

  beforeAll(async () => {
    harness = await startControllerHarness({ simulated: true });
  });
  afterAll(() => harness?.stop());

  describe('when a workspace is named kubernetes in default', () => {
    let before: string | undefined;
    let ws: Workspace;

    beforeAll(async () => {
      before = resourceVersion('services', 'kubernetes');
      await harness.apply(phiWorkspace('kubernetes'));
      ws = await harness.waitForWorkspace('kubernetes', w => Boolean(conflictOf(w)), 'in ResourceConflict', 40_000);
    });

    it('sets ResourceConflict naming the API server Service and how to resolve it, and is not Ready', () => {
      const resource = ws.status!.conditions!.find(c => c.type === 'ResourceReady')!;
      expect(resource).toMatchObject({ status: 'False', reason: 'ResourceConflict' });
      expect(resource.message).toContain('Service default/kubernetes already exists and does not belong to workspace default/kubernetes');
      expect(resource.message).toMatch(/Rename the workspace, or delete or move Service default\/kubernetes/);
      expect(ws.status!.conditions!.find(c => c.type === 'InferenceReady')).toMatchObject({ status: 'False', reason: 'ResourceConflict' });
      expect(ws.status!.state).not.toBe('Ready');
    });

    it('leaves the API server Service unchanged and runs nothing behind it', async () => {
      await harness.controller.queue.whenIdle();
      expect(resourceVersion('services', 'kubernetes')).toBe(before);
      expect(harness.sim.store.peek('services', 'default', 'kubernetes')!.metadata.ownerReferences).toBeUndefined();
      expect(harness.sim.store.peek('statefulsets.apps', 'default', 'kubernetes')).toBeUndefined();
    });
  });

  describe('when an unlabelled StatefulSet has the workspace\'s name', () => {
    it('sets ResourceConflict naming it and leaves it unchanged', async () => {
      await harness.apply(foreignStatefulSet('taken-sts'));
      const before = resourceVersion('statefulsets.apps', 'taken-sts');
      await harness.apply(phiWorkspace('taken-sts'));
      const ws = await harness.waitForWorkspace('taken-sts', w => Boolean(conflictOf(w)), 'in ResourceConflict', 40_000);
      expect(conflictOf(ws)!.message).toContain('StatefulSet default/taken-sts already exists');
      expect(ws.status!.state).not.toBe('Ready');
      await harness.controller.queue.whenIdle();
      expect(resourceVersion('statefulsets.apps', 'taken-sts')).toBe(before);
    });
  });

  describe('when a Job has a tuning workspace\'s name', () => {
    it('sets ResourceConflict naming it and neither replaces nor changes it', async () => {
      await harness.apply({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'taken-job', namespace: 'default' },
        spec: {
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'backup', image: 'example.com/someone/backup:1' }] } },
        },
      });
      // Let the simulated cluster finish running it, so that only the controller could still change it.
      const job = await eventually(() => {
        const j = harness.sim.store.peek('jobs.batch', 'default', 'taken-job');
        return j?.status?.succeeded ? j : undefined;
      }, 'the foreign Job to finish');
      await harness.apply(tuningWorkspace('taken-job'));
      const ws = await harness.waitForWorkspace('taken-job', w => Boolean(conflictOf(w)), 'in ResourceConflict', 40_000);
      expect(conflictOf(ws)!.message).toContain('Job default/taken-job already exists');
      expect(ws.status!.conditions!.find(c => c.type === 'JobStarted')).toMatchObject({ status: 'False', reason: 'ResourceConflict' });
      expect(ws.status!.state).not.toBe('Succeeded');
      await harness.controller.queue.whenIdle();
      const after = harness.sim.store.peek('jobs.batch', 'default', 'taken-job')!;
      expect(after.metadata.uid).toBe(job.metadata.uid);
      expect(after.metadata.resourceVersion).toBe(job.metadata.resourceVersion);
    });
  });

  describe('when a foreign StatefulSet carries the workspace\'s labels', () => {
    it('is never drift-corrected, and the workspace comes up once it is gone', async () => {
      await harness.apply(foreignStatefulSet('copied-labels', { 'kaito.sh/workspace': 'copied-labels' }));
      const before = harness.sim.store.peek('statefulsets.apps', 'default', 'copied-labels')!;
      await harness.apply(phiWorkspace('copied-labels'));
      const ws = await harness.waitForWorkspace('copied-labels', w => Boolean(conflictOf(w)), 'in ResourceConflict', 40_000);
      expect(conflictOf(ws)!.message).toContain('StatefulSet default/copied-labels already exists');
      await harness.controller.queue.whenIdle();
      const after = harness.sim.store.peek('statefulsets.apps', 'default', 'copied-labels')!;
      expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      expect(after.spec.template.spec.containers).toEqual(before.spec.template.spec.containers);
      const events = await harness.list('v1', 'Event', 'default');
      expect(events.filter((e: any) => e.involvedObject?.name === 'copied-labels' && e.reason === 'DriftCorrected')).toEqual([]);

      // Its owner moves it away: the controller creates its own and the workspace becomes Ready.
      await harness.objects.delete({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'copied-labels', namespace: 'default' } } as never);
      await eventually(() => !harness.sim.store.peek('statefulsets.apps', 'default', 'copied-labels'), 'the foreign StatefulSet to go');
      const ready = await harness.waitForWorkspace('copied-labels', w => w.status?.state === 'Ready', 'Ready', 40_000);
      expect(conflictOf(ready)).toBeUndefined();
      expect(harness.sim.store.peek('statefulsets.apps', 'default', 'copied-labels')!.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Workspace', name: 'copied-labels', uid: ready.metadata.uid, controller: true }),
      ]);
    });
  });
});
