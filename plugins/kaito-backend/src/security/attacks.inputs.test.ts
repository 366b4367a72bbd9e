import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditorService } from '@backstage/backend-plugin-api';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import http from 'node:http';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

/*
 * The input attacks of issue 13, each sent as a REST request to the Kaito
 * backend on the cluster simulator (a cluster of type `config`, as a real one
 * is): a backtracking owner, unbounded fields, tuning data URLs that point
 * inside the network, `--trust-remote-code` for any Hugging Face id, and a
 * workspace named after the API server's Service.
 */

jest.setTimeout(120_000);

const CREATE = {
  cluster: 'sim',
  namespace: 'default',
  name: 'phi',
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
};

const tuning = (inputUrls: string[]) => ({
  ...CREATE,
  // Tuning phi-3 wants 72 GiB: an A10 is refused before the URLs are looked at.
  instanceType: 'Standard_NC24ads_A100_v4',
  name: 'tune',
  dryRun: true,
  tuning: { method: 'qlora', inputUrls, outputImage: 'registry.example.com/tuned/phi:0.1', outputImagePushSecret: 'push-secret' },
});

const ALLOW = { result: AuthorizeResult.ALLOW } as const;
const DENY = { result: AuthorizeResult.DENY } as const;

/** Everything allowed, except trusting remote code, which only the admin `user:default/root` may. */
const decide = (user: string | undefined, permission: string) => (permission !== 'kaito.workspace.trustRemoteCode' || user === 'user:default/root' ? ALLOW : DENY);
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const user = (options.credentials.principal as { userEntityRef?: string }).userEntityRef;
    return requests.map(r => decide(user, r.permission.name));
  },
  // Asked without a resource (the portal applies the answer to the workspace itself), the policy answers the same.
  async authorizeConditional(requests, options) {
    const user = (options.credentials.principal as { userEntityRef?: string }).userEntityRef;
    return requests.map(r => decide(user, r.permission.name));
  },
});

/** The auditor's events as `eventId result`, to assert that actions and refusals are recorded. */
const auditedEvents: string[] = [];
const auditor: AuditorService = {
  async createEvent({ eventId }) {
    const index = auditedEvents.push(`${eventId} started`) - 1;
    return {
      async success() {
        auditedEvents[index] = `${eventId} success`;
      },
      async fail() {
        auditedEvents[index] = `${eventId} fail`;
      },
    };
  },
};

