import http from 'node:http';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { groupEntity as group, productionPolicyFeatures, startInstantSimulator, teamsPolicyConfig, waitForCluster } from './__testUtils__/productionPolicyBackend';

/*
 * The attacks of issue 13 ("What was seen"), each sent as a request to the
 * Kaito API under the shipped permission policy (kaito.policy.mode: teams),
 * with two users of different teams and an admin, on the cluster simulator.
 */

jest.setTimeout(120_000);

const ALICE = 'user:default/alice'; // ml-team and gpu-race
const BOB = 'user:default/bob'; // team-b
const ROOT = 'user:default/root'; // platform-admins
const GUEST = 'user:default/guest'; // in no group

const MEMBERS: Record<string, string[]> = {
  [ALICE]: ['group:default/ml-team', 'group:default/gpu-race'],
  [BOB]: ['group:default/team-b'],
  [ROOT]: ['group:default/platform-admins'],
  [GUEST]: [],
};

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const ENTITIES = [
  group('ml-team'),
  group('gpu-race'),
  group('team-b'),
  group('platform-admins'),
  component('support-assistant', 'ml-team'),
  component('billing', 'team-b'),
];

const as = (user: string) => mockCredentials.user.header(user);

const body = (name: string, extra: object = {}) => ({
  cluster: 'sim',
  namespace: 'team-ml-team',
  name,
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
  ...extra,
});

