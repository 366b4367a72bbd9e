import { TestDatabases } from '@backstage/backend-test-utils';
import { QuotaStore } from './QuotaStore';
import { releaseVanishedReservations } from './releaseVanishedReservations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('releaseVanishedReservations', () => {
  it('frees only reservations past the grace period whose workspace is gone from a connected cluster', async () => {
    const store = await QuotaStore.fromKnex(await databases.init('SQLITE_3'));
    const owner = 'group:default/ml-team';
    for (const workspace of ['sim/team-ml-team/kept', 'sim/team-ml-team/gone', 'offline/team-ml-team/unknown']) {
      await store.reserve({ owner, workspace, gpus: 1, bounds: {} });
    }
    const exists = (key: string) => (key.startsWith('offline/') ? undefined : key.endsWith('/kept'));
    const later = new Date(Date.now() + 10 * 60_000);

    expect(await releaseVanishedReservations({ store, exists, graceMs: 5 * 60_000 })).toEqual([]);
    expect(await releaseVanishedReservations({ store, exists, graceMs: 5 * 60_000, now: later })).toEqual(['sim/team-ml-team/gone']);
    expect((await store.list()).map(r => r.workspace).sort()).toEqual(['offline/team-ml-team/unknown', 'sim/team-ml-team/kept']);
    expect(await store.held(owner)).toEqual({ gpus: 2, workspaces: 2 });
  });
});
