import http from 'node:http';
import { Knex } from 'knex';
import { TestDatabases, mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuditorService, AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { kaitoPlugin } from '../plugin';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';

/** The tests' permission policy: erin may read a workspace but not chat with it; everything else is allowed. */
function erinMayNotChat(requests: Array<{ permission: { name: string } }>, options?: { credentials: { principal: unknown } }) {
  const user = (options?.credentials.principal as { userEntityRef?: string } | undefined)?.userEntityRef;
  return requests.map(r => ({ result: user === 'user:default/erin' && r.permission.name === 'kaito.workspace.chat' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
}

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['POSTGRES_15'] : ['SQLITE_3'],
});

/** What the auditor service was told, per event. */
type AuditedEvent = { eventId: string; severityLevel?: string; meta?: unknown; user?: string; result?: 'success' | 'fail'; error?: string };

/** An auditor that keeps its events, to assert on them. */
function capturingAuditor(events: AuditedEvent[]): AuditorService {
  return {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      const event: AuditedEvent = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: options.meta,
        user: options.request?.headers.authorization,
      };
      events.push(event);
      return {
        async success() {
          event.result = 'success';
        },
        async fail({ error, meta }) {
          event.result = 'fail';
          event.error = error.message;
          event.meta = { ...(event.meta as object), ...meta };
        },
      };
    },
  };
}

const WORKSPACE = 'chatty';
const CHAT = `/api/kaito/workspaces/sim/default/${WORKSPACE}/chat`;
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);
const hi = { messages: [{ role: 'user', content: 'hi' }] };

/** Sends a streamed chat and resolves once its first bytes arrive, with the promise of its end. */
function startStream(server: http.Server, user: string): Promise<{ status: number; done: Promise<string> }> {
  const { port } = server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: CHAT, method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: as(user) } },
      res => {
        let text = '';
        const done = new Promise<string>(end => {
          res.on('data', chunk => (text += chunk));
          res.on('end', () => end(text));
        });
        resolve({ status: res.statusCode ?? 0, done });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ ...hi, stream: true }));
  });
}

