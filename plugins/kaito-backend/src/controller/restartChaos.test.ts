import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';
import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { WorkspaceController } from './WorkspaceController';

/** mulberry32: a small seeded generator, so every run kills at the same points. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function workspace(index: number): Workspace {
  return phiWorkspace(`chaos-${String(index).padStart(2, '0')}`);
}

const COUNT = 50;
const RESTARTS = 4;

jest.setTimeout(60_000);

describe('when the controller is killed and restarted at random points of 50 reconciles', () => {
  let harness: ControllerHarness;
  const killedAfterWrites: number[] = [];
  let readyBeforeLastReplica = 0;
  beforeAll(async () => {
    harness = await startControllerHarness({ startController: false });
    const random = seededRandom(20_260_301);
    for (let i = 0; i < COUNT; i++) await harness.apply(workspace(i));

    for (let round = 0; round < RESTARTS; round++) {
      const controller: WorkspaceController = await harness.startReplica();
      // Let this process make a random number of writes, then die: every later write is refused,
      // the reconciles under way stop at that point, and the next replica starts with empty memory.
      const allowed = 5 + Math.floor(random() * 120);
      controller.writer.halt(allowed);
      await eventually(
        () => controller.writer.total >= allowed || (controller.queue.depth === 0 && controller.queue.activeCount === 0),
        `replica ${round} to make ${allowed} writes`,
      );
      killedAfterWrites.push(controller.writer.total);
      await controller.stop({ graceful: false });
      await controller.queue.whenIdle();
    }
    readyBeforeLastReplica = (await harness.list('kaito.sh/v1beta1', 'Workspace', 'default')).filter(
      ws => (ws as Workspace).status?.state === 'Ready',
    ).length;
    await harness.startReplica();
  });
  afterAll(() => harness?.stop());

  it('was killed mid-way each time', () => {
    expect(killedAfterWrites).toHaveLength(RESTARTS);
    expect(killedAfterWrites.every(writes => writes > 0)).toBe(true);
    expect(readyBeforeLastReplica).toBeLessThan(COUNT);
  });

  it('converges: every workspace becomes Ready', async () => {
    const states: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const ws = await harness.waitForWorkspace(workspace(i).metadata.name, w => w.status?.state === 'Ready', 'Ready');
      states.push(ws.status!.state!);
    }
    expect(states).toEqual(Array(COUNT).fill('Ready'));
  });

  it('creates exactly targetNodeCount NodeClaims per workspace, never a duplicate', async () => {
    const claims = await harness.list('karpenter.sh/v1', 'NodeClaim');
    const perWorkspace = new Map<string, number>();
    for (const claim of claims) {
      const name = claim.metadata?.labels?.['kaito.sh/workspace'] ?? '';
      perWorkspace.set(name, (perWorkspace.get(name) ?? 0) + 1);
    }
    for (let i = 0; i < COUNT; i++) {
      const ws = (await harness.getWorkspace(workspace(i).metadata.name))!;
      expect([ws.metadata.name, perWorkspace.get(ws.metadata.name)]).toEqual([ws.metadata.name, ws.status?.targetNodeCount]);
    }
  });

  it('keeps one revision per workspace and one StatefulSet each', async () => {
    const revisions = await harness.list('apps/v1', 'ControllerRevision', 'default', 'workspace.kaito.io/name');
    const statefulSets = await harness.list('apps/v1', 'StatefulSet', 'default');
    expect(revisions).toHaveLength(COUNT);
    expect(statefulSets).toHaveLength(COUNT);
    for (let i = 0; i < COUNT; i++) {
      const ws = (await harness.getWorkspace(workspace(i).metadata.name))!;
      expect(ws.metadata.annotations?.['workspace.kaito.io/revision']).toBe('1');
    }
  });
});
