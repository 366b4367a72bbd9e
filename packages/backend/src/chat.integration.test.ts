import http from 'node:http';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { groupEntity as group, productionPolicyFeatures, startInstantSimulator, teamsPolicyConfig, waitForCluster } from './__testUtils__/productionPolicyBackend';

/*
 * The chat and audit attacks of issue 13, each sent as a request under the
 * shipped permission policy (kaito.policy.mode: teams) with two users of
 * different teams and an admin, on the cluster simulator: unclamped
 * max_completion_tokens, "max_tokens":"x", n/best_of/ignore_eos forwarded,
 * another team's chat, and GET /audit?limit=-1.
 */

jest.setTimeout(120_000);

const ALICE = 'user:default/alice'; // ml-team
const BOB = 'user:default/bob'; // team-b
const ROOT = 'user:default/root'; // platform-admins
const CAROL = 'user:default/carol'; // ml-team, chats only in the test of the permission requests
const MEMBERS: Record<string, string[]> = {
  [ALICE]: ['group:default/ml-team'],
  [BOB]: ['group:default/team-b'],
  [ROOT]: ['group:default/platform-admins'],
  [CAROL]: ['group:default/ml-team'],
};

const as = (user: string) => mockCredentials.user.header(user);
const KEY = 'sim/team-ml-team/assistant';
const CHAT = `/api/kaito/workspaces/${KEY}/chat`;
const hi = { messages: [{ role: 'user', content: 'Tell me a long story' }] };

describe('chat and audit under the shipped production policy', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const chat = (user: string, payload: object) => request(server).post(CHAT).set('Authorization', as(user)).send(payload);

  beforeAll(async () => {
    sim = await startInstantSimulator(['team-ml-team']);
    const backend = await startTestBackend({
      features: [
        ...productionPolicyFeatures({ entities: ['ml-team', 'team-b', 'platform-admins'].map(group), members: MEMBERS }),
        mockServices.rootConfig.factory({
          data: teamsPolicyConfig({ sim, admins: ['group:default/platform-admins'], kaito: { chat: { maxTokens: 3 } } }),
        }),
      ],
    });
    server = backend.server;
    await waitForCluster(server, as(ALICE));
    const created = await request(server)
      .post('/api/kaito/workspaces')
      .set('Authorization', as(ALICE))
      .send({ cluster: 'sim', namespace: 'team-ml-team', name: 'assistant', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/ml-team' });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    for (let i = 0; ; i++) {
      const res = await request(server).get(`/api/kaito/workspaces/${KEY}`).set('Authorization', as(ALICE));
      if (res.body.state === 'Ready') break;
      if (i > 600) throw new Error(`the workspace did not become Ready: ${JSON.stringify(res.body.state)}`);
      await new Promise(r => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('clamps max_completion_tokens to kaito.chat.maxTokens', async () => {
    const res = await chat(ALICE, { ...hi, max_completion_tokens: 100_000 });
    expect(res.status).toBe(200);
    expect(res.body.usage.completion_tokens).toBe(3);
    expect(res.body.choices[0].finish_reason).toBe('length');
  });

  it.each([
    [{ max_tokens: 'x' }, 'max_tokens: Invalid input: expected number, received string'],
    [{ n: 4 }, 'n: only n = 1 is supported'],
    [{ best_of: 4 }, '(body): best_of is not supported'],
    [{ ignore_eos: true }, '(body): ignore_eos is not supported'],
  ])('refuses %o with a 400 naming the field', async (extra, message) => {
    const res = await chat(ALICE, { ...hi, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it("refuses another team's chat, and the admin sees every refusal in the audit log", async () => {
    expect((await chat(BOB, hi)).status).toBe(403);
    const res = await request(server).get(`/api/kaito/audit?workspace=${KEY}&limit=200`).set('Authorization', as(ROOT));
    expect(res.status).toBe(200);
    const chats = (res.body.items as Array<{ actor: string; action: string; outcome: string }>).filter(e => e.action === 'chat');
    expect(chats.map(e => [e.actor, e.outcome])).toEqual([
      [BOB, 'denied'],
      [ALICE, 'refused'],
      [ALICE, 'refused'],
      [ALICE, 'refused'],
      [ALICE, 'refused'],
      [ALICE, 'success'],
    ]);
  });

  it("asks the permission backend once for a user's chats (kaito.permissions.decisionCacheSeconds), and applies the policy's conditions in the plugin", async () => {
    const urls: string[] = [];
    // Ahead of the backend's own listener, so each request is seen with its whole path.
    const seen = (req: http.IncomingMessage) => urls.push(req.url ?? '');
    const permissionRequests = () => urls.filter(url => url.startsWith('/api/permission/authorize')).length;
    server.prependListener('request', seen);
    try {
      expect((await chat(CAROL, hi)).status).toBe(200);
      expect(permissionRequests()).toBe(1);
      // Her next chats within the cache's 10 s are decided by the answer kept.
      expect((await chat(CAROL, hi)).status).toBe(200);
      expect((await chat(CAROL, hi)).status).toBe(200);
      expect(permissionRequests()).toBe(1);
    } finally {
      server.off('request', seen);
    }
    // Not the permission backend calling the plugin back to apply the conditions.
    expect(urls.filter(url => url.includes('apply-conditions'))).toEqual([]);
  });

  it('answers a chat with a workspace that does not exist as not allowed to a team member, and as not found to an admin', async () => {
    const missing = '/api/kaito/workspaces/sim/team-ml-team/nothing-here/chat';
    expect((await request(server).post(missing).set('Authorization', as(ALICE)).send(hi)).status).toBe(403);
    expect((await request(server).post(missing).set('Authorization', as(ROOT)).send(hi)).status).toBe(404);
  });

  it.each(['-1', 'abc'])('answers GET /audit?limit=%s with 400, not the whole table', async limit => {
    const res = await request(server).get(`/api/kaito/audit?limit=${limit}`).set('Authorization', as(ROOT));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('limit must be a whole number from 1 to 200');
  });
});
