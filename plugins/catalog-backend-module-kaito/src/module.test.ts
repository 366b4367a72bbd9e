import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { startClusterSimulator, ClusterSimulator } from '@kaito-backstage/cluster-sim';
import request from 'supertest';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import kaitoPlugin from '@kaito-backstage/plugin-kaito-backend';
import { catalogModuleKaitoEntityProvider } from './module';
import { KaitoEntityProvider } from './providers/KaitoEntityProvider';

jest.setTimeout(60_000);

async function eventually<T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('catalogModuleKaitoEntityProvider', () => {
  let sim: ClusterSimulator;
  afterAll(() => sim?.stop());

  afterEach(() => jest.restoreAllMocks());

  it('mirrors workspaces into the catalog as they come and go, on change events without a full sync', async () => {
    const fullSyncs = jest.spyOn(KaitoEntityProvider.prototype, 'refresh');
    const deltas = jest.spyOn(KaitoEntityProvider.prototype, 'refreshWorkspace');
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 }, kubelet: { imagePullMs: 0, modelLoadMs: 0 } } });
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        kaitoPlugin,
        catalogModuleKaitoEntityProvider,
        // The real scheduler, so the provider refreshes on its schedule.
        schedulerServiceFactory,
        // The real events service: one broker shared by the kaito backend and the catalog, as in a portal.
        eventsServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'Resource', 'Location'] }],
              locations: [{ type: 'file', target: path.resolve(__dirname, '__fixtures__/org.yaml') }],
              // One full sync at start; everything after it must come from change events.
              providers: { kaito: { schedule: { frequency: { hours: 1 }, timeout: { seconds: 30 } } } },
            },
            kaito: {
              clusters: [{ name: 'sim', url: sim.url, serviceAccountToken: sim.token, skipTLSVerify: true }],
              controller: { leaderElection: { enabled: false } },
              // The app mounts the LLM workspaces page elsewhere: the entity's link follows.
              portal: { workspacesPath: '/ai/llm' },
            },
          },
        }),
      ],
    });
    await eventually(async () => {
      const res = await request(server).get('/api/kaito/clusters');
      return res.body.items?.[0] && !res.body.items[0].error ? true : undefined;
    }, 'the cluster to connect');
    // The backend checks the owner and the served component against the catalog.
    await eventually(async () => {
      const res = await request(server).get('/api/catalog/entities/by-name/component/default/support-assistant');
      return res.status === 200 ? true : undefined;
    }, 'the org fixture in the catalog');

    const created = await request(server).post('/api/kaito/workspaces').send({
      cluster: 'sim',
      namespace: 'default',
      name: 'phi',
      preset: 'phi-3-mini-4k-instruct',
      instanceType: 'Standard_NV36ads_A10_v5',
      owner: 'group:default/ml-team',
      entityRef: 'component:default/support-assistant',
    });
    expect(created.status).toBe(201);
    const createdAt = Date.now();

    const entity = await eventually(async () => {
      const res = await request(server).get('/api/catalog/entities/by-name/resource/default/sim-default-phi');
      return res.status === 200 ? res.body : undefined;
    }, 'the workspace entity');
    // Well inside the 2 s target on an idle machine; the margin is for a busy CI runner.
    expect(Date.now() - createdAt).toBeLessThan(5000);
    expect(fullSyncs).toHaveBeenCalledTimes(1);
    expect(deltas).toHaveBeenCalledWith({ cluster: 'sim', namespace: 'default', name: 'phi' });
    expect(entity.metadata.annotations['backstage.kaito.sh/workspace']).toBe('sim/default/phi');
    expect(entity.metadata.links).toEqual([{ url: 'http://localhost:3000/ai/llm', title: 'All LLM workspaces', icon: 'dashboard' }]);
    expect(entity.spec).toMatchObject({ type: 'llm-workspace', owner: 'group:default/ml-team', dependencyOf: ['component:default/support-assistant'] });
    expect(entity.relations).toContainEqual(expect.objectContaining({ type: 'dependencyOf', targetRef: 'component:default/support-assistant' }));
    // The served component learns of its workspace from its own relations (the frontend's tab gate).
    await eventually(async () => {
      const res = await request(server).get('/api/catalog/entities/by-name/component/default/support-assistant');
      return res.body.relations?.some((r: { type: string; targetRef: string }) => r.type === 'hasLlmWorkspace' && r.targetRef === 'resource:default/sim-default-phi')
        ? true
        : undefined;
    }, 'the hasLlmWorkspace relation on the component');

    expect((await request(server).delete('/api/kaito/workspaces/sim/default/phi')).status).toBe(204);
    await eventually(async () => {
      const res = await request(server).get('/api/catalog/entities/by-name/resource/default/sim-default-phi');
      return res.status === 404 ? true : undefined;
    }, 'the entity to go');
    expect(fullSyncs).toHaveBeenCalledTimes(1);
  });
});
