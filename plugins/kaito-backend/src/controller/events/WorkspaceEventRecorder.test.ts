import { KubernetesObject } from '@kubernetes/client-node';
import { KubeWriter } from '../KubeWriter';
import { WorkspaceEventRecorder } from './WorkspaceEventRecorder';

function fakeWriter(options: { failCreate?: boolean; countUpCode?: number } = {}) {
  const created: KubernetesObject[] = [];
  const countedUp: Array<{ name: string; count: number }> = [];
  const writer = {
    async createEvent(event: KubernetesObject) {
      if (options.failCreate) throw Object.assign(new Error('forbidden'), { code: 403 });
      created.push(event);
    },
    async countUpEvent(_namespace: string, name: string, count: number) {
      if (options.countUpCode) throw Object.assign(new Error('gone'), { code: options.countUpCode });
      countedUp.push({ name, count });
    },
  } as unknown as KubeWriter;
  return { writer, created, countedUp };
}

const workspace = (name = 'phi'): KubernetesObject => ({
  apiVersion: 'kaito.sh/v1beta1',
  kind: 'Workspace',
  metadata: { name, namespace: 'team-a', uid: `uid-${name}`, resourceVersion: '7' },
});

describe('WorkspaceEventRecorder', () => {
  const now = () => new Date('2026-03-01T10:00:00.123Z');

  it('creates a core/v1 Event whose involved object is the workspace', async () => {
    const { writer, created } = fakeWriter();
    await new WorkspaceEventRecorder({ writer, instance: 'host-1', now }).record(workspace(), 'Normal', 'NodeClaimCreated', 'Created NodeClaim ws1');
    expect(created).toEqual([
      expect.objectContaining({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: expect.stringMatching(/^phi\.[0-9a-f]{16}$/), namespace: 'team-a' },
        involvedObject: { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'phi', namespace: 'team-a', uid: 'uid-phi', resourceVersion: '7' },
        type: 'Normal',
        reason: 'NodeClaimCreated',
        message: 'Created NodeClaim ws1',
        count: 1,
        firstTimestamp: '2026-03-01T10:00:00Z',
        lastTimestamp: '2026-03-01T10:00:00Z',
        reportingInstance: 'host-1',
      }),
    ]);
  });

  it("posts without waiting: each workspace's events are written in order, stamped when posted", async () => {
    const writes: string[] = [];
    const gates: Array<() => void> = [];
    const writer = {
      // Each write waits until the test lets it through, so the order of writes is observable.
      async createEvent(event: any) {
        await new Promise<void>(resolve => gates.push(resolve));
        writes.push(`${event.metadata.namespace}/${event.involvedObject.name}: ${event.reason} at ${event.eventTime}`);
      },
    } as unknown as KubeWriter;
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now: () => new Date(clock) });
    recorder.post(workspace('a'), 'Normal', 'NodeClaimCreated', 'one');
    clock += 1000;
    recorder.post(workspace('a'), 'Normal', 'WorkloadCreated', 'two');
    recorder.post(workspace('b'), 'Normal', 'NodeClaimCreated', 'other');
    await new Promise(resolve => setImmediate(resolve));
    // a's second event waits for its first; b's is written meanwhile.
    expect(gates).toHaveLength(2);
    gates.splice(0).reverse().forEach(open => open());
    await new Promise(resolve => setImmediate(resolve));
    expect(gates).toHaveLength(1);
    gates.splice(0).forEach(open => open());
    await recorder.drain();
    expect(writes).toEqual([
      'team-a/b: NodeClaimCreated at 2026-03-01T10:00:01.000000Z',
      'team-a/a: NodeClaimCreated at 2026-03-01T10:00:00.000000Z',
      'team-a/a: WorkloadCreated at 2026-03-01T10:00:01.000000Z',
    ]);
  });

  it('forgets a workspace that is gone once its posted events are written', async () => {
    const { writer, created } = fakeWriter();
    const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
    recorder.post(workspace('a'), 'Normal', 'NodeClaimCreated', 'one');
    recorder.post(workspace('a'), 'Normal', 'WorkloadCreated', 'two');
    recorder.forget('team-a/a');
    await recorder.drain();
    await new Promise(resolve => setImmediate(resolve));
    // A new workspace of that name starts afresh: its first event is written, not taken for a repeat.
    await recorder.record(workspace('a'), 'Normal', 'WorkloadCreated', 'two');
    expect(created.map(e => (e as { reason?: string }).reason)).toEqual(['NodeClaimCreated', 'WorkloadCreated', 'WorkloadCreated']);
  });

  describe('when the same event comes twice in a row', () => {
    it('writes it once', async () => {
      const { writer, created, countedUp } = fakeWriter();
      const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
      await recorder.record(workspace(), 'Warning', 'InvalidWorkspace', 'bad sku');
      await recorder.record(workspace(), 'Warning', 'InvalidWorkspace', 'bad sku');
      expect(created).toHaveLength(1);
      expect(countedUp).toEqual([]);
    });

    it('still writes it for another workspace', async () => {
      const { writer, created } = fakeWriter();
      const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
      await recorder.record(workspace('a'), 'Normal', 'WorkspaceReady', 'ready');
      await recorder.record(workspace('b'), 'Normal', 'WorkspaceReady', 'ready');
      expect(created.map(e => (e as any).involvedObject.name)).toEqual(['a', 'b']);
    });
  });

  describe('when an earlier event comes back after another', () => {
    it('counts up the Event it wrote before instead of creating one', async () => {
      const { writer, created, countedUp } = fakeWriter();
      const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
      await recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready');
      await recorder.record(workspace(), 'Warning', 'WorkspaceNotReady', 'crash');
      await recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready');
      await recorder.record(workspace(), 'Warning', 'WorkspaceNotReady', 'crash');
      await recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready');
      expect(created).toHaveLength(2);
      expect(countedUp).toEqual([
        { name: created[0].metadata!.name, count: 2 },
        { name: created[1].metadata!.name, count: 2 },
        { name: created[0].metadata!.name, count: 3 },
      ]);
    });

    it('creates a new Event when the old one has expired', async () => {
      const { writer, created } = fakeWriter({ countUpCode: 404 });
      const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
      await recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready');
      await recorder.record(workspace(), 'Warning', 'WorkspaceNotReady', 'crash');
      await recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready');
      expect(created.map(e => (e as any).reason)).toEqual(['WorkspaceReady', 'WorkspaceNotReady', 'WorkspaceReady']);
    });
  });

  it('records again after forgetting a workspace that was deleted and created anew', async () => {
    const { writer, created } = fakeWriter();
    const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
    await recorder.record(workspace(), 'Normal', 'NodeClaimCreated', 'Created NodeClaim ws1');
    recorder.forget('team-a/phi');
    await recorder.record(workspace(), 'Normal', 'NodeClaimCreated', 'Created NodeClaim ws1');
    expect(created).toHaveLength(2);
  });

  it('never fails the caller when the Event cannot be written', async () => {
    const { writer } = fakeWriter({ failCreate: true });
    const recorder = new WorkspaceEventRecorder({ writer, instance: 'h', now });
    await expect(recorder.record(workspace(), 'Normal', 'WorkspaceReady', 'ready')).resolves.toBeUndefined();
  });

  it('caps long messages', async () => {
    const { writer, created } = fakeWriter();
    await new WorkspaceEventRecorder({ writer, instance: 'h', now }).record(workspace(), 'Warning', 'InvalidWorkspace', 'x'.repeat(5000));
    expect((created[0] as any).message).toHaveLength(1024);
  });
});
