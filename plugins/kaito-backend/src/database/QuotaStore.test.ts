import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { QuotaStore } from './QuotaStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  // scripts/test.sh starts Debian's PostgreSQL and sets the connection string.
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

const ML = 'group:default/ml-team';

describe('QuotaStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(databaseId);
    });

    it('reserves up to the bounds and refuses past them, naming the limit', async () => {
      const store = await QuotaStore.fromKnex(knex);
      const bounds = { maxGpus: 3, maxWorkspaces: 2 };
      expect(await store.reserve({ owner: ML, workspace: 'c/ns/a', gpus: 2, bounds })).toEqual({ ok: true, held: { gpus: 2, workspaces: 1 } });
      expect(await store.reserve({ owner: ML, workspace: 'c/ns/b', gpus: 2, bounds })).toEqual({ ok: false, limit: 'maxGpus', held: { gpus: 2, workspaces: 1 } });
      expect(await store.reserve({ owner: ML, workspace: 'c/ns/b', gpus: 1, bounds })).toMatchObject({ ok: true });
      expect(await store.reserve({ owner: ML, workspace: 'c/ns/c', gpus: 0, bounds })).toEqual({ ok: false, limit: 'maxWorkspaces', held: { gpus: 3, workspaces: 2 } });
      // Another owner's use does not count.
      expect(await store.reserve({ owner: 'group:default/other', workspace: 'c/ns/d', gpus: 3, bounds })).toMatchObject({ ok: true });
      expect(await store.held(ML)).toEqual({ gpus: 3, workspaces: 2 });
    });

    it('resizes a reservation against the bounds without counting its old size, and releases GPUs only', async () => {
      const store = await QuotaStore.fromKnex(knex);
      const owner = 'group:default/resize';
      const bounds = { maxGpus: 4, maxWorkspaces: 2 };
      await store.reserve({ owner, workspace: 'c/ns/r1', gpus: 1, bounds });
      await store.reserve({ owner, workspace: 'c/ns/r2', gpus: 1, bounds });
      // 1 (r2) + 3 fits 4; 1 + 4 does not.
      expect(await store.resize({ owner, workspace: 'c/ns/r1', gpus: 4, bounds })).toEqual({ ok: false, limit: 'maxGpus', held: { gpus: 1, workspaces: 1 } });
      expect(await store.resize({ owner, workspace: 'c/ns/r1', gpus: 3, bounds })).toEqual({ ok: true, held: { gpus: 4, workspaces: 2 } });
      expect((await store.get('c/ns/r1'))?.gpus).toBe(3);
      // A workspace without a reservation gets one, within the workspace bound.
      expect(await store.resize({ owner, workspace: 'c/ns/r3', gpus: 0, bounds })).toMatchObject({ ok: false, limit: 'maxWorkspaces' });
      expect(await store.releaseGpus('c/ns/r1')).toBe(true);
      expect(await store.releaseGpus('c/ns/r1')).toBe(false);
      expect(await store.held(owner)).toEqual({ gpus: 1, workspaces: 2 });
    });

    it('refuses a second reservation for the same workspace with a ConflictError', async () => {
      const store = await QuotaStore.fromKnex(knex);
      await store.reserve({ owner: 'group:default/dup', workspace: 'c/ns/dup', gpus: 1, bounds: {} });
      await expect(store.reserve({ owner: 'group:default/dup', workspace: 'c/ns/dup', gpus: 1, bounds: {} })).rejects.toMatchObject({
        name: 'ConflictError',
      });
    });

    it('frees a reservation on release', async () => {
      const store = await QuotaStore.fromKnex(knex);
      await store.reserve({ owner: 'group:default/rel', workspace: 'c/ns/rel', gpus: 4, bounds: { maxGpus: 4 } });
      expect(await store.reserve({ owner: 'group:default/rel', workspace: 'c/ns/rel2', gpus: 1, bounds: { maxGpus: 4 } })).toMatchObject({ ok: false });
      expect(await store.release('c/ns/rel')).toBe(true);
      expect(await store.release('c/ns/rel')).toBe(false);
      expect(await store.reserve({ owner: 'group:default/rel', workspace: 'c/ns/rel2', gpus: 1, bounds: { maxGpus: 4 } })).toMatchObject({ ok: true });
    });

    it('lets exactly 8 of twelve parallel 1-GPU reservations through an 8-GPU quota, from two connection pools', async () => {
      const store = await QuotaStore.fromKnex(knex);
      // A second store on its own client stands in for a second backend replica (PostgreSQL only: SQLite is one file per process).
      const second = databaseId.startsWith('POSTGRES') ? knexFactory(knex.client.config) : undefined;
      const replica = second ? await QuotaStore.fromKnex(second) : store;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? replica : store).reserve({ owner: 'group:default/race', workspace: `c/ns/race-${i}`, gpus: 1, bounds: { maxGpus: 8, maxWorkspaces: 10 } }),
        ),
      );
      expect(results.filter(r => r.ok)).toHaveLength(8);
      expect(results.filter(r => !r.ok).every(r => !r.ok && r.limit === 'maxGpus')).toBe(true);
      expect(await store.held('group:default/race')).toEqual({ gpus: 8, workspaces: 8 });
      await second?.destroy();
    });
  });
});
