import { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { AuditStore } from '../database/AuditStore';
import { AuditedAction } from './auditTrail';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

const event: AuditorServiceEvent = { success: async () => undefined, fail: async () => undefined };
const ws = 'local/default/phi';

describe('AuditedAction', () => {
  it.each(databases.eachSupportedId())('completes the started row of every chat even when the end does not wait for the start, on %p', async id => {
    const store = await AuditStore.fromKnex(await databases.init(id));
    const chats = Array.from({ length: 20 }, (_, i) => new AuditedAction(event, store, 'chat', ws).by(`user:default/u${i}`));
    // Not awaited, as the chat route does: each chat ends right away, half of them failing.
    chats.forEach(chat => void chat.started('hi'));
    await Promise.all(chats.map((chat, i) => (i % 2 ? chat.failed(new InputError('bad model')) : chat.succeeded('done'))));

    const { items } = await store.list({ workspace: ws, limit: 100 });
    expect(items).toHaveLength(20);
    for (let i = 0; i < 20; i++) {
      const row = items.find(item => item.actor === `user:default/u${i}`);
      expect(row).toEqual(expect.objectContaining({ action: 'chat', outcome: i % 2 ? 'refused' : 'success', detail: i % 2 ? 'bad model' : 'done' }));
    }
  });

  it.each(databases.eachSupportedId())('writes the row at the end when writing the started row failed, on %p', async id => {
    const store = await AuditStore.fromKnex(await databases.init(id));
    const failingOnce = Object.create(store) as AuditStore;
    let calls = 0;
    failingOnce.record = async entry => {
      if (calls++ === 0) throw new Error('database busy');
      return store.record(entry);
    };
    const chat = new AuditedAction(event, failingOnce, 'chat', ws).by('user:default/ann');
    await expect(chat.started('hi')).rejects.toThrow('database busy');
    await chat.succeeded('done');
    const { items } = await store.list({ workspace: ws, limit: 10 });
    expect(items).toEqual([expect.objectContaining({ actor: 'user:default/ann', outcome: 'success', detail: 'done' })]);
  });
});
