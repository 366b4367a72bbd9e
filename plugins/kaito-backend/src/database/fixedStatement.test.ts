import { TestDatabases } from '@backstage/backend-test-utils';
import { listPlaceholders, runStatement, textPerSize, valuesPlaceholders } from './fixedStatement';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'],
});

describe('runStatement', () => {
  it.each(databases.eachSupportedId())('answers the rows of a statement that returns some, and none of one that does not, on %p', async id => {
    const knex = await databases.init(id);
    await knex.schema.createTable('t', table => {
      table.string('k').primary();
      table.integer('n').notNullable();
    });
    const upsert = `insert into "t" ("k", "n") values ${valuesPlaceholders(2, 2)} on conflict ("k") do update set "n" = "t"."n" + excluded."n" returning "k", "n"`;
    expect(await runStatement(knex, upsert, ['a', 1, 'b', 2])).toEqual(expect.arrayContaining([{ k: 'a', n: 1 }, { k: 'b', n: 2 }]));
    expect(await runStatement(knex, upsert, ['a', 10, 'c', 3])).toEqual(expect.arrayContaining([{ k: 'a', n: 11 }, { k: 'c', n: 3 }]));
    expect(await runStatement(knex, `delete from "t" where "k" in (${listPlaceholders(2)})`, ['a', 'b'])).toEqual([]);
    expect(await knex('t').select('k', 'n')).toEqual([{ k: 'c', n: 3 }]);
  });

  it('prepares a statement once per SQLite connection and keeps it, still telling knex\'s query listeners', async () => {
    const knex = await databases.init('SQLITE_3');
    const connection = await knex.client.acquireConnection();
    const prepare = jest.spyOn(connection, 'prepare');
    await knex.client.releaseConnection(connection);
    const seen: string[] = [];
    knex.on('query', ({ sql }: { sql: string }) => seen.push(sql));
    for (let i = 0; i < 3; i++) await runStatement(knex, 'select ? as "x"', [i]);
    expect(await runStatement(knex, 'select ? as "x"', [7])).toEqual([{ x: 7 }]);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(Array(4).fill('select ? as "x"'));
  });
});

describe('textPerSize', () => {
  it('builds the text for each size once', () => {
    const build = jest.fn((rows: number, columns: number) => valuesPlaceholders(rows, columns));
    const text = textPerSize(build);
    expect(text(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(text(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(text(1, 1)).toBe('(?)');
    expect(build).toHaveBeenCalledTimes(2);
  });
});
