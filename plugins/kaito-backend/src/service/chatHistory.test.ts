import http from 'node:http';
import { Knex } from 'knex';
import { TestDatabases, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { phiWorkspace } from '../__testUtils__/workspaces';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

/** The tests' permission policy: erin may read a workspace but not chat with it; everything else is allowed. */
function erinMayNotChat(requests: Array<{ permission: { name: string } }>, options?: { credentials: { principal: unknown } }) {
  const user = (options?.credentials.principal as { userEntityRef?: string } | undefined)?.userEntityRef;
  return requests.map(r => ({ result: user === 'user:default/erin' && r.permission.name === 'kaito.workspace.chat' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW }));
}

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['POSTGRES_15'] : ['SQLITE_3'],
});

const WORKSPACE = 'remembers';
const BASE = `/api/kaito/workspaces/sim/default/${WORKSPACE}`;
const as = (user: string) => mockCredentials.user.header(`user:default/${user}`);

/** The assistant's text in an SSE chat reply. */
function replyOf(sse: string): string {
  return sse
    .split('\n')
    .filter(line => line.startsWith('data: {'))
    .map(line => JSON.parse(line.slice(6))?.choices?.[0]?.delta?.content ?? '')
    .join('');
}

describe('chat history on the simulator', () => {
  let sim: ClusterSimulator;
  let knex: Knex;
  let server: http.Server;

  const backend = () =>
    startKaitoApi(sim, {
      kaito: { chat: { maxTokens: 20, requestsPerMinute: 100, history: { maxMessages: 4 } } },
      features: [
        mockServices.database.factory({ knex }),
        mockServices.permissions.mock({
          // erin may read the workspace but not chat with it.
          authorize: async (requests, options) => erinMayNotChat(requests, options),
          // Asked without a resource (the portal applies the answer to the workspace itself), the policy answers the same.
          authorizeConditional: async (requests, options) => erinMayNotChat(requests, options),
        }).factory,
      ],
    });

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } },
    });
    knex = await databases.init(databases.eachSupportedId()[0][0]);
    server = (await backend()).server;
    sim.api.create(sim.api.scope('kaito.sh', 'v1beta1', 'workspaces', 'default'), phiWorkspace(WORKSPACE) as any);
    await eventually(async () => (await request(server).get(BASE)).body.state === 'Ready', `${WORKSPACE} to be Ready`, 60_000);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  /** The user's kept messages once there are `count` (the chat route keeps them just after the reply's last byte). */
  const historyOf = (user: string, count: number) =>
    eventually(async () => {
      const { items } = (await request(server).get(`${BASE}/chat/history`).set('Authorization', as(user))).body;
      return items.length === count ? (items as Array<{ role: string; content: string }>) : undefined;
    }, `${count} kept messages of ${user}`);

  const chat = (user: string, content: string) =>
    request(server)
      .post(`${BASE}/chat`)
      .set('Authorization', as(user))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .send({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content }], stream: true });

  it('keeps the question and the streamed reply for the user who chatted, and for no one else', async () => {
    const answer = await chat('ann', 'What is Kaito?');
    expect(answer.status).toBe(200);
    const streamed = replyOf(answer.body);
    expect(streamed.length).toBeGreaterThan(0);

    expect((await historyOf('ann', 2)).map(m => [m.role, m.content])).toEqual([
      ['user', 'What is Kaito?'],
      ['assistant', streamed],
    ]);
    expect((await request(server).get(`${BASE}/chat/history`).set('Authorization', as('bob'))).body.items).toEqual([]);
  });

  it('keeps a reply that was not streamed', async () => {
    const answer = await request(server)
      .post(`${BASE}/chat`)
      .set('Authorization', as('dora'))
      .send({ messages: [{ role: 'user', content: 'Whole, please' }] });
    expect(answer.status).toBe(200);
    const content = answer.body.choices[0].message.content;
    expect(content.length).toBeGreaterThan(0);
    expect((await historyOf('dora', 2)).map(m => [m.role, m.content])).toEqual([
      ['user', 'Whole, please'],
      ['assistant', content],
    ]);
  });

  it('comes back from another backend on the same database (a reload, a restart)', async () => {
    const restarted = (await backend()).server;
    const history = await request(restarted).get(`${BASE}/chat/history`).set('Authorization', as('ann'));
    expect(history.body.items.map((m: any) => m.content)[0]).toBe('What is Kaito?');
  });

  it('keeps only the newest kaito.chat.history.maxMessages', async () => {
    await chat('carl', 'one');
    await historyOf('carl', 2);
    await chat('carl', 'two');
    await historyOf('carl', 4);
    await chat('carl', 'three');
    await eventually(async () => {
      const { items } = (await request(server).get(`${BASE}/chat/history`).set('Authorization', as('carl'))).body;
      return items.some((m: any) => m.content === 'three') ? true : undefined;
    }, 'the third question to be kept');
    const items = await historyOf('carl', 4);
    expect(items.map(m => m.role === 'user' && m.content).filter(Boolean)).toEqual(['two', 'three']);
  });

  it('clears only the caller’s own history', async () => {
    await chat('bob', 'bob was here');
    await historyOf('bob', 2);
    const cleared = await request(server).delete(`${BASE}/chat/history`).set('Authorization', as('ann'));
    expect(cleared.status).toBe(204);
    expect((await request(server).get(`${BASE}/chat/history`).set('Authorization', as('ann'))).body.items).toEqual([]);
    expect((await request(server).get(`${BASE}/chat/history`).set('Authorization', as('bob'))).body.items[0].content).toBe('bob was here');
  });

  it('refuses the history to a user who may not chat with the workspace, and to services', async () => {
    expect((await request(server).get(`${BASE}/chat/history`).set('Authorization', as('erin'))).status).toBe(403);
    expect((await request(server).delete(`${BASE}/chat/history`).set('Authorization', as('erin'))).status).toBe(403);
    const service = await request(server).get(`${BASE}/chat/history`).set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  // Last: it deletes the workspace.
  it('forgets the workspace’s chats when the workspace is deleted', async () => {
    await chat('ann', 'Before the delete');
    await historyOf('ann', 2);
    expect((await request(server).delete(BASE).set('Authorization', as('ann'))).status).toBe(204);
    for (const user of ['ann', 'bob', 'carl']) {
      expect((await request(server).get(`${BASE}/chat/history`).set('Authorization', as(user))).body.items).toEqual([]);
    }
  });
});
