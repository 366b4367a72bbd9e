import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { WorkspaceDetails, WorkspaceStreamEvent } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { eventually } from './__testUtils__/eventually';
import { applyShippedRbac } from './__testUtils__/shippedRbac';
import { startKaitoApi } from './__testUtils__/kaitoApiBackend';

jest.setTimeout(60_000);

const createBody = (name: string, extra: object = {}) => ({
  cluster: 'sim',
  namespace: 'default',
  name,
  preset: 'phi-3-mini-4k-instruct',
  instanceType: 'Standard_NV36ads_A10_v5',
  owner: 'group:default/ml-team',
  entityRef: 'component:default/support-assistant',
  ...extra,
});

describe('kaito backend API on the simulator', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  /** The shipped RBAC's ServiceAccount token: the API runs with only the rights rbac.yaml grants. */
  let token: string;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: {
        provisioner: { delayMs: 0, failures: { Standard_ND96isr_H100_v5: 'QuotaExceeded' } },
        kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
        modelServer: { tokenDelayMs: 15 },
      },
    });
    token = (await applyShippedRbac(sim)).token;
    const backend = await startKaitoApi(sim, {
      token,
      kaito: {
        pricing: { perHour: { Standard_NV36ads_A10_v5: 3.2 } },
        quotas: { groups: [{ group: 'group:default/small-team', maxGpus: 1, maxWorkspaces: 5 }] },
        chat: { requestsPerMinute: 5 },
      },
    });
    server = backend.server;
  });
  afterAll(async () => {
    await sim?.stop();
  });

  describe('catalogue routes', () => {
    it('lists the cluster, presets with GPU needs, and SKUs with prices', async () => {
      const clusters = await request(server).get('/api/kaito/clusters');
      expect(clusters.body.items).toEqual([
        {
          name: 'sim',
          title: 'sim',
          mode: 'builtin',
          cloud: 'azure',
          provisioner: 'gpu-provisioner',
          simulated: false,
          // The admin token may do everything: the start-up check finds nothing missing.
          permissions: { state: 'ok', checkedAt: expect.stringMatching(/Z$/), checked: expect.any(Number), missing: [] },
        },
      ]);
      expect(clusters.body.items[0].permissions.checked).toBeGreaterThan(40);
      const presets = await request(server).get('/api/kaito/presets');
      expect(presets.body.items).toContainEqual(expect.objectContaining({ name: 'phi-3-mini-4k-instruct', weightsGiB: 7.12, tuning: true }));
      const skus = await request(server).get('/api/kaito/skus?cluster=sim');
      expect(skus.body.items).toContainEqual(
        expect.objectContaining({ name: 'Standard_NV36ads_A10_v5', gpuCount: 1, gpuMemoryGiB: 24, pricePerHour: 3.2, currency: 'USD' }),
      );
      expect(skus.body.items.every((s: { cloud: string }) => s.cloud === 'azure' || s.cloud === 'custom')).toBe(true);
    });

    it('checks fit with the numbers, cost and quota', async () => {
      const fits = await request(server)
        .post('/api/kaito/fit')
        .send({ cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/small-team' });
      expect(fits.status).toBe(200);
      expect(fits.body).toMatchObject({ fits: true, nodeCount: 1, gpuCount: 1, costPerHour: 3.2, quota: { group: 'group:default/small-team', maxGpus: 1 } });
      const overTwoNodes = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: 'phi-4', instanceType: 'Standard_NV36ads_A10_v5' });
      expect(overTwoNodes.body).toMatchObject({ fits: true, nodeCount: 2 });
      const tooBig = await request(server)
        .post('/api/kaito/fit')
        .send({ cluster: 'sim', preset: 'phi-4', runtime: 'transformers', instanceType: 'Standard_NV36ads_A10_v5' });
      expect(tooBig.body.fits).toBe(false);
      expect(tooBig.body.reasons[0]).toMatch(/GiB/);
      expect(tooBig.body.recommendations.length).toBeGreaterThan(0);
      const bad = await request(server).post('/api/kaito/fit').send({ preset: 'phi-4' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('cluster');
    });
  });

  describe('creating a workspace', () => {
    it('refuses bad input with every field error and writes nothing', async () => {
      const res = await request(server)
        .post('/api/kaito/workspaces')
        .send(createBody('Bad_Name', { namespace: 'Team A', owner: 'ml-team' }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/namespace: must be a DNS-1123 label.*name: must be a DNS-1123 label.*owner: must be an entity ref/);
    });

    it('refuses a request the domain rules reject', async () => {
      const res = await request(server).post('/api/kaito/workspaces').send(createBody('nope', { instanceType: 'Standard_E4s_v5' }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('resource.instanceType');
    });

    it('refuses a create over quota with 403, naming the quota and the use', async () => {
      const first = await request(server)
        .post('/api/kaito/workspaces')
        .send(createBody('small-one', { owner: 'group:default/small-team' }));
      expect(first.status).toBe(201);
      const second = await request(server)
        .post('/api/kaito/workspaces')
        .send(createBody('small-two', { owner: 'group:default/small-team' }));
      expect(second.status).toBe(403);
      expect(second.body.error.message).toBe(
        'Quota exceeded for group:default/small-team: maxGpus is 1, 1 are in use and this workspace needs 1 (1 × Standard_NV36ads_A10_v5); choose a smaller instance type, delete a workspace or ask for a higher quota',
      );
    });

    it('renders without writing on a dry run', async () => {
      const res = await request(server).post('/api/kaito/workspaces').send(createBody('dry', { dryRun: true }));
      expect(res.status).toBe(200);
      expect(res.body.manifest).toMatchObject({ apiVersion: 'kaito.sh/v1beta1', kind: 'Workspace', metadata: { name: 'dry' } });
      expect((await request(server).get('/api/kaito/workspaces/sim/default/dry')).status).toBe(404);
    });
  });

  describe('a workspace from request to chat', () => {
    let details: WorkspaceDetails;
    beforeAll(async () => {
      const res = await request(server).post('/api/kaito/workspaces').send(createBody('phi'));
      if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`);
      details = await eventually(async () => {
        const r = await request(server).get('/api/kaito/workspaces/sim/default/phi');
        return r.body.state === 'Ready' ? (r.body as WorkspaceDetails) : undefined;
      }, 'phi to be Ready');
    });

    it('answers 409 for a second workspace of the same name', async () => {
      const res = await request(server).post('/api/kaito/workspaces').send(createBody('phi'));
      expect(res.status).toBe(409);
    });

    it('shows status, timeline, nodes, pods, images and the endpoint', () => {
      expect(details).toMatchObject({
        key: 'sim/default/phi',
        state: 'Ready',
        columns: { resourceReady: 'True', inferenceReady: 'True', workspaceSucceeded: 'True' },
        costPerHour: 3.2,
        owner: 'group:default/ml-team',
        entityRef: 'component:default/support-assistant',
        requestedBy: 'user:default/mock',
        endpoint: { serviceUrl: 'http://phi.default.svc.cluster.local:80', api: 'openai', models: ['phi-3-mini-4k-instruct'] },
      });
      expect(details.steps.every(s => s.status === 'done')).toBe(true);
      expect(details.nodes).toEqual([expect.objectContaining({ instanceType: 'Standard_NV36ads_A10_v5', gpus: 1, ready: true })]);
      expect(details.pods).toEqual([expect.objectContaining({ name: 'phi-0', phase: 'Running', ready: true, restarts: 0 })]);
      expect(details.images).toContainEqual(expect.objectContaining({ role: 'inference', image: expect.stringContaining('kaito-base') }));
      expect(details.events).toContainEqual(expect.objectContaining({ reason: 'NodeClaimCreated', object: 'Workspace/phi' }));
    });

    it('lists it, filtered by the entity it serves', async () => {
      const all = await request(server).get('/api/kaito/workspaces');
      expect(all.body.items.map((w: { key: string }) => w.key)).toEqual(expect.arrayContaining(['sim/default/phi', 'sim/default/small-one']));
      const mine = await request(server).get('/api/kaito/workspaces?entity=component:default/support-assistant&owner=group:default/ml-team');
      expect(mine.body.items.map((w: { key: string }) => w.key)).toEqual(['sim/default/phi']);
    });

    it('tails the model server log', async () => {
      const res = await request(server).get('/api/kaito/workspaces/sim/default/phi/logs?tailLines=20');
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/plain');
      expect(res.text.length).toBeGreaterThan(0);
    });

    it('answers a refused log read with what was refused, why and the fix, not a client dump', async () => {
      const clear = sim.faults.inject({ verb: 'get', resource: 'pods/log', code: 403, message: 'pods "phi-0" is forbidden: User "robot" cannot get resource "pods/log" in API group "" in the namespace "default"' });
      try {
        const res = await request(server).get('/api/kaito/workspaces/sim/default/phi/logs?tailLines=20');
        expect(res.status).toBe(403);
        // The logs route answers text/plain, so the error body comes unparsed.
        expect(JSON.parse(res.text).error.message).toBe(
          'Kubernetes refused to read the logs of pod phi-0 (403 Forbidden): pods "phi-0" is forbidden: User "robot" cannot get resource "pods/log" in API group "" in the namespace "default". Fix: grant it with plugins/kaito-backend/manifests/rbac.yaml (ClusterRole kaito-backstage-controller)',
        );
      } finally {
        clear();
      }
    });

    it('streams chat chunks as they are generated, not all at the end', async () => {
      const { port } = server.address() as AddressInfo;
      const arrivals: Array<{ at: number; text: string }> = [];
      const started = Date.now();
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          { port, method: 'POST', path: '/api/kaito/workspaces/sim/default/phi/chat', headers: { 'Content-Type': 'application/json' } },
          res => {
            expect(res.headers['content-type']).toContain('text/event-stream');
            res.setEncoding('utf8');
            res.on('data', text => arrivals.push({ at: Date.now() - started, text }));
            res.on('end', resolve);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ messages: [{ role: 'user', content: 'What is Kubernetes?' }], stream: true, max_tokens: 20 }));
      });
      const body = arrivals.map(a => a.text).join('');
      const contentChunks = body.split('\n').filter(l => l.startsWith('data: {') && l.includes('"content"'));
      expect(contentChunks.length).toBeGreaterThan(5);
      // Chunks arrive spread over the generation time (15 ms per token), not in one burst.
      expect(arrivals.length).toBeGreaterThan(5);
      expect(arrivals[arrivals.length - 1].at - arrivals[0].at).toBeGreaterThan(50);
      expect(body).toMatch(/event: kaito\.metrics\ndata: \{"timeToFirstTokenMs":[\d.]+,"tokensPerSecond":[\d.]+,"completionTokens":\d+\}/);
      expect(body.trimEnd().endsWith('data: [DONE]')).toBe(true);
    });

    it('answers a non-streamed chat with metrics, and only serves its own models', async () => {
      const res = await request(server)
        .post('/api/kaito/workspaces/sim/default/phi/chat')
        .send({ model: 'phi-3-mini-4k-instruct', messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status).toBe(200);
      expect(res.body.choices[0].message.content).toMatch(/simulated/i);
      expect(res.body.kaito).toEqual(expect.objectContaining({ completionTokens: expect.any(Number) }));
      const other = await request(server)
        .post('/api/kaito/workspaces/sim/default/phi/chat')
        .send({ model: 'gpt-4', messages: [{ role: 'user', content: 'hi' }] });
      expect(other.status).toBe(400);
      expect(other.body.error.message).toContain('choose one of: phi-3-mini-4k-instruct');
    });

    it('rate-limits chat per user', async () => {
      let last = 0;
      for (let i = 0; i < 6 && last !== 429; i++) {
        last = (await request(server).post('/api/kaito/workspaces/sim/default/phi/chat').send({ messages: [{ role: 'user', content: 'hi' }] })).status;
      }
      expect(last).toBe(429);
    });

    it('pushes status changes on the stream', async () => {
      const { port } = server.address() as AddressInfo;
      const events: WorkspaceStreamEvent[] = [];
      await new Promise<void>((resolve, reject) => {
        const req = http.get({ port, path: '/api/kaito/workspaces/sim/default/phi/stream' }, res => {
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', text => {
            buffer += text;
            for (const block of buffer.split('\n\n').slice(0, -1)) {
              if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)));
            }
            buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
            if (events.length === 1) {
              // Any change to the workspace's children shows up on the stream.
              void request(server).delete('/api/kaito/workspaces/sim/default/phi').then(() => {});
            }
            if (events.some(e => e.type === 'deleted') || events.length > 3) {
              req.destroy();
              resolve();
            }
          });
        });
        req.on('error', e => ((e as { code?: string }).code === 'ECONNRESET' ? resolve() : reject(e)));
      });
      expect(events[0]).toMatchObject({ type: 'snapshot', workspace: { key: 'sim/default/phi', state: 'Ready' } });
      expect(events.length).toBeGreaterThan(1);
    });

    it('keeps an audit log of create, chat and delete', async () => {
      const res = await request(server).get('/api/kaito/audit?workspace=sim/default/phi');
      const actions = res.body.items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
      expect(actions).toEqual(expect.arrayContaining(['create:success', 'chat:success', 'chat:denied', 'delete:success']));
      expect(JSON.stringify(res.body)).not.toContain('What is Kubernetes?');
    });
  });

  describe('when the permission policy denies', () => {
    it.each([
      ['get', '/api/kaito/workspaces/sim/default/small-one', undefined],
      ['post', '/api/kaito/workspaces', createBody('denied')],
      ['delete', '/api/kaito/workspaces/sim/default/small-one', undefined],
      ['patch', '/api/kaito/workspaces/sim/default/small-one', { instanceType: 'Standard_NC24ads_A100_v4' }],
      ['post', '/api/kaito/workspaces/sim/default/small-one/chat', { messages: [{ role: 'user', content: 'hi' }] }],
      ['get', '/api/kaito/workspaces/sim/default/small-one/logs', undefined],
    ])('%s %s answers 403', async (method, path, body) => {
      const { server: denied } = await startKaitoApi(sim, { token, features: [mockServices.permissions.factory({ result: AuthorizeResult.DENY })] });
      const agent = request(denied) as any;
      const res = await agent[method](path).send(body);
      expect(res.status).toBe(403);
      const list = await request(denied).get('/api/kaito/workspaces');
      expect(list.body.items).toEqual([]);
    });
  });

  it('rejects calls without credentials', async () => {
    const res = await request(server).get('/api/kaito/workspaces').set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
