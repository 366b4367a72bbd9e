import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { WorkspaceStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { WATCHED_KINDS, kindsToWatch } from '../controller/watchedKinds';
import { RecordingProxy, startRecordingProxy } from '../__testUtils__/recordingProxy';

jest.setTimeout(90_000);

const STREAMS = 12;

/** Opens `GET <path>` as an event stream; `events` fills as they come, `close` ends it. */
function openStream(server: http.Server, path: string) {
  const { port } = server.address() as AddressInfo;
  const events: WorkspaceStreamEvent[] = [];
  const req = http.get({ port, path }, res => {
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', text => {
      buffer += text;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      for (const block of blocks) if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)));
    });
  });
  req.on('error', () => {});
  return { events, close: () => req.destroy() };
}

const isWatch = (path: string) => /[?&]watch=(true|1)/.test(path);
const pathOf = (path: string) => path.split('?')[0];

describe('one informer per kind per cluster, shared by every reader', () => {
  let sim: ClusterSimulator;
  let proxy: RecordingProxy;
  afterAll(async () => {
    await proxy?.stop();
    await sim?.stop();
  });

  it('serves many live streams from the Event informer: no Events list per snapshot, one watch per kind', async () => {
    sim = await startClusterSimulator({ tls: false, behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 } } });
    proxy = await startRecordingProxy(sim.url);
    const { server } = await startKaitoApi({ url: proxy.url, token: sim.token } as ClusterSimulator);
    const created = await request(server).post('/api/kaito/workspaces').send({
      cluster: 'sim',
      namespace: 'default',
      name: 'shared',
      preset: 'phi-3-mini-4k-instruct',
      instanceType: 'Standard_NV36ads_A10_v5',
      owner: 'group:default/ml-team',
    });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const res = await request(server).get('/api/kaito/workspaces/sim/default/shared');
      // Provisioning has begun: the controller's own Events come from the informer too.
      return res.status === 200 && res.body.events.length > 0 ? true : undefined;
    }, 'the workspace to show its first Event');

    const requestsBefore = proxy.requests.length;
    const streams = [
      ...Array.from({ length: STREAMS }, () => openStream(server, '/api/kaito/workspaces/sim/default/shared/stream')),
      ...Array.from({ length: 3 }, () => openStream(server, '/api/kaito/workspaces/stream')),
    ];
    await eventually(async () => (streams.every(s => s.events.length > 0) ? true : undefined), 'every stream to send its first event');

    // An Event about the workspace, written by someone else: each tab shows it from the watch.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    const uid = (await request(server).get('/api/kaito/workspaces/sim/default/shared')).body.workspace.metadata.uid;
    const now = new Date();
    await kubeConfig.makeApiClient(CoreV1Api).createNamespacedEvent({
      namespace: 'default',
      body: {
        metadata: { name: 'shared.probe', namespace: 'default' },
        involvedObject: { apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', name: 'shared', namespace: 'default', uid },
        reason: 'ProbeSeen',
        message: 'written by the test',
        type: 'Warning',
        source: { component: 'test' },
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
      },
    });
    const sawProbe = (events: WorkspaceStreamEvent[]) =>
      events.some(e => e.type === 'snapshot' && e.workspace.events.some(ev => ev.reason === 'ProbeSeen' && ev.type === 'Warning'));
    await eventually(async () => (streams.slice(0, STREAMS).every(s => sawProbe(s.events)) ? true : undefined), 'every tab to show the new Event');
    const snapshots = streams.slice(0, STREAMS).reduce((n, s) => n + s.events.filter(e => e.type === 'snapshot').length, 0);
    streams.forEach(s => s.close());

    const reads = proxy.requests.filter(r => r.method === 'GET');
    const eventLists = proxy.requests.slice(requestsBefore).filter(r => r.method === 'GET' && /\/events(\?|$)/.test(r.path) && !isWatch(r.path));
    // However many snapshots were sent, no Events list: the informer listed once, before.
    expect({ snapshots: snapshots >= 2 * STREAMS, eventLists: eventLists.map(r => r.path) }).toEqual({ snapshots: true, eventLists: [] });
    expect(reads.filter(r => pathOf(r.path) === '/api/v1/events' && !isWatch(r.path))).toHaveLength(1);
    const watchesByPath = new Map<string, number>();
    for (const r of reads.filter(w => isWatch(w.path))) watchesByPath.set(pathOf(r.path), (watchesByPath.get(pathOf(r.path)) ?? 0) + 1);
    expect([...watchesByPath.values()].every(n => n === 1)).toBe(true);
    // Exactly the kinds the controller watches, each once, whoever reads them.
    const watched = kindsToWatch({ mode: 'builtin', provisioner: 'gpu-provisioner' }).map(kind => WATCHED_KINDS[kind].path);
    expect([...watchesByPath.keys()].sort()).toEqual([...watched].sort());
    expect(watched).toContain('/api/v1/events');
  });
});
