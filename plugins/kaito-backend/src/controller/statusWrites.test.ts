import { AuthorizationRecord } from '@kaito-backstage/cluster-sim';
import { ControllerHarness, FAST_SIMULATION, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

type ResourceRecord = Extract<AuthorizationRecord, { resourceRequest: true }>;

/** The controller's writes, as `<verb> <resource>[/<subresource>]`, from the simulator's request log. */
function writesOf(harness: ControllerHarness): string[] {
  return harness.sim.authorizationLog
    .records()
    // Requests only: admission plugins' own checks are recorded too.
    .filter((r): r is ResourceRecord => r.source === 'request' && r.resourceRequest && ['create', 'update', 'patch', 'delete'].includes(r.verb))
    .filter(r => r.resource !== 'events')
    .map(r => `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`);
}

describe('status writes of an inference workspace', () => {
  describe('when nodes and pods come up within a status write interval', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      // Each step takes a little while, so every intermediate condition is seen on its own
      // pass (written one by one, that is 5 status writes), yet all within 2 s.
      harness = await startControllerHarness({
        startController: false,
        simulator: {
          behaviour: {
            ...FAST_SIMULATION,
            provisioner: { delayMs: 150 },
            kubelet: { ...FAST_SIMULATION!.kubelet, imagePullMs: 50, modelLoadMs: 150 },
          },
        },
      });
      await harness.apply(phiWorkspace('quick'));
      // Recording starts with the controller, so only its writes are counted.
      harness.sim.authorizationLog.start();
      const controller = await harness.startReplica();
      await harness.waitForWorkspace('quick', ws => ws.status?.state === 'Ready', 'Ready');
      await controller.queue.whenIdle();
    });
    afterAll(() => harness?.stop());

    it('writes what Kaito writes for it and no more: 5 creates, 1 metadata patch, 2 status writes', () => {
      expect(writesOf(harness).sort()).toEqual(
        [
          'create controllerrevisions',
          'create nodeclaims',
          'create services',
          'create services',
          'create statefulsets',
          'patch workspaces',
          'patch workspaces/status',
          'patch workspaces/status',
        ].sort(),
      );
    });
  });

  describe('when the model takes longer to load than a status write interval', () => {
    let harness: ControllerHarness;
    beforeAll(async () => {
      harness = await startControllerHarness({
        simulator: { behaviour: { ...FAST_SIMULATION, kubelet: { ...FAST_SIMULATION!.kubelet, modelLoadMs: 4000 } } },
      });
      await harness.apply(phiWorkspace('slow'));
    });
    afterAll(() => harness?.stop());

    it('still shows that the resources are ready while inference is pending', async () => {
      const loading = await harness.waitForWorkspace(
        'slow',
        ws => ws.status?.conditions?.some(c => c.type === 'ResourceReady' && c.status === 'True') ?? false,
        'ResourceReady',
      );
      expect(loading.status?.state).toBe('Pending');
      expect(loading.status?.conditions?.find(c => c.type === 'InferenceReady')?.status).toBe('False');
      await harness.waitForWorkspace('slow', ws => ws.status?.state === 'Ready', 'Ready');
    });
  });
});
