import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';
import { ChatHistoryStore } from './ChatHistoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  // scripts/test.sh starts Debian's PostgreSQL and sets the connection string.
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

async function storeOn(databaseId: Parameters<typeof databases.init>[0], limits = { maxMessages: 200, maxMessageChars: 32_000 }) {
  const knex = await databases.init(databaseId);
  await AuditStore.fromKnex(knex); // runs the plugin's migrations
  return new ChatHistoryStore(knex, limits);
}

const ann = 'user:default/ann';
const bob = 'user:default/bob';
const phi = 'local/default/phi';

describe('ChatHistoryStore', () => {
  it.each(databases.eachSupportedId())('keeps messages per user and workspace, oldest first, on %p', async databaseId => {
    const store = await storeOn(databaseId);
    await store.append(ann, phi, [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello!' }]);
    await store.append(bob, phi, [{ role: 'user', content: 'bob asks' }]);
    await store.append(ann, 'local/default/other', [{ role: 'user', content: 'elsewhere' }]);
    await store.append(ann, phi, [{ role: 'user', content: 'again' }]);

    const mine = await store.list(ann, phi);
    expect(mine.map(m => [m.role, m.content])).toEqual([
      ['user', 'hi'],
      ['assistant', 'Hello!'],
      ['user', 'again'],
    ]);
    expect(Math.abs(new Date(mine[0].at).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await store.list(bob, phi)).map(m => m.content)).toEqual(['bob asks']);
  });

  it.each(databases.eachSupportedId())('keeps only the newest maxMessages per user and workspace on %p', async databaseId => {
    const store = await storeOn(databaseId, { maxMessages: 5, maxMessageChars: 100 });
    for (let i = 0; i < 4; i++) {
      await store.append(ann, phi, [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }]);
    }
    await store.append(bob, phi, [{ role: 'user', content: 'bob keeps his' }]);
    expect((await store.list(ann, phi)).map(m => m.content)).toEqual(['a1', 'q2', 'a2', 'q3', 'a3']);
    expect(await store.list(bob, phi)).toHaveLength(1);
  });

  it.each(databases.eachSupportedId())('deletes the older messages every 20 written, so the table holds at most 20 more than maxMessages, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    await AuditStore.fromKnex(knex);
    const store = new ChatHistoryStore(knex, { maxMessages: 5, maxMessageChars: 100 });
    const stored = async () => Number((await knex('kaito_chat_history').where({ user_ref: ann, workspace: phi }).count({ n: '*' }))[0].n);
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      await store.append(ann, phi, [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }]);
      sizes.push(await stored());
      expect((await store.list(ann, phi)).map(m => m.content)).toEqual([`a${i - 2}`, `q${i - 1}`, `a${i - 1}`, `q${i}`, `a${i}`].slice(-Math.min(5, 2 * (i + 1))));
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5 + 20);
    // Trimmed on the first write and then every 20 messages: back to 5 after chats 10, 20 and 30.
    expect([10, 20, 30].map(i => sizes[i])).toEqual([5, 5, 5]);
    expect(sizes[9]).toBeGreaterThan(5);
  });

  it.each(databases.eachSupportedId())('cuts a message longer than maxMessageChars and says so on %p', async databaseId => {
    const store = await storeOn(databaseId, { maxMessages: 10, maxMessageChars: 100 });
    await store.append(ann, phi, [{ role: 'user', content: 'x'.repeat(20_000) }]);
    const [kept] = await store.list(ann, phi);
    expect(kept.content.startsWith('x'.repeat(100))).toBe(true);
    expect(kept.content).not.toContain('x'.repeat(101));
    expect(kept.content).toContain('keeps at most 100 characters');
  });

  it.each(databases.eachSupportedId())('clears only the user’s own history with the workspace on %p', async databaseId => {
    const store = await storeOn(databaseId);
    await store.append(ann, phi, [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }]);
    await store.append(bob, phi, [{ role: 'user', content: 'c' }]);
    expect(await store.clear(ann, phi)).toBe(2);
    expect(await store.list(ann, phi)).toEqual([]);
    expect(await store.list(bob, phi)).toHaveLength(1);
  });

  it.each(databases.eachSupportedId())('forgets every user’s history with a deleted workspace on %p', async databaseId => {
    const store = await storeOn(databaseId);
    await store.append(ann, phi, [{ role: 'user', content: 'a' }]);
    await store.append(bob, phi, [{ role: 'user', content: 'b' }]);
    await store.append(ann, 'local/default/other', [{ role: 'user', content: 'kept' }]);
    expect(await store.clearWorkspace(phi)).toBe(2);
    expect(await store.list(ann, phi)).toEqual([]);
    expect(await store.list(bob, phi)).toEqual([]);
    expect((await store.list(ann, 'local/default/other')).map(m => m.content)).toEqual(['kept']);
  });

  it.each(databases.eachSupportedId())('writes a burst of chats in a few statements, trimming each user once per batch, on %p', async databaseId => {
    const knex = await databases.init(databaseId);
    await AuditStore.fromKnex(knex);
    const store = new ChatHistoryStore(knex, { maxMessages: 30, maxMessageChars: 100 });
    const statements: string[] = [];
    knex.on('query', (query: { sql: string }) => statements.push(query.sql));

    await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => store.append(ann, phi, [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }])),
      store.append(bob, phi, [{ role: 'user', content: 'bob keeps his' }]),
    ]);

    // One chat at a time took an insert, a select and a delete each (150+ here).
    const writes = statements.filter(sql => /^\s*(insert|delete|select)/i.test(sql));
    expect(writes.length).toBeLessThanOrEqual(8);
    expect(writes.filter(sql => /^\s*insert/i.test(sql)).length).toBeLessThanOrEqual(2);
    const kept = (await store.list(ann, phi)).map(m => m.content);
    expect(kept).toEqual(Array.from({ length: 15 }, (_, i) => [`q${i + 35}`, `a${i + 35}`]).flat());
    expect((await store.list(bob, phi)).map(m => m.content)).toEqual(['bob keeps his']);
  });
});
