import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterSimulator, startClusterSimulator } from '@kaito-backstage/cluster-sim';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { startKaitoApi } from '../__testUtils__/kaitoApiBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  // scripts/test.sh starts Debian's PostgreSQL and sets the connection string.
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

const namespaceOf = (databaseId: string) => `race-${databaseId.toLowerCase().replace(/_/g, '-')}`;

describe('twelve 1-GPU creates sent at once against an 8-GPU quota', () => {
  let sim: ClusterSimulator;
  beforeAll(async () => {
    sim = await startClusterSimulator({ behaviour: { provisioner: { delayMs: 0 } } });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfigYaml());
    const core = kubeConfig.makeApiClient(CoreV1Api);
    for (const [id] of databases.eachSupportedId()) {
      await core.createNamespace({ body: { metadata: { name: namespaceOf(id) } } });
    }
  });
  afterAll(() => sim?.stop());

  it.each(databases.eachSupportedId())('accept exactly 8 on %p, split over two backend replicas where the database allows', async databaseId => {
    const knex = await databases.init(databaseId);
    // Two replicas with their own connection pools to one PostgreSQL database; SQLite in memory is one process's.
    const pools: Knex[] = databaseId.startsWith('POSTGRES') ? [knex, knexFactory(knex.client.config)] : [knex];
    const namespace = namespaceOf(databaseId);
    // Started together, as replicas of a rollout may be: the migrations must survive the race.
    const replicas = await Promise.all(
      pools.map(pool =>
        startKaitoApi(sim, {
          // observe: the replicas only create; nothing reconciles twice.
          cluster: { mode: 'observe' },
          kaito: { quotas: { groups: [{ group: 'group:default/ml-team', maxGpus: 8, maxWorkspaces: 10 }] } },
          features: [mockServices.database.factory({ knex: pool })],
        }),
      ),
    );
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          request(replicas[i % replicas.length].server)
            .post('/api/kaito/workspaces')
            .send({
              cluster: 'sim',
              namespace,
              name: `race-${i}`,
              preset: 'phi-3-mini-4k-instruct',
              instanceType: 'Standard_NV36ads_A10_v5',
              owner: 'group:default/ml-team',
            }),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([...Array(8).fill(201), ...Array(4).fill(403)]);
      expect(results.filter(r => r.status === 403).every(r => r.body.error.message.startsWith('Quota exceeded for group:default/ml-team: maxGpus is 8, 8 are in use'))).toBe(true);
      const written = Array.from({ length: 12 }, (_, i) => sim.store.peek('workspaces.kaito.sh', namespace, `race-${i}`)).filter(Boolean);
      expect(written).toHaveLength(8);
    } finally {
      await Promise.all(replicas.map(r => r.stop()));
      if (pools.length > 1) await pools[1].destroy();
    }
  });

  it('frees the reservation when the cluster refuses the write, so the quota is not lost', async () => {
    const knex = await databases.init('SQLITE_3');
    const namespace = namespaceOf('SQLITE_3');
    const backend = await startKaitoApi(sim, {
      cluster: { mode: 'observe' },
      kaito: { quotas: { groups: [{ group: 'group:default/small-team', maxGpus: 1, maxWorkspaces: 1 }] } },
      features: [mockServices.database.factory({ knex })],
    });
    const server = backend.server;
    try {
      const body = {
        cluster: 'sim',
        namespace,
        name: 'refused-then-made',
        preset: 'phi-3-mini-4k-instruct',
        instanceType: 'Standard_NV36ads_A10_v5',
        owner: 'group:default/small-team',
      };
      const clear = sim.faults.inject({ verb: 'create', resource: 'workspaces', code: 500, times: 1 });
      const refused = await request(server).post('/api/kaito/workspaces').send(body);
      clear();
      expect(refused.status).toBe(503);
      const made = await request(server).post('/api/kaito/workspaces').send(body);
      expect(made.status).toBe(201);
    } finally {
      await backend.stop();
    }
  });
});
