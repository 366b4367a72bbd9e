import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ChatRateLimiter } from '../service/rateLimiter';
import { StreamLimiter } from '../service/streamLimiter';
import { AuditStore } from './AuditStore';
import { pruneAuditLog, scheduleAuditRetention } from './auditRetention';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

describe('audit retention', () => {
  it.each(databases.eachSupportedId())('deletes audit rows past retentionDays and ended rate windows on %p', async id => {
    const knex = await databases.init(id);
    const audit = await AuditStore.fromKnex(knex);
    await knex('kaito_audit').insert({ actor: 'user:default/ann', action: 'chat', workspace: 'local/default/phi', outcome: 'success', at: '2020-01-01 00:00:00' });
    await audit.record({ actor: 'user:default/ann', action: 'chat', workspace: 'local/default/phi', outcome: 'success', detail: 'today' });
    let now = Date.now() - 120_000;
    const chatRateLimiter = new ChatRateLimiter(knex, 5, () => now);
    await chatRateLimiter.tryTake('user:default/ann');
    now = Date.now();
    await chatRateLimiter.tryTake('user:default/ann');

    const crashed = new StreamLimiter(knex, 2, { leaseMs: 1, now: () => Date.now() - 10_000 });
    await crashed.tryAcquire('user:default/ann');
    const chatStreamLimiter = new StreamLimiter(knex, 2);

    const logger = mockServices.logger.mock();
    expect(await pruneAuditLog({ audit, chatRateLimiter, chatStreamLimiter, retentionDays: 90, logger })).toEqual({
      auditRows: 1,
      rateWindows: 1,
      streamSlots: 1,
    });
    expect((await audit.list({ limit: 10 })).items.map(e => e.detail)).toEqual(['today']);
    expect(logger.info).toHaveBeenCalledWith('Deleted 1 audit entries older than 90 days (kaito.audit.retentionDays)');
  });

  it('is a global hourly task of the scheduler', async () => {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock();
    const audit = await AuditStore.fromKnex(knex);
    await scheduleAuditRetention(scheduler, {
      audit,
      chatRateLimiter: new ChatRateLimiter(knex, 5),
      chatStreamLimiter: new StreamLimiter(knex, 2),
      retentionDays: 30,
      logger: mockServices.logger.mock(),
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(expect.objectContaining({ id: 'kaito-audit-retention', scope: 'global', frequency: { hours: 1 } }));
  });
});
