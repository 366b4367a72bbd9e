import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { groupEntity as group, productionPolicyFeatures, REAL_AUTH_CONFIG, startInstantSimulator, teamsPolicyConfig, waitForCluster } from './__testUtils__/productionPolicyBackend';
import { signInAs } from './__testUtils__/testSignIn';

/*
 * The Kaito API under the shipped policy with Backstage's own auth, not its
 * mock tokens: user tokens are JWTs the auth backend signed, the users' groups
 * come from the auth backend's user info (the tokens leave them out, as
 * auth.omitIdentityTokenOwnershipClaim does by default), and the plugin asks
 * the permission backend with its own signed token on the user's behalf.
 */

jest.setTimeout(120_000);

const MEMBERS: Record<string, string[]> = {
  'user:default/alice': ['group:default/ml-team'],
  'user:default/bob': ['group:default/team-b'],
};
const KEY = 'sim/team-ml-team/assistant';

describe('the Kaito API with real Backstage user tokens', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const tokens: Record<string, string> = {};
  const as = (name: string) => `Bearer ${tokens[name]}`;

  beforeAll(async () => {
    sim = await startInstantSimulator(['team-ml-team']);
    const backend = await startTestBackend({
      features: [
        ...productionPolicyFeatures({ entities: ['ml-team', 'team-b'].map(group), members: MEMBERS, auth: 'real' }),
        mockServices.rootConfig.factory({
          data: { ...REAL_AUTH_CONFIG, ...teamsPolicyConfig({ sim, kaito: { chat: { maxTokens: 3 } } }) },
        }),
      ],
    });
    server = backend.server;
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tokens.alice = await signInAs(baseUrl, 'alice');
    tokens.bob = await signInAs(baseUrl, 'bob');
    await waitForCluster(server, as('alice'));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('signs tokens without the groups, so the plugin has them from the auth backend', () => {
    const claims = JSON.parse(Buffer.from(tokens.alice.split('.')[1], 'base64url').toString());
    expect(claims.sub).toBe('user:default/alice');
    expect(claims.ent).toBeUndefined();
  });

  it("lets a team member create and chat with the team's workspace, and keeps others out of it", async () => {
    const created = await request(server)
      .post('/api/kaito/workspaces')
      .set('Authorization', as('alice'))
      .send({ cluster: 'sim', namespace: 'team-ml-team', name: 'assistant', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/ml-team' });
    expect(created.status).toBe(201);
    // Owning a group you are not in is refused on your real groups, not on what the request claims.
    const foreign = await request(server)
      .post('/api/kaito/workspaces')
      .set('Authorization', as('alice'))
      .send({ cluster: 'sim', namespace: 'team-team-b', name: 'other', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/team-b' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain('not a member of group:default/team-b');
    for (let i = 0; ; i++) {
      const res = await request(server).get(`/api/kaito/workspaces/${KEY}`).set('Authorization', as('alice'));
      if (res.body.state === 'Ready') break;
      if (i > 600) throw new Error(`the workspace did not become Ready: ${JSON.stringify(res.body.state)}`);
      await new Promise(r => setTimeout(r, 100));
    }
    const hi = { messages: [{ role: 'user', content: 'Hello' }] };
    const chat = await request(server).post(`/api/kaito/workspaces/${KEY}/chat`).set('Authorization', as('alice')).send(hi);
    expect(chat.status).toBe(200);
    expect(chat.body.usage.completion_tokens).toBe(3);
    expect((await request(server).post(`/api/kaito/workspaces/${KEY}/chat`).set('Authorization', as('bob')).send(hi)).status).toBe(403);
    const bobsList = await request(server).get('/api/kaito/workspaces').set('Authorization', as('bob'));
    expect(bobsList.status).toBe(200);
    expect(bobsList.body.items.map((w: { name: string }) => w.name)).not.toContain('assistant');
  });

  it.each([
    ['a token whose payload was changed to another user', () => forged(tokens.bob, 'user:default/alice')],
    ['a token that says it needs no signature', () => unsigned(tokens.bob, 'user:default/alice')],
    ['a mock token, which only mockServices.auth accepts', () => 'mock-user-token:{"sub":"user:default/alice"}'],
    ['no token', () => undefined],
  ])('answers 401 to %s', async (_what, token) => {
    const value = token();
    const req = request(server).get(`/api/kaito/workspaces/${KEY}`);
    const res = await (value ? req.set('Authorization', `Bearer ${value}`) : req);
    expect(res.status).toBe(401);
  });
});

/** The token with its subject replaced and its signature kept: what a caller who cannot sign would send. */
function forged(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

/** The token as `alg: none` with another subject and no signature. */
function unsigned(token: string, sub: string): string {
  const [, payload] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