describe('chat governance on the simulator, two replicas on one database', () => {
  let sim: ClusterSimulator;
  let knex: Knex;
  let replicaA: http.Server;
  let replicaB: http.Server;
  const events: AuditedEvent[] = [];

  const backend = (mode: 'builtin' | 'observe') =>
    startTestBackend({
      features: [
        kaitoPlugin,
        mockServices.database.factory({ knex }),
        mockServices.auditor.mock(capturingAuditor(events)).factory,
        mockServices.permissions.mock({
          // erin may read but not chat: the refusal must be audited.
          authorize: async (requests, options) => erinMayNotChat(requests, options),
          // Asked without a resource (the portal applies the answer to the workspace itself), the policy answers the same.
          authorizeConditional: async (requests, options) => erinMayNotChat(requests, options),
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            kaito: {
              clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true, mode }],
              controller: { leaderElection: { enabled: false } },
              chat: { requestsPerMinute: 5, maxConcurrentStreamsPerUser: 2, maxTokens: 40 },
            },
          },
        }),
      ],
    });

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 40 } },
    });
    knex = await databases.init(databases.eachSupportedId()[0][0]);
    replicaA = (await backend('builtin')).server;
    replicaB = (await backend('observe')).server;
    // Made in the cluster, so the test does not depend on who may create through the portal.
    sim.api.create(sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', 'default'), phiWorkspace(WORKSPACE) as any);
    for (const server of [replicaA, replicaB]) {
      await eventually(async () => {
        const res = await request(server).get(`/api/kaito/workspaces/sim/default/${WORKSPACE}`);
        return res.body.state === 'Ready';
      }, `${WORKSPACE} to be Ready on both replicas`, 60_000);
    }
  });
  afterAll(async () => {
    await sim?.stop();
  });

  describe('GET /audit', () => {
    it.each(['-1', 'abc', '0', '201', '1.5', '1e2'])('refuses limit=%s with a 400 that says what is allowed', async limit => {
      const res = await request(replicaA).get(`/api/kaito/audit?limit=${encodeURIComponent(limit)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('limit must be a whole number from 1 to 200 (default 50)');
    });

    it('refuses a cursor that is not one it gave', async () => {
      const res = await request(replicaA).get('/api/kaito/audit?cursor=x');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('cursor must be the nextCursor of the page before');
    });
  });

  it('records a chat in the activity table when it starts, and completes it when it ends', async () => {
    const stream = await startStream(replicaA, 'frank');
    expect(stream.status).toBe(200);
    const rows = async () => (await request(replicaA).get(`/api/kaito/audit?workspace=sim/default/${WORKSPACE}&limit=200`)).body.items as any[];
    const mine = async () => (await rows()).filter(e => e.actor === 'user:default/frank');
    // The started row is written beside the upstream request, not before it.
    await eventually(async () => (await mine()).length > 0, 'the chat row to be written');
    expect(await mine()).toEqual([expect.objectContaining({ action: 'chat', outcome: 'started' })]);
    expect(await stream.done).toContain('data: [DONE]');
    await eventually(async () => (await mine())[0]?.outcome === 'success', 'the chat row to be completed');
    expect((await mine())[0].detail).toMatch(/^\d+ tokens, TTFT [\d.]+ ms$/);
    expect(events).toContainEqual(expect.objectContaining({ eventId: 'workspace-chat', severityLevel: 'low', result: 'success', user: as('frank') }));
  });

  it('refuses a third chat in flight for one user with 429 on either replica, and takes one again once a stream ends', async () => {
    const first = await startStream(replicaA, 'alice');
    const second = await startStream(replicaB, 'alice');
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await request(replicaB).post(CHAT).set('Authorization', as('alice')).send(hi);
    expect(third.status).toBe(429);
    expect(third.body.error.message).toBe(
      'You already have 2 chats in flight (kaito.chat.maxConcurrentStreamsPerUser); wait for one to finish or stop it',
    );
    // Another user is not held back by alice's streams.
    expect((await request(replicaA).post(CHAT).set('Authorization', as('grace')).send(hi)).status).toBe(200);
    await first.done;
    // The slot is freed just after the reply's last byte.
    await eventually(async () => (await request(replicaB).post(CHAT).set('Authorization', as('alice')).send(hi)).status === 200, 'a slot to be free again');
    await second.done;
  });

  it('counts the rate limit once for both replicas', async () => {
    // Stay inside one fixed window.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise(r => setTimeout(r, 60_500 - intoWindow));
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await request(i % 2 ? replicaB : replicaA).post(CHAT).set('Authorization', as('carol')).send(hi));
    }
    expect(answers.map(res => res.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers[5];
    expect(refused.body.error.message).toMatch(/^Chat rate limit of 5 requests per minute reached; try again in \d+ s$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('gives back the stream slot of a chat refused for its rate limit (both limits are taken at once)', async () => {
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise(r => setTimeout(r, 60_500 - intoWindow));
    const held = async () => Number((await knex('kaito_chat_streams').where({ user_ref: 'user:default/heidi' }).count({ n: '*' }))[0].n);
    for (let i = 0; i < 5; i++) expect((await request(replicaA).post(CHAT).set('Authorization', as('heidi')).send(hi)).status).toBe(200);
    await eventually(async () => (await held()) === 0, 'the five chats to give their slots back');
    const refused = await Promise.all([1, 2, 3].map(() => request(replicaB).post(CHAT).set('Authorization', as('heidi')).send(hi)));
    expect(refused.map(res => res.status)).toEqual([429, 429, 429]);
    expect(refused[0].body.error.message).toMatch(/^Chat rate limit of 5 requests per minute reached/);
    expect(await held()).toBe(0);
  });

  it.each([
    [{ ...hi, n: 4 }, 'n: only n = 1 is supported'],
    [{ ...hi, best_of: 4 }, 'best_of is not supported'],
    [{ ...hi, ignore_eos: true }, 'ignore_eos is not supported'],
    [{ ...hi, max_tokens: 'x' }, 'max_tokens: Invalid input: expected number, received string'],
  ])('refuses %o with 400, and audits the refusal', async (body, message) => {
    const res = await request(replicaA).post(CHAT).set('Authorization', as('dave')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(events).toContainEqual(expect.objectContaining({ eventId: 'workspace-chat', result: 'fail', error: expect.stringContaining(message), user: as('dave') }));
    const { items } = (await request(replicaA).get('/api/kaito/audit?limit=1').set('Authorization', as('dave'))).body;
    expect(items[0]).toMatchObject({ actor: 'user:default/dave', action: 'chat', outcome: 'refused', detail: expect.stringContaining(message) });
  });

  it('refuses a chat the permission policy denies with 403, audited as denied', async () => {
    const res = await request(replicaA).post(CHAT).set('Authorization', as('erin')).send(hi);
    expect(res.status).toBe(403);
    expect(events).toContainEqual(expect.objectContaining({ eventId: 'workspace-chat', result: 'fail', user: as('erin'), meta: expect.objectContaining({ outcome: 'denied' }) }));
    const { items } = (await request(replicaA).get('/api/kaito/audit?limit=1')).body;
    expect(items[0]).toMatchObject({ actor: 'user:default/erin', outcome: 'denied' });
  });

  it('pages through the activity table with the cursor', async () => {
    const first = (await request(replicaA).get('/api/kaito/audit?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = (await request(replicaA).get(`/api/kaito/audit?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
  });

  it('audits a create refused as invalid, under the name it asked for', async () => {
    const res = await request(replicaA)
      .post('/api/kaito/workspaces')
      .set('Authorization', as('ivan'))
      .send({ cluster: 'sim', namespace: 'default', name: 'Not A Name', preset: 'phi-3-mini-4k-instruct', owner: 'group:default/ml-team' });
    expect(res.status).toBe(400);
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'workspace-create',
        severityLevel: 'medium',
        result: 'fail',
        user: as('ivan'),
        meta: expect.objectContaining({ workspace: 'sim/default/Not A Name', outcome: 'refused' }),
      }),
    );
    const { items } = (await request(replicaA).get('/api/kaito/audit?limit=1')).body;
    expect(items[0]).toMatchObject({ actor: 'user:default/ivan', action: 'create', workspace: 'sim/default/Not A Name', outcome: 'refused' });
  });

  it('never chats through a Service the workspace does not control', async () => {
    const services = sim.api.scope('', 'v1', 'services', 'default');
    const own = sim.api.get(services, WORKSPACE) as any;
    sim.api.delete(services, WORKSPACE);
    // Someone else's Service takes the name: same selector, no owner reference to the workspace.
    sim.api.create(services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: WORKSPACE, namespace: 'default', labels: own.metadata.labels },
      spec: { selector: own.spec.selector, ports: own.spec.ports },
    } as any);
    const res = await eventually(async () => {
      const answer = await request(replicaA).post(CHAT).set('Authorization', as('henry')).send(hi);
      expect(answer.status).not.toBe(200);
      return answer.status === 409 ? answer : undefined;
    }, 'the chat to be refused with 409');
    expect(res.body.error.message).toBe(
      `Service default/${WORKSPACE} does not belong to workspace default/${WORKSPACE} (it has no controller owner reference), so chat is not sent to it. ` +
        'Fix: delete or rename that Service if it is stray, or give the workspace a name no other Service has',
    );
  });

  it('audits a delete', async () => {
    const res = await request(replicaA).delete(`/api/kaito/workspaces/sim/default/${WORKSPACE}`).set('Authorization', as('ivan'));
    expect(res.status).toBe(204);
    expect(events).toContainEqual(expect.objectContaining({ eventId: 'workspace-delete', severityLevel: 'medium', result: 'success', user: as('ivan') }));
    const { items } = (await request(replicaA).get(`/api/kaito/audit?workspace=sim/default/${WORKSPACE}&limit=1`)).body;
    expect(items[0]).toMatchObject({ actor: 'user:default/ivan', action: 'delete', outcome: 'success' });
  });
});
