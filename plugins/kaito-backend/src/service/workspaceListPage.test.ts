import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { KaitoAnnotations, WorkspaceListResponse, WorkspaceListStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';

jest.setTimeout(60_000);

const ML = 'group:default/ml-team';
const SMALL = 'group:default/small-team';
const PRICE = 3.2;

/** The first event of `GET /workspaces/stream?<query>`. */
function firstListEvent(server: http.Server, query: string): Promise<WorkspaceListStreamEvent> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.get({ port, path: `/api/kaito/workspaces/stream?${query}` }, res => {
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', text => {
        buffer += text;
        const block = buffer.split('\n\n').find((b, i, all) => i < all.length - 1 && b.startsWith('data: '));
        if (!block) return;
        req.destroy();
        resolve(JSON.parse(block.slice(6)));
      });
    });
    req.on('error', e => ((e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
  });
}

/**
 * The list page's server side: each page carries the totals of every match
 * (not just the page) and the filters' options (whatever the filters), on
 * `GET /workspaces` and on the stream's list events. Observe mode, so nothing
 * reconciles and every workspace stays Pending: the figures are exact.
 */
describe('GET /workspaces pages with totals and facets', () => {
  let sim: ClusterSimulator;
  let server: http.Server;

  beforeAll(async () => {
    sim = await startClusterSimulator();
    ({ server } = await startKaitoApi(sim, { cluster: { mode: 'observe' }, kaito: { pricing: { perHour: { Standard_NV36ads_A10_v5: PRICE } } } }));
    const scope = sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', 'default');
    // 8 of ml-team's, priced; 4 of small-team's on an instance type without a price.
    for (let i = 0; i < 12; i++) {
      const ml = i < 8;
      const ws = phiWorkspace(`ws-${String(i).padStart(2, '0')}`, ml ? 'Standard_NV36ads_A10_v5' : 'Standard_NC24ads_A100_v4');
      ws.metadata.annotations = { [KaitoAnnotations.backstageOwner]: ml ? ML : SMALL };
      sim.api.create(scope, ws as any);
    }
    await eventually(async () => {
      const res = await request(server).get('/api/kaito/workspaces');
      return res.body.total === 12 ? true : undefined;
    }, 'the 12 workspaces to be cached');
  });
  afterAll(() => sim?.stop());

  const get = async (query: string): Promise<WorkspaceListResponse> => {
    const res = await request(server).get(`/api/kaito/workspaces?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const bothOwners = { clusters: ['sim'], owners: [ML, SMALL] };

  it('adds up every match, not just the page', async () => {
    const page = await get('limit=5');
    expect(page.items.map(item => item.ref.name)).toEqual(['ws-00', 'ws-01', 'ws-02', 'ws-03', 'ws-04']);
    expect(page).toMatchObject({ total: 12, offset: 0, limit: 5, nextOffset: 5 });
    expect(page.totals).toEqual({ count: 12, gpus: 12, costPerHour: expect.closeTo(8 * PRICE), unpriced: 4, currency: 'USD' });
    expect(page.facets).toEqual(bothOwners);
  });

  it("filters by owner and state: the totals are the filter's, the facets every readable workspace's", async () => {
    const small = await get(`owner=${encodeURIComponent(SMALL)}&state=Pending&limit=2&offset=2`);
    expect(small.items.map(item => item.ref.name)).toEqual(['ws-10', 'ws-11']);
    expect(small).toMatchObject({ total: 4, offset: 2, limit: 2 });
    expect(small.nextOffset).toBeUndefined();
    expect(small.totals).toEqual({ count: 4, gpus: 4, costPerHour: 0, unpriced: 4 });
    expect(small.facets).toEqual(bothOwners);

    const none = await get('cluster=elsewhere&limit=10');
    expect(none).toMatchObject({ items: [], total: 0, totals: { count: 0, gpus: 0, costPerHour: 0, unpriced: 0 } });
    expect(none.facets).toEqual(bothOwners);

    const ready = await get('state=Ready');
    expect(ready.totals?.count).toBe(0);
  });

  it('sorts before cutting the page', async () => {
    const page = await get('sort=name&order=desc&limit=3&offset=1');
    expect(page.items.map(item => item.ref.name)).toEqual(['ws-10', 'ws-09', 'ws-08']);
    expect(page.totals?.count).toBe(12);
  });

  it("sends the page, the totals and the facets in the stream's list events", async () => {
    const event = await firstListEvent(server, `owner=${encodeURIComponent(ML)}&limit=3&offset=6`);
    expect(event.type).toBe('list');
    expect(event.items.map(item => item.ref.name)).toEqual(['ws-06', 'ws-07']);
    expect(event).toMatchObject({ total: 8, offset: 6, limit: 3 });
    expect(event.totals).toEqual({ count: 8, gpus: 8, costPerHour: expect.closeTo(8 * PRICE), unpriced: 0, currency: 'USD' });
    expect(event.facets).toEqual(bothOwners);
  });

  it.each([
    // The spec's own check answers first for numbers out of its range.
    ['limit=0', 'limit must be >= 1'],
    ['limit=501', 'limit must be <= 500'],
    ['owner=a&owner=b', 'owner'],
    ['state=Sleeping', 'state Sleeping is not one of'],
  ])('refuses %s with a worded 400 on the list and the stream', async (query, message) => {
    for (const path of ['/api/kaito/workspaces', '/api/kaito/workspaces/stream']) {
      const res = await request(server).get(`${path}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });
});
