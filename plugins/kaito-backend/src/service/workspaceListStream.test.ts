import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { KaitoAnnotations, WorkspaceListStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

/** Reads `GET /workspaces/stream` until `done` says so; resolves with every event seen. */
function readListStream(
  server: http.Server,
  done: (events: WorkspaceListStreamEvent[]) => boolean,
  onEvent: (events: WorkspaceListStreamEvent[]) => void = () => {},
): Promise<WorkspaceListStreamEvent[]> {
  const { port } = server.address() as AddressInfo;
  const events: WorkspaceListStreamEvent[] = [];
  return new Promise((resolve, reject) => {
    const req = http.get({ port, path: '/api/kaito/workspaces/stream?namespace=default' }, res => {
      if (!String(res.headers['content-type']).startsWith('text/event-stream')) reject(new Error(`not an event stream: ${res.headers['content-type']}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', text => {
        buffer += text;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop()!;
        for (const block of blocks) {
          if (!block.startsWith('data: ')) continue;
          events.push(JSON.parse(block.slice(6)));
          onEvent(events);
          if (done(events)) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', e => ((e as { code?: string }).code === 'ECONNRESET' ? resolve(events) : reject(e)));
  });
}

describe('GET /workspaces/stream', () => {
  let sim: ClusterSimulator;
  afterAll(() => sim?.stop());

  it('sends the readable list at once, then again as workspaces appear and go', async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 } } });
    const { server } = await startKaitoApi(sim, {
      features: [
        mockServices.permissions.mock({
          // Reading is allowed on ml-team's workspaces only: the stream must never show small-team's 'hidden'.
          async authorize(requests) {
            return requests.map(r => ({
              result: r.permission.name === 'kaito.workspace.read' && 'resourceRef' in r && r.resourceRef === 'sim/default/hidden' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
            }));
          },
          async authorizeConditional(requests) {
            return requests.map(r =>
              r.permission.name === 'kaito.workspace.read'
                ? ({
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'kaito',
                    resourceType: 'kaito-workspace',
                    conditions: { rule: 'IS_WORKSPACE_OWNER', resourceType: 'kaito-workspace', params: { claims: ['group:default/ml-team'] } },
                  } as const)
                : ({ result: AuthorizeResult.ALLOW } as const),
            );
          },
        }).factory,
      ],
    });

    const keysOf = (event: WorkspaceListStreamEvent) => event.items.map(item => item.key);
    const body = (name: string) => ({
      cluster: 'sim',
      namespace: 'default',
      name,
      preset: 'phi-3-mini-4k-instruct',
      instanceType: 'Standard_NV36ads_A10_v5',
      owner: 'group:default/ml-team',
      entityRef: 'component:default/support-assistant',
    });
    expect((await request(server).post('/api/kaito/workspaces').send({ ...body('hidden'), owner: 'group:default/small-team', entityRef: undefined })).status).toBe(201);
    let created = false;
    const statuses: number[] = [];
    const events = await readListStream(
      server,
      seen => seen.some(e => keysOf(e).includes('sim/default/live')),
      seen => {
        if (seen.length !== 1 || created) return;
        created = true;
        void request(server)
          .post('/api/kaito/workspaces')
          .send(body('live'))
          .then(res => statuses.push(res.status));
      },
    );
    expect(events[0]).toMatchObject({ type: 'list', items: [], errors: [] });
    expect(events.at(-1)!.items.find(item => item.key === 'sim/default/live')).toMatchObject({ kind: 'inference', owner: 'group:default/ml-team' });
    expect(events.flatMap(keysOf)).not.toContain('sim/default/hidden');

    // A deletion shows as a list without it.
    const afterDelete = await readListStream(
      server,
      seen => seen.length > 1 && !keysOf(seen.at(-1)!).includes('sim/default/live'),
      seen => {
        if (seen.length === 1) void request(server).delete('/api/kaito/workspaces/sim/default/live').then(res => statuses.push(res.status));
      },
    );
    expect(keysOf(afterDelete[0])).toContain('sim/default/live');
    expect(statuses).toEqual([201, 204]);

    // A child's change (a label on hidden's Service) cannot change any row: no new list is sent.
    await eventually(() => sim.store.peek('services', 'default', 'hidden'), "hidden's Service");
    await new Promise(resolve => setTimeout(resolve, 500)); // past the last Workspace changes
    const touched = readListStream(
      server,
      seen => seen.length > 1,
      seen => {
        if (seen.length !== 1) return;
        sim.api.patch(sim.api.scope('', 'v1', 'services', 'default'), 'hidden', 'merge', { metadata: { labels: { touched: 'yes' } } }, { fieldManager: 'test' });
      },
    );
    const outcome = await Promise.race([touched.then(() => 'a new list'), new Promise(resolve => setTimeout(resolve, 800, 'quiet'))]);
    expect(outcome).toBe('quiet');

    // Owners change under a list kept up to date change by change: the policy still decides each row.
    const scope = sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', 'default');
    const owned = (name: string, owner: string) => {
      const ws = phiWorkspace(name);
      ws.metadata.annotations = { [KaitoAnnotations.backstageOwner]: owner };
      return ws;
    };
    sim.api.create(scope, owned('moving-out', 'group:default/ml-team') as never, { fieldManager: 'test' });
    sim.api.create(scope, owned('moving-in', 'group:default/small-team') as never, { fieldManager: 'test' });
    const listed = async () => (await request(server).get('/api/kaito/workspaces?namespace=default')).body;
    await eventually(async () => ((await listed()).items.some((i: { key: string }) => i.key === 'sim/default/moving-out') ? true : undefined), 'moving-out listed');
    const setOwner = (name: string, owner: string) =>
      sim.api.patch(scope, name, 'merge', { metadata: { annotations: { [KaitoAnnotations.backstageOwner]: owner } } }, { fieldManager: 'test' });
    setOwner('moving-out', 'group:default/small-team');
    setOwner('moving-in', 'group:default/ml-team');
    const after = await eventually(async () => {
      const list = await listed();
      return list.items.some((i: { key: string }) => i.key === 'sim/default/moving-in') ? list : undefined;
    }, 'moving-in listed');
    expect(after.items.map((i: { key: string }) => i.key)).not.toContain('sim/default/moving-out');
    expect(after.facets.owners).toEqual(['group:default/ml-team']);
    const lookup = await request(server).get('/api/kaito/workspaces?cluster=sim&namespace=default&name=moving-out');
    expect(lookup.body).toMatchObject({ items: [], total: 0 });
  });
});
