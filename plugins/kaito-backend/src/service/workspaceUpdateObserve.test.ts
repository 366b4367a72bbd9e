import { startClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

jest.setTimeout(60_000);

describe('an edit that needs a replacement on a cluster in observe mode', () => {
  it('is refused, since only the portal controller creates the successor', async () => {
    const sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const backend = await startKaitoApi(sim, { cluster: { mode: 'observe' } });
    try {
      const server = backend.server;
      const body = { cluster: 'sim', namespace: 'default', name: 'observed', preset: 'phi-3-mini-4k-instruct', instanceType: 'Standard_NV36ads_A10_v5', owner: 'group:default/ml-team' };
      expect((await request(server).post('/api/kaito/workspaces').send(body)).status).toBe(201);
      await eventually(async () => ((await request(server).get('/api/kaito/workspaces/sim/default/observed')).status === 200 ? true : undefined), 'cached');
      const res = await request(server).patch('/api/kaito/workspaces/sim/default/observed').send({ instanceType: 'Standard_NC24ads_A100_v4' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/runs Kaito's own controller \(mode observe\).*delete observed and create it again/);
      expect(sim.store.peek('workspaces.kaito.sh', 'default', 'observed')).toBeDefined();
    } finally {
      await backend.stop();
      await sim.stop();
    }
  });
});
