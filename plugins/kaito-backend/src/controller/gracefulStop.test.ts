import { KubernetesObject } from '@kubernetes/client-node';
import {
  ControllerHarness,
  FAST_SIMULATION,
  startControllerHarness,
} from '../__testUtils__/controllerHarness';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(30_000);

/** Makes the controller's Event writes take `ms` longer. */
function slowEventWrites(harness: ControllerHarness, ms: number) {
  const writer = harness.controller.writer;
  const createEvent = writer.createEvent.bind(writer);
  writer.createEvent = async event => {
    await new Promise(resolve => setTimeout(resolve, ms));
    return createEvent(event);
  };
}

const eventsWith = async (harness: ControllerHarness, message: string) =>
  (await harness.list('v1', 'Event', 'default')).filter(
    event =>
      (event as KubernetesObject & { message?: string }).message === message,
  );

describe('a graceful stop of the controller', () => {
  let harness: ControllerHarness;
  beforeEach(async () => {
    harness = await startControllerHarness({
      simulator: { behaviour: FAST_SIMULATION },
    });
    await harness.apply(phiWorkspace('phi'));
    await harness.waitForWorkspace(
      'phi',
      ws => ws.status?.state === 'Ready',
      'Ready',
    );
  });
  afterEach(() => harness?.stop());

  /** Posts an Event on the ready workspace, its write taking `ms` longer, as on a slow API server. */
  function postSlowEvent(message: string, ms: number) {
    slowEventWrites(harness, ms);
    const workspace = harness.controller.cache.get<KubernetesObject>('Workspace', 'phi', 'default')!;
    harness.controller.events.post(workspace, 'Normal', 'WorkspaceUpdated', message);
  }

  it('writes the Events already posted before it returns', async () => {
    postSlowEvent('posted just before the stop', 300);
    await harness.controller.stop();
    expect(
      await eventsWith(harness, 'posted just before the stop'),
    ).toHaveLength(1);
  });

  it('does not wait for them when it stops as a crash would', async () => {
    postSlowEvent('posted just before the crash', 2_000);
    const began = Date.now();
    await harness.controller.stop({ graceful: false });
    expect(Date.now() - began).toBeLessThan(1_500);
    await new Promise(resolve => setTimeout(resolve, 2_200));
    // The halted writer cut the write when its turn came.
    expect(
      await eventsWith(harness, 'posted just before the crash'),
    ).toHaveLength(0);
  });

  /** Holds the controller's next merge patch (a new workspace's first write) until `release`; resolves `started` when it begins. */
  function holdNextMergePatch() {
    const writer = harness.controller.writer;
    const mergePatch = writer.mergePatch.bind(writer);
    let release!: () => void;
    const released = new Promise<void>(resolve => (release = resolve));
    let begun!: () => void;
    const started = new Promise<void>(resolve => (begun = resolve));
    const written = { done: false };
    writer.mergePatch = (async (patch: KubernetesObject) => {
      writer.mergePatch = mergePatch;
      begun();
      await released;
      const result = await mergePatch(patch);
      written.done = true;
      return result;
    }) as typeof writer.mergePatch;
    return { started, release, written };
  }

  it('lets a reconcile under way end before it returns', async () => {
    const held = holdNextMergePatch();
    await harness.apply(phiWorkspace('arriving'));
    await held.started;
    setTimeout(held.release, 300);
    await harness.controller.stop();
    expect(held.written.done).toBe(true);
  });

  it('waits at most 5 s for a reconcile that does not end', async () => {
    const held = holdNextMergePatch();
    await harness.apply(phiWorkspace('stuck'));
    await held.started;
    const began = Date.now();
    await harness.controller.stop();
    const waited = Date.now() - began;
    expect(waited).toBeGreaterThanOrEqual(4_900);
    expect(waited).toBeLessThan(8_000);
    expect(held.written.done).toBe(false);
    held.release();
  });
});
