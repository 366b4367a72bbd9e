import { ControllerHarness, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

describe('the controller with a token of the shipped rbac.yaml', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({ rbac: 'shipped', startController: false });
    harness.sim.authorizationLog.start();
    await harness.startReplica({
      controller: { leaderElection: { enabled: true, namespace: harness.rbac!.leaseNamespace } },
    });
  });
  afterAll(() => harness?.stop());

  it('takes the Lease, reconciles a workspace to Ready and is refused nothing', async () => {
    await harness.apply(phiWorkspace('phi'));
    await harness.waitForWorkspace('phi', ws => ws.status?.state === 'Ready', 'Ready');
    const ours = harness.sim.authorizationLog.records().filter(r => r.user === harness.rbac!.user);
    expect(ours).toContainEqual(expect.objectContaining({ verb: 'create', resource: 'leases', namespace: harness.rbac!.leaseNamespace, allowed: true }));
    expect(ours.filter(r => !r.allowed && !(r.source === 'admission' && r.verb === 'delete'))).toEqual([]);
  });

  it('works as the ServiceAccount, not as the admin', async () => {
    expect(harness.rbac!.user).toBe('system:serviceaccount:kaito-backstage:kaito-backstage-controller');
    expect(harness.sim.authorizationLog.records().some(r => r.user === 'kubernetes-admin' && r.resourceRequest && r.resource === 'leases')).toBe(false);
  });
});
