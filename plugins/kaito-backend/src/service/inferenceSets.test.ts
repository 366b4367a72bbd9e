import http from 'node:http';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { InferenceSetSummary } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';
import { eventually } from '../__testUtils__/eventually';

jest.setTimeout(120_000);

const SET = {
  cluster: 'sim',
  namespace: 'default',
  name: 'phi-set',
  preset: 'phi-4-mini-instruct',
  // One GPU per replica.
  instanceType: 'Standard_NC24ads_A100_v4',
  owner: 'group:default/ml-team',
};

describe('InferenceSets through the REST API, on the simulator', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const get = () => request(server).get('/api/kaito/inferencesets/sim/default/phi-set');
  const scale = (replicas: number) => request(server).patch('/api/kaito/inferencesets/sim/default/phi-set/scale').send({ replicas });

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 }, modelServer: { tokenDelayMs: 0 } },
    });
    const backend = await startKaitoApi(sim, { kaito: { quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 4, maxWorkspaces: 10 }] } } });
    server = backend.server;
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it.each([
    ['0 replicas', { ...SET, replicas: 0 }, 400, /replicas: must be at least 1/],
    ['more replicas than the quota holds', { ...SET, replicas: 5 }, 403, /Quota exceeded for group:default\/ml-team: maxGpus is 4, 0 are in use and 5 replicas needs 5 \(5 replicas of 1 × Standard_NC24ads_A100_v4, 1 GPUs each\)/],
    [
      'an autoscaling maximum over the quota, though the replicas fit',
      { ...SET, replicas: 2, autoscaling: { minReplicas: 1, maxReplicas: 6, metric: 'vllm:num_requests_waiting', threshold: 10 } },
      403,
      /autoscaling up to 6 replicas needs 6/,
    ],
    ['a nodeCountLimit below the replicas', { ...SET, replicas: 3, nodeCountLimit: 2 }, 400, /nodeCountLimit: 2 nodes hold 2 replicas of 1 node, but replicas is 3/],
    ['a tuning request', { ...SET, replicas: 2, tuning: { method: 'lora', outputImage: 'a.io/b:1', outputImagePushSecret: 'push' } }, 400, /invalid/],
    ['an unknown SKU', { ...SET, replicas: 2, instanceType: 'acme.gpu-9000' }, 400, /spec\.template\.resource\.instanceType: Unsupported instance type acme\.gpu-9000/],
    // The body limit is a workspace request's (256 KB), so an oversized field is named, not a bare 413.
    ['a 120 KB selector value', { ...SET, replicas: 2, nodeSelector: { pool: 'a'.repeat(120_000) } }, 400, /nodeSelector\.pool: must be at most 63 characters/],
  ])('refuses %s', async (_what, body, status, message) => {
    const res = await request(server).post('/api/kaito/inferencesets').send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('creates a set of 3 with autoscaling annotations; its 3 replicas become Ready and are charged to the owner', async () => {
    const created = await request(server)
      .post('/api/kaito/inferencesets')
      .send({ ...SET, replicas: 3, autoscaling: { minReplicas: 1, maxReplicas: 4, metric: 'vllm:num_requests_waiting', threshold: 10 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ gpusPerReplica: 1, maxGpus: 4, inferenceSet: { key: 'sim/default/phi-set', replicas: 3 } });
    expect(created.body.manifest.metadata.annotations).toMatchObject({
      'scaledobject.kaito.sh/auto-provision': 'true',
      'scaledobject.kaito.sh/max-replicas': '4',
      'scaledobject.kaito.sh/metricName': 'vllm:num_requests_waiting',
      'scaledobject.kaito.sh/threshold': '10',
    });
    const ready = await eventually(async () => {
      const res = await get();
      return res.body.ready && res.body.readyReplicas === 3 ? (res.body as InferenceSetSummary) : undefined;
    }, 'the set to be Ready', 60_000);
    expect(ready.replicaWorkspaces.map(r => r.state)).toEqual(['Ready', 'Ready', 'Ready']);
    expect(ready.autoscaling).toEqual({ minReplicas: 1, maxReplicas: 4, metric: 'vllm:num_requests_waiting', threshold: '10' });
    const quota = await eventually(async () => {
      const res = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: SET.preset, instanceType: SET.instanceType, owner: SET.owner });
      return res.body.quota?.usedGpus === 3 ? res.body.quota : undefined;
    }, 'every replica to be charged');
    expect(quota).toMatchObject({ usedGpus: 3, usedWorkspaces: 3 });
    const list = await request(server).get('/api/kaito/inferencesets');
    expect(list.body.items.map((s: InferenceSetSummary) => s.key)).toEqual(['sim/default/phi-set']);
  });

  it('chats with every replica under the set name, the model Kaito serves it as', async () => {
    const { body } = await get();
    for (const replica of body.replicaWorkspaces) {
      const res = await request(server).post(`/api/kaito/workspaces/sim/default/${replica.name}/chat`).send({ messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status).toBe(200);
      expect(res.body.model).toBe('phi-set');
    }
  });

  it('spreads chats with the set over its ready replicas, through the workspace chat and its audit', async () => {
    const replicas: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(server).post('/api/kaito/inferencesets/sim/default/phi-set/chat').send({ messages: [{ role: 'user', content: `hi ${i}` }] });
      expect(res.status).toBe(200);
      expect(res.body.model).toBe('phi-set');
      replicas.push(res.headers['x-kaito-replica']);
    }
    expect(new Set(replicas).size).toBe(3);
    for (const key of replicas) {
      const { items } = (await request(server).get(`/api/kaito/audit?workspace=${key}`)).body;
      expect(items.map((e: { action: string }) => e.action)).toContain('chat');
    }
  });

  it('scales within the autoscaling range and the quota only', async () => {
    expect((await scale(5)).body.error.message).toMatch(/autoscales between 1 and 4 replicas/);
    const down = await scale(1);
    expect(down.status).toBe(200);
    expect(down.body.replicas).toBe(1);
    const one = await eventually(async () => {
      const res = await get();
      return res.body.replicaWorkspaces.length === 1 && res.body.ready ? (res.body as InferenceSetSummary) : undefined;
    }, 'the set to scale to 1', 60_000);
    expect(one).toMatchObject({ replicas: 1, readyReplicas: 1 });
  });

  it('audits the create and the scale under the set key', async () => {
    const { items } = (await request(server).get('/api/kaito/audit?workspace=sim/default/phi-set')).body;
    expect(items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual(expect.arrayContaining(['create:success', 'update:success', 'update:refused']));
  });

  it('deletes the set and its replicas', async () => {
    expect((await request(server).delete('/api/kaito/inferencesets/sim/default/phi-set')).status).toBe(204);
    await eventually(async () => ((await get()).status === 404 ? true : undefined), 'the set to go', 30_000);
    const replicas = () => sim.store.peekAll('workspaces.kaito.sh', 'default').filter(w => w.metadata.labels?.['inferenceset.kaito.sh/created-by'] === 'phi-set');
    expect(await eventually(async () => (replicas().length === 0 ? replicas() : undefined), 'the replicas to go', 30_000)).toEqual([]);
  });
});
