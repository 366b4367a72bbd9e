import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace as workspace } from '../__testUtils__/workspaces';
import { WorkspaceController } from './WorkspaceController';

const LEASE_SECONDS = 1;

jest.setTimeout(30_000);

describe('when two controller instances share a cluster', () => {
  let harness: ControllerHarness;
  let leader: WorkspaceController;
  let follower: WorkspaceController;
  beforeAll(async () => {
    harness = await startControllerHarness({
      startController: false,
      kaito: {
        controller: {
          leaderElection: {
            enabled: true,
            leaseName: 'kaito-failover-test',
            leaseDurationSeconds: LEASE_SECONDS,
            renewDeadlineSeconds: 0.6,
          },
        },
      },
    });
    const first = await harness.startReplica();
    const second = await harness.startReplica();
    await eventually(() => first.isReconciling || second.isReconciling, 'a leader');
    [leader, follower] = first.isReconciling ? [first, second] : [second, first];
  });
  afterAll(() => harness?.stop());

  it('lets exactly one of them write', async () => {
    await harness.apply(workspace('led'));
    await harness.waitForWorkspace('led', ws => ws.status?.state === 'Ready', 'Ready');
    expect(leader.writer.total).toBeGreaterThan(0);
    expect(follower.writer.total).toBe(0);
    expect(follower.isReconciling).toBe(false);
  });

  describe('when the leader crashes without releasing its lease', () => {
    let crashedAt: number;
    let tookOverAt: number;
    let leaderWritesAtCrash: number;
    beforeAll(async () => {
      // The crash halts writes at once: Events still posted cannot count after it.
      await leader.stop({ graceful: false });
      leaderWritesAtCrash = leader.writer.total;
      crashedAt = Date.now();
      await harness.apply(workspace('after-failover'));
      await eventually(() => follower.isReconciling, 'the follower to take over');
      tookOverAt = Date.now();
    });

    it('the other takes over only once the lease has expired', () => {
      // The renew deadline is 0.6 s; the lease itself runs 1 s from the last renewal.
      expect(tookOverAt - crashedAt).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000 - 600);
    });

    it('converges the workspaces created meanwhile, without touching the finished ones', async () => {
      const ws = await harness.waitForWorkspace('after-failover', w => w.status?.state === 'Ready', 'Ready');
      expect(ws.status?.workerNodes).toHaveLength(1);
      expect(follower.writer.total).toBeGreaterThan(0);
      expect(leader.writer.total).toBe(leaderWritesAtCrash);
      expect(await harness.list('karpenter.sh/v1', 'NodeClaim', undefined, 'kaito.sh/workspace=led')).toHaveLength(1);
    });
  });
});