describe('input attacks on the Kaito REST API', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  let stop: () => Promise<void>;
  const create = (body: object) => request(server).post('/api/kaito/workspaces').send(body);

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } },
    });
    const backend = await startKaitoApi(sim, {
      verifyTls: true,
      kaito: {
        quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 8, maxWorkspaces: 8 }] },
        security: { allowTrustRemoteCode: true },
      },
      features: [permissions.factory, mockServices.auditor.mock(auditor).factory],
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    await sim?.stop();
  });

  describe('an owner of group:default/ and 40,000 dots', () => {
    const owners = [`group:default/${'.'.repeat(40_000)}`, `group:default/${'.'.repeat(40_000)}x`];

    it.each(owners.map(o => [o.length, o]))('is refused on create, dry run and fit before any other check (%i characters)', async (_, owner) => {
      for (const res of [await create({ ...CREATE, owner }), await create({ ...CREATE, owner, dryRun: true })]) {
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe('The workspace request is invalid: owner: must be at most 255 characters');
      }
      const fit = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: 'phi-4', owner });
      expect(fit.status).toBe(400);
      expect(fit.body.error.message).toContain('owner: must be at most 255 characters');
    });

    it('five at once leave the backend answering', async () => {
      const attacks = Array.from({ length: 5 }, () => create({ ...CREATE, owner: owners[1], dryRun: true }));
      const health = request(server).get('/api/kaito/clusters');
      const [answers, clusters] = await Promise.all([Promise.all(attacks), health]);
      expect(answers.map(a => a.status)).toEqual([400, 400, 400, 400, 400]);
      expect(clusters.status).toBe(200);
    });
  });

  it.each<[string, object, string]>([
    ['a 64-character name', { ...CREATE, name: 'a'.repeat(64) }, 'name: must be at most 63 characters'],
    ['a 300-character preset', { ...CREATE, preset: 'a'.repeat(300) }, 'preset: must be at most 255 characters'],
    ['a 100 KB selector value', { ...CREATE, nodeSelector: { pool: 'a'.repeat(100_000) } }, 'nodeSelector.pool: must be at most 63 characters'],
    ['a 2 KB model secret name', { ...CREATE, modelAccessSecret: 'a'.repeat(2000) }, 'modelAccessSecret: must be at most 253 characters'],
    ['17 adapters', { ...CREATE, adapters: Array.from({ length: 17 }, (_, i) => ({ name: `a${i}`, image: 'example.com/a:1' })) }, 'adapters:'],
    ['a 3 KB tuning URL', tuning([`https://huggingface.co/${'a'.repeat(3000)}`]), 'tuning.inputUrls.0: must be at most 2048 characters'],
  ])('refuses %s, saying the bound', async (_, body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it.each([
    ['http://169.254.169.254.nip.io/', 'cannot be resolved'],
    ['http://metadata.google.internal./computeMetadata/v1/', 'cloud metadata'],
    ['http://[::127.0.0.1]/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'cloud metadata'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0251.0376.0251.0376/', 'cloud metadata'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://huggingface.co@169.254.169.254/', 'credentials'],
    ['http://kubernetes.default.svc/', 'cluster or private-network'],
    ['http://kubernetes/', 'single-label'],
    ['file:///etc/passwd', 'must use http or https'],
  ])('refuses the tuning data URL %s (%s)', async (url, why) => {
    const res = await create(tuning([url]));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^The workspace request is invalid: tuning\.input\.urls\[0\]: /);
    expect(res.body.error.message).toContain(why);
  });

  it('accepts a tuning workspace that downloads no URL (the refusals are not blanket)', async () => {
    const res = await create({ ...tuning([]), tuning: { ...tuning([]).tuning, inputUrls: undefined, inputImage: 'registry.example.com/data/dolly:1' } });
    expect(res.status).toBeLessThan(300);
  });

  describe('--trust-remote-code', () => {
    const commandOf = async (name: string) => {
      const sts = await eventually(() => sim.store.peek('statefulsets.apps', 'default', name), `the StatefulSet of ${name}`, 60_000);
      return (sts.spec.template.spec.containers[0].command as string[]).join(' ');
    };

    it('is rendered for a catalog preset and not for a Hugging Face id no catalog knows', async () => {
      expect((await create({ ...CREATE, name: 'catalog-phi' })).status).toBe(201);
      expect((await create({ ...CREATE, name: 'any-hf-id', preset: 'someone/phi-3-mini-4k-instruct' })).status).toBe(201);
      expect(await commandOf('catalog-phi')).toContain('--trust-remote-code');
      const command = await commandOf('any-hf-id');
      expect(command).toContain('--model=someone/phi-3-mini-4k-instruct');
      expect(command).not.toContain('trust-remote-code');
    });

    it('is turned on for one workspace by an administrator only', async () => {
      const mark = (user: string, body: object) =>
        request(server).put('/api/kaito/workspaces/sim/default/any-hf-id/trust-remote-code').set('Authorization', mockCredentials.user.header(user)).send(body);
      const owner = await mark('user:default/mock', { trust: true });
      expect(owner.status).toBe(403);
      expect(sim.store.peek('workspaces.kaito.sh', 'default', 'any-hf-id')!.metadata.annotations?.['backstage.kaito.sh/trust-remote-code']).toBeUndefined();
      expect((await mark('user:default/root', { trust: 'yes' })).status).toBe(400);
      const admin = await mark('user:default/root', { trust: true });
      expect(admin.status).toBe(200);
      await eventually(async () => (await commandOf('any-hf-id')).includes('--trust-remote-code'), 'the StatefulSet to trust remote code');
      expect(auditedEvents.filter(e => e.startsWith('workspace-trust-remote-code'))).toEqual([
        'workspace-trust-remote-code fail',
        'workspace-trust-remote-code fail',
        'workspace-trust-remote-code success',
      ]);
      // Taking the trust back takes the flag out of the running StatefulSet again.
      expect((await mark('user:default/root', { trust: false })).status).toBe(200);
      await eventually(async () => !(await commandOf('any-hf-id')).includes('--trust-remote-code'), 'the StatefulSet to stop trusting remote code');
    });
  });

  describe('a workspace named kubernetes in default', () => {
    it('is not Ready, names the API server Service in ResourceConflict, and chat does not reach that Service', async () => {
      const apiServerService = sim.store.peek('services', 'default', 'kubernetes')!;
      expect((await create({ ...CREATE, name: 'kubernetes' })).status).toBe(201);
      const workspace = await eventually(() => {
        const ws = sim.store.peek('workspaces.kaito.sh', 'default', 'kubernetes');
        return ws?.status?.conditions?.some((c: { reason?: string }) => c.reason === 'ResourceConflict') ? ws : undefined;
      }, 'ResourceConflict on kubernetes', 60_000);
      expect(workspace.status.state).not.toBe('Ready');
      expect(workspace.status.conditions.find((c: { type: string }) => c.type === 'ResourceReady').message).toContain('Service default/kubernetes');
      const chat = await request(server)
        .post('/api/kaito/workspaces/sim/default/kubernetes/chat')
        .send({ messages: [{ role: 'user', content: 'hello' }], max_tokens: 8 });
      // Refused as not Ready (503) or, once a foreign Service is seen, as not the workspace's (409).
      expect([409, 503]).toContain(chat.status);
      expect(chat.body.error.message).toContain('kubernetes');
      expect(sim.store.peek('services', 'default', 'kubernetes')!.metadata.resourceVersion).toBe(apiServerService.metadata.resourceVersion);
    });
  });
});
