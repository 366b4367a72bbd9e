import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  // scripts/test.sh starts Debian's PostgreSQL and sets the connection string.
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'],
});

describe('AuditStore', () => {
  it.each(databases.eachSupportedId())('records and lists entries newest first on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await AuditStore.fromKnex(knex);
    await store.record({ actor: 'user:default/guest', action: 'create', workspace: 'local/default/phi', outcome: 'success' });
    await store.record({ actor: 'user:default/guest', action: 'chat', workspace: 'local/default/phi', outcome: 'denied', detail: 'rate limited' });
    await store.record({ actor: 'user:default/ann', action: 'delete', workspace: 'local/default/other', outcome: 'failure' });

    const { items: entries } = await store.list({ workspace: 'local/default/phi', limit: 50 });
    expect(entries.map(e => [e.action, e.outcome, e.detail])).toEqual([
      ['chat', 'denied', 'rate limited'],
      ['create', 'success', undefined],
    ]);
    expect(new Date(entries[0].at).getTime()).not.toBeNaN();
    expect((await store.list({ limit: 50 })).items).toHaveLength(3);
  });

  it.each(databases.eachSupportedId())('completes an entry recorded at the start of a chat on %p', async databaseId => {
    const store = await AuditStore.fromKnex(await databases.init(databaseId));
    const id = await store.record({ actor: 'user:default/ann', action: 'chat', workspace: 'local/default/phi', outcome: 'started' });
    expect((await store.list({ limit: 1 })).items[0]).toMatchObject({ id, outcome: 'started' });
    await store.complete(id, { outcome: 'success', detail: '12 tokens' });
    expect((await store.list({ limit: 1 })).items[0]).toMatchObject({ id, outcome: 'success', detail: '12 tokens' });
  });

  it.each(databases.eachSupportedId())('pages with a cursor, limit entries at a time, on %p', async databaseId => {
    const store = await AuditStore.fromKnex(await databases.init(databaseId));
    for (let i = 0; i < 5; i++) {
      await store.record({ actor: 'user:default/ann', action: 'chat', workspace: 'local/default/phi', outcome: 'success', detail: `#${i}` });
    }
    const first = await store.list({ limit: 2 });
    const second = await store.list({ limit: 2, before: Number(first.nextCursor) });
    const last = await store.list({ limit: 2, before: Number(second.nextCursor) });
    expect([first, second, last].map(page => page.items.map(e => e.detail))).toEqual([['#4', '#3'], ['#2', '#1'], ['#0']]);
    expect(last.nextCursor).toBeUndefined();
  });

  it.each(databases.eachSupportedId())('deletes only the entries older than the cutoff, in batches, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await AuditStore.fromKnex(knex);
    const old = Array.from({ length: 1203 }, (_, i) => ({
      actor: 'user:default/ann',
      action: 'chat',
      workspace: 'local/default/phi',
      outcome: 'success',
      detail: `old #${i}`,
      at: '2020-01-01 00:00:00',
    }));
    for (let i = 0; i < old.length; i += 200) await knex('kaito_audit').insert(old.slice(i, i + 200));
    await store.record({ actor: 'user:default/ann', action: 'create', workspace: 'local/default/phi', outcome: 'success', detail: 'recent' });

    expect(await store.deleteOlderThan(new Date(Date.now() - 90 * 86_400_000))).toBe(1203);
    expect((await store.list({ limit: 200 })).items.map(e => e.detail)).toEqual(['recent']);
  });

  it.each(databases.eachSupportedId())('completes the entries of chats that end together in few updates on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await AuditStore.fromKnex(knex);
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(await store.record({ actor: `user:default/u${i}`, action: 'chat', workspace: 'local/default/phi', outcome: 'started', detail: `prompt ${i}` }));
    }
    const updates: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^\s*update/i.test(query.sql)) updates.push(query.sql);
    });
    const endings = (i: number) => [{ outcome: 'failure' as const, detail: `it's broken ${i}` }, { outcome: 'success' as const }, { outcome: 'success' as const, detail: `${i} tokens` }];
    await Promise.all(ids.map((id, i) => store.complete(id, endings(i)[i % 3])));
    expect(updates.length).toBeLessThanOrEqual(2);
    const { items } = await store.list({ limit: 100 });
    expect(items).toHaveLength(30);
    for (const [i, id] of ids.entries()) {
      const item = items.find(entry => entry.id === id)!;
      const expected = [
        { outcome: 'failure', detail: `it's broken ${i}` },
        { outcome: 'success', detail: `prompt ${i}` },
        { outcome: 'success', detail: `${i} tokens` },
      ][i % 3];
      expect(item).toEqual(expect.objectContaining({ actor: `user:default/u${i}`, ...expected }));
    }
  });

  it.each(databases.eachSupportedId())('records the entries of chats that start together in one insert, each with its own id, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await AuditStore.fromKnex(knex);
    await store.record({ actor: 'user:default/first', action: 'chat', workspace: 'local/default/phi', outcome: 'started' });
    const inserts: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^\s*insert/i.test(query.sql)) inserts.push(query.sql);
    });
    // Forty at once, two of every kind the same (one user asking twice at once), so matching by content must cope with twins.
    const entries = Array.from({ length: 40 }, (_, i) => ({
      actor: `user:default/u${Math.floor(i / 2)}`,
      action: 'chat' as const,
      workspace: `local/default/ws${Math.floor(i / 2) % 3}`,
      outcome: 'started' as const,
      ...(i % 4 < 2 ? { detail: `prompt ${Math.floor(i / 2)}` } : {}),
    }));
    const ids = await Promise.all(entries.map(entry => store.record(entry)));
    expect(inserts.length).toBeLessThanOrEqual(2);
    expect(new Set(ids).size).toBe(40);
    await Promise.all(ids.map((id, i) => store.complete(id, { outcome: 'success', detail: `reply ${i}` })));
    const { items } = await store.list({ limit: 100 });
    for (const [i, id] of ids.entries()) {
      const item = items.find(entry => entry.id === id)!;
      expect(item).toEqual(expect.objectContaining({ actor: entries[i].actor, workspace: entries[i].workspace, outcome: 'success' }));
    }
    // Each twin got one of the pair's rows: the pair's two replies are on the pair's two rows.
    for (let pair = 0; pair < 20; pair++) {
      const replies = items.filter(entry => entry.actor === `user:default/u${pair}`).map(entry => entry.detail).sort();
      expect(replies).toEqual([`reply ${pair * 2}`, `reply ${pair * 2 + 1}`].sort());
    }
  });

  it.each(databases.eachSupportedId())('keeps the other entries of a batch when one has a cut emoji, a NUL or an over-long workspace, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    const store = await AuditStore.fromKnex(knex);
    await store.record({ actor: 'user:default/first', action: 'chat', workspace: 'local/default/phi', outcome: 'started' });
    const entries = [
      { actor: 'user:default/ann', action: 'create' as const, workspace: `\ud800x/${'n'.repeat(253)}/${'w'.repeat(253)}`, outcome: 'started' as const },
      { actor: 'user:default/bob', action: 'chat' as const, workspace: 'local/default/phi', outcome: 'started' as const, detail: 'user: tea \ud83d' },
      { actor: 'user:default/eve', action: 'chat' as const, workspace: 'local/default/phi\u0000', outcome: 'started' as const, detail: 'nul\u0000' },
      { actor: 'user:default/dan', action: 'chat' as const, workspace: 'local/default/phi', outcome: 'started' as const },
    ];
    const ids = await Promise.all(entries.map(entry => store.record(entry)));
    expect(new Set(ids).size).toBe(4);
    await Promise.all(ids.map((id, i) => store.complete(id, { outcome: 'success', detail: `done ${i} \ud83d` })));
    const { items } = await store.list({ limit: 10 });
    const byId = (id: number) => items.find(entry => entry.id === id)!;
    expect(byId(ids[0]).workspace).toHaveLength(400);
    expect(byId(ids[0]).workspace.startsWith('\uFFFDx/')).toBe(true);
    expect(byId(ids[1])).toMatchObject({ actor: 'user:default/bob', outcome: 'success', detail: 'done 1 \uFFFD' });
    expect(byId(ids[2])).toMatchObject({ actor: 'user:default/eve', workspace: 'local/default/phi', outcome: 'success' });
    expect(byId(ids[3])).toMatchObject({ actor: 'user:default/dan', outcome: 'success', detail: 'done 3 \uFFFD' });
  });
});