describe('the Kaito API under the shipped production policy', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const create = (user: string, payload: object) => request(server).post('/api/kaito/workspaces').set('Authorization', as(user)).send(payload);

  beforeAll(async () => {
    sim = await startInstantSimulator(['team-ml-team', 'team-gpu-race', 'team-team-b']);
    const backend = await startTestBackend({
      features: [
        ...productionPolicyFeatures({ entities: ENTITIES, members: MEMBERS }),
        mockServices.rootConfig.factory({
          data: teamsPolicyConfig({
            sim,
            admins: ['group:default/platform-admins'],
            kaito: {
              quotas: {
                groups: [
                  { group: 'group:default/ml-team', maxGpus: 8, maxWorkspaces: 10 },
                  { group: 'group:default/gpu-race', maxGpus: 8, maxWorkspaces: 10 },
                ],
              },
            },
          }),
        }),
      ],
    });
    server = backend.server;
    await waitForCluster(server, as(ALICE));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  describe('owner is checked against the catalog and the caller', () => {
    it('refuses a group that does not exist', async () => {
      const res = await create(ALICE, body('ghost', { owner: 'group:default/nonexistent-team' }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('owner: group group:default/nonexistent-team does not exist in the catalog; choose one of your groups');
    });

    it('reads another case of a group as that group, so its quota counts', async () => {
      const res = await create(ALICE, body('upper-case', { owner: 'group:default/ML-TEAM' }));
      expect(res.status).toBe(201);
      expect(res.body.workspace.owner).toBe('group:default/ml-team');
      const fit = await request(server)
        .post('/api/kaito/fit')
        .set('Authorization', as(ALICE))
        .send({ cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/ml-team' });
      expect(fit.body.quota).toMatchObject({ group: 'group:default/ml-team', usedGpus: 1, usedWorkspaces: 1, maxGpus: 8 });
    });

    it('refuses a user as owner', async () => {
      const res = await create(ALICE, body('guest-owned', { owner: 'user:default/guest' }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("'user:default/guest' is a user, not a group");
    });

    it("refuses another team's group as owner", async () => {
      const res = await create(ALICE, body('b-owned', { owner: 'group:default/team-b', namespace: 'team-team-b' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You are not a member of group:default/team-b; a workspace is owned by one of your groups (group:default/ml-team, group:default/gpu-race)',
      );
    });

    it("refuses an entityRef of another team's component", async () => {
      const res = await create(ALICE, body('on-billing', { entityRef: 'component:default/billing' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'component:default/billing is owned by group:default/team-b, not by one of your groups; serve an entity your team owns',
      );
    });

    it('accepts an entityRef of its own component', async () => {
      const res = await create(ALICE, body('on-support', { entityRef: 'Component:default/Support-Assistant', dryRun: true }));
      expect(res.status).toBe(200);
      expect(res.body.workspace.entityRef).toBe('component:default/support-assistant');
    });
  });

  describe('placement', () => {
    it('refuses kube-system', async () => {
      const res = await create(ALICE, body('sys', { namespace: 'kube-system' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Namespace kube-system is a Kubernetes system namespace; group:default/ml-team may use team-ml-team');
    });

    it("refuses another team's namespace, and with it the Secrets there", async () => {
      const res = await create(ALICE, body('in-b', { namespace: 'team-team-b', modelAccessSecret: 'hf-token' }));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/^group:default\/ml-team may not use namespace team-team-b \(nor name its Secrets\); it may use team-ml-team/);
      expect(sim.store.peek('workspaces.kaito.sh', 'team-team-b', 'in-b')).toBeUndefined();
    });

    it('lets an admin place a workspace for any team anywhere but kube-*', async () => {
      const res = await create(ROOT, body('admin-made', { owner: 'group:default/team-b', namespace: 'default', dryRun: true }));
      expect(res.status).toBe(200);
      expect(res.body.workspace.owner).toBe('group:default/team-b');
    });
  });

  describe('quota', () => {
    it('accepts exactly 8 of twelve 1-GPU creates sent at once against an 8-GPU quota', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => create(ALICE, body(`race-${i}`, { owner: 'group:default/gpu-race', namespace: 'team-gpu-race' }))),
      );
      const statuses = results.map(r => r.status);
      expect(statuses.filter(s => s === 201)).toHaveLength(8);
      expect(statuses.filter(s => s === 403)).toHaveLength(4);
      expect(results.find(r => r.status === 403)!.body.error.message).toMatch(
        /^Quota exceeded for group:default\/gpu-race: maxGpus is 8, 8 are in use and this workspace needs 1/,
      );
      const written = Array.from({ length: 12 }, (_, i) => sim.store.peek('workspaces.kaito.sh', 'team-gpu-race', `race-${i}`)).filter(Boolean);
      expect(written).toHaveLength(8);
    });
  });

  describe('who may act', () => {
    it('refuses service principals on create, delete and chat', async () => {
      const service = mockCredentials.service.header();
      const created = await request(server).post('/api/kaito/workspaces').set('Authorization', service).send(body('by-service'));
      expect(created.status).toBe(403);
      expect(created.body.error.message).toMatch(/^Only a signed-in user may create a workspace; a service principal acts for no team/);
      const deleted = await request(server).delete('/api/kaito/workspaces/sim/team-ml-team/upper-case').set('Authorization', service);
      expect(deleted.status).toBe(403);
      const chat = await request(server)
        .post('/api/kaito/workspaces/sim/team-ml-team/upper-case/chat')
        .set('Authorization', service)
        .send({ messages: [{ role: 'user', content: 'hi' }] });
      expect(chat.status).toBe(403);
    });

    it('refuses requests without a user token', async () => {
      expect((await request(server).post('/api/kaito/workspaces').send(body('anonymous'))).status).toBe(401);
    });

    it('lets a user in no group read but not create', async () => {
      expect((await request(server).get('/api/kaito/workspaces/sim/team-ml-team/upper-case').set('Authorization', as(GUEST))).status).toBe(200);
      const res = await create(GUEST, body('guest-made'));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('you belong to none');
    });

    it("lets another team read a workspace but not delete it or chat with it; its owners may delete it", async () => {
      expect((await request(server).get('/api/kaito/workspaces/sim/team-ml-team/upper-case').set('Authorization', as(BOB))).status).toBe(200);
      const chat = await request(server)
        .post('/api/kaito/workspaces/sim/team-ml-team/upper-case/chat')
        .set('Authorization', as(BOB))
        .send({ messages: [{ role: 'user', content: 'hi' }] });
      expect(chat.status).toBe(403);
      const bobDeletes = await request(server).delete('/api/kaito/workspaces/sim/team-ml-team/upper-case').set('Authorization', as(BOB));
      expect(bobDeletes.status).toBe(403);
      const aliceDeletes = await request(server).delete('/api/kaito/workspaces/sim/team-ml-team/upper-case').set('Authorization', as(ALICE));
      expect(aliceDeletes.status).toBe(204);
    });

    it('keeps the whole audit log for admins', async () => {
      expect((await request(server).get('/api/kaito/audit').set('Authorization', as(ALICE))).status).toBe(403);
      expect((await request(server).get('/api/kaito/audit').set('Authorization', as(ROOT))).status).toBe(200);
    });

    it('answers a limit of -1 on the audit log with a 400, not the whole table', async () => {
      const res = await request(server).get('/api/kaito/audit?limit=-1').set('Authorization', as(ROOT));
      expect(res.status).toBe(400);
    });
  });

  describe('inputs', () => {
    it('refuses an owner of group:default/ and 40,000 dots with a 400, dry run included, and keeps answering', async () => {
      const owner = `group:default/${'.'.repeat(40_000)}`;
      const attacks = await Promise.all(
        Array.from({ length: 5 }, (_, i) => create(ALICE, body(`dots-${i}`, { owner, dryRun: i % 2 === 0 }))),
      );
      for (const res of attacks) expect(res.status).toBe(400);
      expect((await request(server).get('/api/kaito/clusters').set('Authorization', as(ALICE))).status).toBe(200);
    });

    it.each([
      'http://169.254.169.254.nip.io/',
      'http://metadata.google.internal./',
      'http://[::127.0.0.1]/',
      'http://[::ffff:10.0.0.1]/data.json',
      'file:///etc/passwd',
    ])('refuses the tuning data URL %s', async url => {
      const res = await create(
        ALICE,
        body('tune-inside', {
          preset: 'phi-3-mini-4k-instruct',
          dryRun: true,
          tuning: { method: 'qlora', inputUrls: [url], outputImage: 'registry.example.com/tuned/phi:0.1', outputImagePushSecret: 'push-secret' },
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/tuning\.input\.urls\[0\]/);
    });
  });

  describe('objects that are not ours', () => {
    it("keeps even an admin's workspace named kubernetes in default off the API server's Service", async () => {
      const apiServerService = sim.store.peek('services', 'default', 'kubernetes')!;
      const res = await create(ROOT, body('kubernetes', { namespace: 'default' }));
      expect(res.status).toBe(201);
      let workspace: any;
      for (let i = 0; i < 600 && !workspace; i++) {
        const ws = sim.store.peek('workspaces.kaito.sh', 'default', 'kubernetes');
        if (ws?.status?.conditions?.some((c: { reason?: string }) => c.reason === 'ResourceConflict')) workspace = ws;
        else await new Promise(r => setTimeout(r, 100));
      }
      expect(workspace?.status.state).not.toBe('Ready');
      const chat = await request(server)
        .post('/api/kaito/workspaces/sim/default/kubernetes/chat')
        .set('Authorization', as(ROOT))
        .send({ messages: [{ role: 'user', content: 'hello' }], max_tokens: 8 });
      expect([409, 503]).toContain(chat.status);
      expect(sim.store.peek('services', 'default', 'kubernetes')!.metadata.resourceVersion).toBe(apiServerService.metadata.resourceVersion);
    });
  });
});
