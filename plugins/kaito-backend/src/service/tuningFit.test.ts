import http from 'node:http';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

jest.setTimeout(60_000);

const TUNE = {
  cluster: 'sim',
  namespace: 'default',
  name: 'tune-phi',
  preset: 'phi-3-mini-4k-instruct',
  owner: 'group:default/ml-team',
  dryRun: true,
  tuning: { method: 'qlora', inputImage: 'registry.example.com/data/dolly:1', outputImage: 'registry.example.com/tuned/phi:0.1', outputImagePushSecret: 'push-secret' },
};

describe('tuning is sized with tuning memory', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const backend = await startKaitoApi(sim, { cluster: { mode: 'observe' }, kaito: { quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 16, maxWorkspaces: 10 }] } } });
    server = backend.server;
  });
  afterAll(() => sim?.stop());

  it('POST /fit with purpose tuning refuses an A10 for phi-3 and recommends only SKUs with the memory', async () => {
    const a10 = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', purpose: 'tuning' });
    expect(a10.status).toBe(200);
    expect(a10.body.fits).toBe(false);
    expect(a10.body.reasons[0]).toMatch(/^Insufficient GPU memory for tuning: Instance type Standard_NV36ads_A10_v5 has a total of 24 GiB, but tuning phi-3-mini-4k-instruct needs at least \d+ GiB/);
    expect(a10.body.recommendations.map((r: { instanceType: string }) => r.instanceType)).not.toContain('Standard_NV36ads_A10_v5');
    // Serving the same model on the A10 fits.
    const serving = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5' });
    expect(serving.body.fits).toBe(true);
    const a100 = await request(server).post('/api/kaito/fit').send({ cluster: 'sim', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NC24ads_A100_v4', purpose: 'tuning' });
    expect(a100.body.fits).toBe(true);
  });

  it('POST /workspaces refuses a tuning job on an instance type without its tuning memory', async () => {
    const a10 = await request(server).post('/api/kaito/workspaces').send({ ...TUNE, instanceType: 'Standard_NV36ads_A10_v5' });
    expect(a10.status).toBe(400);
    expect(a10.body.error.message).toMatch(/^The workspace request is invalid: resource\.instanceType: Insufficient GPU memory for tuning/);
    const a100 = await request(server).post('/api/kaito/workspaces').send({ ...TUNE, instanceType: 'Standard_NC24ads_A100_v4' });
    expect([a100.status, a100.body.error?.message]).toEqual([200, undefined]);
  });
});

describe('retrying a tuning workspace on another instance type', () => {
  it('is sized with tuning memory too', async () => {
    const sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const backend = await startKaitoApi(sim, { kaito: { quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 16, maxWorkspaces: 10 }] } } });
    try {
      const server = backend.server;
      const created = await request(server).post('/api/kaito/workspaces').send({ ...TUNE, dryRun: false, instanceType: 'Standard_NC24ads_A100_v4' });
      expect(created.status).toBe(201);
      await eventually(async () => ((await request(server).get('/api/kaito/workspaces/sim/default/tune-phi')).status === 200 ? true : undefined), 'cached');
      const a10 = await request(server).patch('/api/kaito/workspaces/sim/default/tune-phi').send({ instanceType: 'Standard_NV36ads_A10_v5', dryRun: true });
      expect(a10.status).toBe(400);
      expect(a10.body.error.message).toMatch(/^The change is invalid: resource\.instanceType: Insufficient GPU memory for tuning/);
    } finally {
      await backend.stop();
      await sim.stop();
    }
  });
});
