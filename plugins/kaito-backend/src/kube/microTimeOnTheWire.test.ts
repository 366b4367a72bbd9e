import { KubeConfig } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { LeaderElector } from '../controller/LeaderElector';
import { KubeWriter } from '../controller/KubeWriter';
import { WorkspaceEventRecorder } from '../controller/events/WorkspaceEventRecorder';
import { EventReasons } from '../controller/events/eventReasons';
import { RecordingProxy, startRecordingProxy } from '../__testUtils__/recordingProxy';

const MICRO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('times on the wire', () => {
  let sim: ClusterSimulator;
  let proxy: RecordingProxy;
  let kubeConfig: KubeConfig;
  beforeAll(async () => {
    sim = await startClusterSimulator({ tls: false, behaviour: { provisioner: { enabled: false } } });
    proxy = await startRecordingProxy(sim.url);
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      // client-node speaks plain HTTP only with skipTLSVerify set; there is no TLS here to skip.
      clusters: [{ name: 'sim', server: proxy.url, skipTLSVerify: true }],
      users: [{ name: 'sim', token: sim.token }],
      contexts: [{ name: 'sim', cluster: 'sim', user: 'sim' }],
      currentContext: 'sim',
    });
  });
  afterAll(async () => {
    await proxy.stop();
    await sim.stop();
  });
  const bodiesOf = (method: string, path: RegExp) =>
    proxy.requests.filter(r => r.method === method && path.test(r.path)).map(r => JSON.parse(r.body));

  it('writes Lease acquireTime and renewTime with six fractional digits, on create and on renew', async () => {
    let now = Date.parse('2026-12-01T08:05:13.473Z');
    const elector = new LeaderElector({
      kubeConfig,
      namespace: 'kube-system',
      leaseName: 'wire',
      identity: 'a',
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      onStartedLeading: () => {},
      onStoppedLeading: () => {},
      now: () => now,
    });
    await expect(elector.tryAcquireOrRenew()).resolves.toBe(true);
    now += 2001;
    await expect(elector.tryAcquireOrRenew()).resolves.toBe(true);

    const [created] = bodiesOf('POST', /\/leases(\?|$)/);
    expect(created.spec).toMatchObject({ acquireTime: '2026-12-01T08:05:13.473000Z', renewTime: '2026-12-01T08:05:13.473000Z' });
    const [renewed] = bodiesOf('PUT', /\/leases\/wire(\?|$)/);
    expect(renewed.spec.renewTime).toBe('2026-12-01T08:05:15.474000Z');
    expect(renewed.spec.acquireTime).toMatch(MICRO_TIME);
  });

  it('writes an Event with eventTime as MicroTime and first/lastTimestamp as whole-second Time', async () => {
    const recorder = new WorkspaceEventRecorder({
      writer: new KubeWriter(kubeConfig),
      instance: 'test-host',
      now: () => new Date('2026-12-01T08:05:13.473Z'),
    });
    const workspace = { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'ws', namespace: 'default', uid: 'u1' } };
    await recorder.record(workspace, 'Normal', EventReasons.WorkloadCreated, 'first');
    await recorder.record(workspace, 'Normal', EventReasons.WorkloadCreated, 'second');

    const events = bodiesOf('POST', /\/namespaces\/default\/events(\?|$)/);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.eventTime).toBe('2026-12-01T08:05:13.473000Z');
      expect(event.firstTimestamp).toMatch(TIME);
      expect(event.lastTimestamp).toMatch(TIME);
      expect(event).toMatchObject({ action: 'Reconcile', reportingComponent: 'kaito-backstage-controller', reportingInstance: 'test-host' });
    }
    // The simulator kept them: the writes were accepted, not swallowed by the best-effort recorder.
    expect(sim.store.list('events', 'default').filter((e: any) => e.involvedObject?.name === 'ws')).toHaveLength(2);
  });
});
