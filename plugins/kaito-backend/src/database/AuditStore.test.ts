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

    const entries = await store.list({ workspace: 'local/default/phi' });
    expect(entries.map(e => [e.action, e.outcome, e.detail])).toEqual([
      ['chat', 'denied', 'rate limited'],
      ['create', 'success', undefined],
    ]);
    expect(new Date(entries[0].at).getTime()).not.toBeNaN();
    expect(await store.list()).toHaveLength(3);
  });
});
