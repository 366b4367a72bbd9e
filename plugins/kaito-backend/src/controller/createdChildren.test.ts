import { KubernetesObject } from '@kubernetes/client-node';
import { ControllerHarness, FAST_SIMULATION, startControllerHarness } from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

/**
 * A child created on one pass is not created again by a pass that runs before its watch event
 * arrives (statusWrites.test counts that), yet one that goes before the cache ever saw it is
 * created again once the wait for it is over.
 */
describe('children the controller created', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await startControllerHarness({ simulator: { behaviour: FAST_SIMULATION } });
  });
  afterAll(() => harness?.stop());

  it('creates a StatefulSet again when it was deleted before the cache saw it', async () => {
    const writer = harness.controller.writer as unknown as { createChild: (object: KubernetesObject, workspace: unknown) => Promise<unknown> };
    const createChild = writer.createChild.bind(writer);
    let deleted = false;
    writer.createChild = async (object, workspace) => {
      const result = await createChild(object, workspace);
      if (!deleted && object.kind === 'StatefulSet') {
        deleted = true;
        // Deleted at once (by someone, or a garbage collector): its add and delete both land before the next pass.
        await harness.objects.delete({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: object.metadata!.name, namespace: object.metadata!.namespace } }, undefined, undefined, 0);
      }
      return result;
    };
    await harness.apply(phiWorkspace('phi-gone'));
    await harness.waitForWorkspace('phi-gone', ws => ws.status?.state === 'Ready', 'Ready with a StatefulSet made again');
    expect(deleted).toBe(true);
    const statefulSets = await harness.list('apps/v1', 'StatefulSet', 'default', 'kaito.sh/workspace=phi-gone');
    expect(statefulSets.filter(s => !s.metadata?.deletionTimestamp)).toHaveLength(1);
  });
});
