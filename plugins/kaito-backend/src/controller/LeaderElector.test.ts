import { KubeConfig } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { LeaderElector } from './LeaderElector';
import { eventually } from '../__testUtils__/eventually';

describe('LeaderElector', () => {
  let sim: ClusterSimulator;
  let kubeConfig: KubeConfig;
  const electors: LeaderElector[] = [];

  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { enabled: false } } });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
  });
  afterEach(async () => {
    await Promise.all(electors.splice(0).map(e => e.stop()));
  });
  afterAll(() => sim.stop());

  function elector(identity: string, leaseName: string, events: string[]) {
    const e = new LeaderElector({
      kubeConfig,
      namespace: 'kube-system',
      leaseName,
      identity,
      leaseDurationSeconds: 1,
      renewDeadlineSeconds: 0.6,
      retryIntervalSeconds: 0.1,
      onStartedLeading: () => events.push(`${identity} leads`),
      onStoppedLeading: () => events.push(`${identity} stops`),
    });
    electors.push(e);
    return e;
  }

  it('lets exactly one of two replicas lead', async () => {
    const events: string[] = [];
    const a = elector('a', 'one-leader', events);
    const b = elector('b', 'one-leader', events);
    a.start();
    b.start();
    await eventually(() => a.isLeader || b.isLeader, 'a leader');
    await new Promise(r => setTimeout(r, 600));
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it('hands over once the leader stops renewing and its lease expires', async () => {
    const events: string[] = [];
    const a = elector('a', 'failover', events);
    a.start();
    await eventually(() => a.isLeader, 'a to lead');
    const b = elector('b', 'failover', events);
    b.start();
    await new Promise(r => setTimeout(r, 300));
    expect(b.isLeader).toBe(false);
    // a loses the API server: its renewals fail from now on, and it never releases the lease.
    jest.spyOn(a, 'tryAcquireOrRenew').mockRejectedValue(new Error('network down'));
    await eventually(() => b.isLeader, 'b to take over after the lease expires');
    await eventually(() => !a.isLeader, 'a to step down');
    expect(events).toEqual(['a leads', 'a stops', 'b leads']);
  });

  it('releases the lease on a graceful stop so another replica leads at once', async () => {
    const events: string[] = [];
    const a = elector('a', 'release', events);
    a.start();
    await eventually(() => a.isLeader, 'a to lead');
    await a.stop();
    const b = elector('b', 'release', events);
    b.start();
    await eventually(() => b.isLeader, 'b to lead', 3_000);
    expect(events).toEqual(['a leads', 'a stops', 'b leads']);
  });
});
