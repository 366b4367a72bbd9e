import http from 'node:http';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import { Workspace } from '@kaito-backstage/plugin-kaito-common';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { applyShippedRbac } from '../__testUtils__/shippedRbac';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

jest.setTimeout(90_000);

const A10 = 'Standard_NV36ads_A10_v5';
const A100 = 'Standard_NC24ads_A100_v4';
const A100x2 = 'Standard_NC48ads_A100_v4';
const H100 = 'Standard_ND96isr_H100_v5';
const path = (name: string) => `/api/kaito/workspaces/sim/default/${name}`;
const createBody = (name: string, instanceType: string, owner = 'group:default/ml-team') => ({
  cluster: 'sim',
  namespace: 'default',
  name,
  preset: 'phi-3-mini-4k-instruct',
  instanceType,
  owner,
});

describe('PATCH /workspaces/:cluster/:namespace/:name on the simulator', () => {
  let sim: ClusterSimulator;
  let server: http.Server;
  const stored = (name: string) => sim.store.peek('workspaces.kaito.sh', 'default', name) as unknown as Workspace | undefined;

  beforeAll(async () => {
    sim = await startClusterSimulator({
      behaviour: {
        provisioner: { delayMs: 0, failures: { [H100]: 'QuotaExceeded' } },
        kubelet: { imagePullMs: 0, modelLoadMs: 0, terminationMs: 0 },
      },
    });
    const { token } = await applyShippedRbac(sim);
    const backend = await startKaitoApi(sim, {
      token,
      kaito: {
        pricing: { perHour: { [A10]: 3.2, [A100]: 3.67 } },
        quotas: {
          groups: [
            { group: 'group:default/small-team', maxGpus: 1, maxWorkspaces: 5 },
            { group: 'group:default/ml-team', maxGpus: 16, maxWorkspaces: 10 },
          ],
        },
      },
    });
    server = backend.server;
  });
  afterAll(() => sim?.stop());

  it('retries a workspace that failed on QuotaExceeded with another instance type: dry run first, then a replacement that becomes Ready', async () => {
    const created = await request(server).post('/api/kaito/workspaces').send(createBody('retry-me', H100));
    expect([created.status, created.body.error?.message]).toEqual([201, undefined]);
    await eventually(async () => (stored('retry-me')?.status?.state === 'Failed' ? true : undefined), 'Failed');

    const dry = await request(server).patch(path('retry-me')).send({ instanceType: A100, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ mode: 'replace', changes: [`resource.instanceType: ${H100} → ${A100}`] });
    expect(stored('retry-me')?.resource.instanceType).toBe(H100);

    const res = await request(server).patch(path('retry-me')).send({ instanceType: A100 });
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe('replace');
    const ready = await eventually(async () => {
      const ws = stored('retry-me');
      return ws?.resource.instanceType === A100 && ws.status?.state === 'Ready' ? ws : undefined;
    }, 'replaced and Ready', 60_000);
    expect(ready.metadata.annotations?.['backstage.kaito.sh/owner']).toBe('group:default/ml-team');
    expect(ready.metadata.annotations?.['backstage.kaito.sh/replace-with']).toBeUndefined();

    const audit = await request(server).get('/api/kaito/audit?workspace=sim/default/retry-me');
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'update', outcome: 'success', detail: `resource.instanceType: ${H100} → ${A100}` }),
      ]),
    );
    // The dry run left no row.
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'update')).toHaveLength(1);
  });

  it('refuses an instance type the model does not fit, an unknown field and an empty change, and changes nothing', async () => {
    expect((await request(server).post('/api/kaito/workspaces').send(createBody('keep-me', A10))).status).toBe(201);
    const tooSmall = await request(server).patch(path('keep-me')).send({ instanceType: 'Standard_E4s_v5' });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.error.message).toMatch(/^The change is invalid: resource\.instanceType/);
    const unknown = await request(server).patch(path('keep-me')).send({ preset: 'phi-4' });
    expect(unknown.status).toBe(400);
    const same = await request(server).patch(path('keep-me')).send({ instanceType: A10 });
    expect(same.status).toBe(400);
    expect(same.body.error.message).toMatch(/Nothing changes/);
    expect(stored('keep-me')?.resource.instanceType).toBe(A10);
    expect(stored('keep-me')?.metadata.deletionTimestamp).toBeUndefined();
    const audit = await request(server).get('/api/kaito/audit?workspace=sim/default/keep-me');
    expect(audit.body.items.filter((e: { action: string; outcome: string }) => e.action === 'update' && e.outcome === 'refused')).toHaveLength(3);
  });

  it("checks the owner's quota with the workspace's own reservation left out", async () => {
    expect((await request(server).post('/api/kaito/workspaces').send(createBody('small-one', A10, 'group:default/small-team'))).status).toBe(201);
    // 1 GPU → 2 GPUs over a 1-GPU quota.
    const over = await request(server).patch(path('small-one')).send({ instanceType: A100x2 });
    expect(over.status).toBe(403);
    expect(over.body.error.message).toMatch(/^Quota exceeded for group:default\/small-team: maxGpus is 1, 0 are in use and this workspace needs 2/);
    // 1 GPU → 1 GPU fits: its own GPU does not count twice.
    const fits = await request(server).patch(path('small-one')).send({ instanceType: A100, dryRun: true });
    expect(fits.status).toBe(200);
    expect(stored('small-one')?.resource.instanceType).toBe(A10);
  });

  it('changes adapters in place', async () => {
    expect((await request(server).post('/api/kaito/workspaces').send(createBody('with-adapter', A10))).status).toBe(201);
    const res = await request(server)
      .patch(path('with-adapter'))
      .send({ adapters: [{ name: 'support', image: 'registry.example.com/adapters/support:1' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'in-place', changes: ['inference.adapters: (none) → support'] });
    expect(stored('with-adapter')?.inference?.adapters).toEqual([{ source: { name: 'support', image: 'registry.example.com/adapters/support:1' } }]);
    expect(stored('with-adapter')?.metadata.deletionTimestamp).toBeUndefined();
    // The change is on the workspace's timeline.
    const details = await eventually(async () => {
      const d = (await request(server).get(path('with-adapter'))).body;
      return d.events?.some((e: { reason: string }) => e.reason === 'WorkspaceUpdated') ? d : undefined;
    }, 'the WorkspaceUpdated event');
    expect(details.events).toContainEqual(
      expect.objectContaining({ type: 'Normal', reason: 'WorkspaceUpdated', message: 'user:default/mock changed inference.adapters: (none) → support' }),
    );
  });
});
