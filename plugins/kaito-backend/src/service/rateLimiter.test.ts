import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditStore } from '../database/AuditStore';
import { ChatRateLimiter } from './rateLimiter';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

describe('ChatRateLimiter', () => {
  it.each(databases.eachSupportedId())('allows perMinute requests per user in each window, then says how long to wait, on %p', async id => {
    const knex = await databases.init(id);
    await AuditStore.fromKnex(knex); // runs the plugin's migrations
    let now = 120_000;
    const limiter = new ChatRateLimiter(knex, 2, () => now);
    expect(await limiter.tryTake('user:default/ann')).toEqual({ ok: true });
    now = 130_000;
    expect(await limiter.tryTake('user:default/ann')).toEqual({ ok: true });
    expect(await limiter.tryTake('user:default/bob')).toEqual({ ok: true });
    now = 140_000;
    expect(await limiter.tryTake('user:default/ann')).toEqual({ ok: false, retryAfterSeconds: 40 });
    now = 180_000;
    expect(await limiter.tryTake('user:default/ann')).toEqual({ ok: true });
    expect(await limiter.prune()).toBe(2);
  });

  it.each(databases.eachSupportedId())('shares one count between two replicas on one database, also when they race, on %p', async id => {
    const knex = await databases.init(id);
    await AuditStore.fromKnex(knex);
    const replicas = [new ChatRateLimiter(knex, 5, () => 60_000), new ChatRateLimiter(knex, 5, () => 60_001)];
    const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => replicas[i % 2].tryTake('user:default/ann')));
    expect(decisions.filter(d => d.ok)).toHaveLength(5);
  });

  it.each(databases.eachSupportedId())('counts a burst of one user in a few upserts and still allows exactly perMinute, on %p', async id => {
    const knex = await databases.init(id);
    await AuditStore.fromKnex(knex);
    const upserts: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/insert into .kaito_chat_rate./i.test(query.sql)) upserts.push(query.sql);
    });
    const limiter = new ChatRateLimiter(knex, 20, () => 60_000);
    const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.tryTake('user:default/ann')));
    expect(decisions.filter(d => d.ok)).toHaveLength(20);
    expect(decisions.slice(20)).toEqual(Array(10).fill({ ok: false, retryAfterSeconds: 60 }));
    expect(upserts.length).toBeLessThanOrEqual(2);
  });

  it.each(databases.eachSupportedId())('counts a burst of many users in two upserts, each against their own limit, on %p', async id => {
    const knex = await databases.init(id);
    await AuditStore.fromKnex(knex);
    const limiter = new ChatRateLimiter(knex, 2, () => 60_000);
    expect(await limiter.tryTake('user:default/u0')).toEqual({ ok: true });
    const upserts: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/insert into .kaito_chat_rate./i.test(query.sql)) upserts.push(query.sql);
    });
    // Ten users, three requests each, interleaved; u0 had one already.
    const users = Array.from({ length: 30 }, (_, i) => `user:default/u${i % 10}`);
    const decisions = await Promise.all(users.map(user => limiter.tryTake(user)));
    // A full batch of 8 goes at once; the 22 asked meanwhile go together.
    expect(upserts).toHaveLength(2);
    const allowed = (user: string) => decisions.filter((d, i) => users[i] === user && d.ok).length;
    expect(allowed('user:default/u0')).toBe(1);
    for (let u = 1; u < 10; u++) expect(allowed(`user:default/u${u}`)).toBe(2);
    // Within a user, the earliest requests are the ones allowed.
    expect(decisions.slice(0, 10).every(d => d.ok)).toBe(true);
    expect(decisions.slice(20).every(d => !d.ok)).toBe(true);
  });
});
