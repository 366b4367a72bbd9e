import { TestDatabases } from '@backstage/backend-test-utils';
import { QuotaStore } from './QuotaStore';
import { releaseStoppedGpus, releaseVanishedReservations } from './releaseVanishedReservations';

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

describe('releaseStoppedGpus', () => {
  it('gives back the GPUs of Failed and Succeeded workspaces, keeps their slot, and takes them again if one runs again', async () => {
    const store = await QuotaStore.fromKnex(await databases.init('SQLITE_3'));
    const owner = 'group:default/stopped';
    const states: Record<string, string> = { 'sim/t/failed': 'Failed', 'sim/t/tuned': 'Succeeded', 'sim/t/ready': 'Ready' };
    for (const workspace of Object.keys(states)) await store.reserve({ owner, workspace, gpus: 2, bounds: {} });
    const workspaceOf = (key: string) => (states[key] ? { state: states[key], gpus: 2 } : undefined);
    expect(await releaseStoppedGpus({ store, workspaceOf })).toEqual({ released: ['sim/t/failed', 'sim/t/tuned'], reclaimed: [] });
    expect(await store.held(owner)).toEqual({ gpus: 2, workspaces: 3 });
    expect(await releaseStoppedGpus({ store, workspaceOf })).toEqual({ released: [], reclaimed: [] });
    states['sim/t/failed'] = 'Ready';
    expect(await releaseStoppedGpus({ store, workspaceOf })).toEqual({ released: [], reclaimed: ['sim/t/failed'] });
    expect(await store.held(owner)).toEqual({ gpus: 4, workspaces: 3 });
  });
});
