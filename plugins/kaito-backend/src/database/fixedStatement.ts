import { Knex } from 'knex';

/** The part of a better-sqlite3 statement we use. */
type SqliteStatement = { reader: boolean; all(params: unknown[]): unknown[]; run(params: unknown[]): unknown };
type SqliteConnection = { prepare(sql: string): SqliteStatement };

/** Statements kept per connection; a few texts per statement kind (one per batch size) are all that recur. */
const MAX_KEPT = 512;
const keptStatements = new WeakMap<object, Map<string, SqliteStatement>>();

function isBetterSqlite(knex: Knex): boolean {
  return (knex.client as { driverName?: string }).driverName === 'better-sqlite3';
}

function preparedOn(connection: SqliteConnection, sql: string): SqliteStatement {
  let kept = keptStatements.get(connection);
  if (!kept) keptStatements.set(connection, (kept = new Map()));
  let statement = kept.get(sql);
  if (!statement) {
    if (kept.size >= MAX_KEPT) kept.clear();
    statement = connection.prepare(sql);
    kept.set(sql, statement);
  }
  return statement;
}

/**
 * Runs one statement whose SQL text is written out (not built by knex's
 * query builder) and answers its rows. It is for the statements on a chat's
 * way to its first token (its rate limit and stream slot): knex's builder
 * compiles the text again on every call, and on SQLite prepares it again
 * too, which cost more than running it. On SQLite (better-sqlite3) the
 * statement is prepared once per connection and kept; on other databases it
 * goes through `knex.raw` (which numbers the `?` placeholders for
 * PostgreSQL). The SQL must be written for both: double-quoted identifiers,
 * `?` placeholders only. In a transaction (`knex` a transaction), it runs on
 * the transaction's connection.
 *
 * @internal
 */
export async function runStatement<Row>(knex: Knex | Knex.Transaction, sql: string, bindings: ReadonlyArray<string | number | null>): Promise<Row[]> {
  if (!isBetterSqlite(knex)) {
    const result = await knex.raw(sql, bindings as Array<string | number | null>);
    // PostgreSQL answers a result with its rows; other drivers the rows themselves.
    return (Array.isArray(result) ? result : result?.rows ?? []) as Row[];
  }
  const connection = (await knex.client.acquireConnection()) as SqliteConnection;
  try {
    const statement = preparedOn(connection, sql);
    // As knex's own queries do (its client's events reach the knex object), so 'query' listeners still see it.
    knex.client.emit('query', { sql, bindings, method: 'raw' });
    if (statement.reader) return statement.all(bindings as unknown[]) as Row[];
    statement.run(bindings as unknown[]);
    return [];
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** `(?, ?, …), (?, ?, …)`: the placeholders of `rows` rows of `columns` values each, for a multi-row VALUES. */
export function valuesPlaceholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** `?, ?, …`: `count` placeholders, for an IN list. */
export function listPlaceholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** The SQL text of a statement for each batch size (or sizes), built once per size. */
export function textPerSize(build: (...sizes: number[]) => string): (...sizes: number[]) => string {
  const texts = new Map<string, string>();
  return (...sizes) => {
    const key = sizes.join(',');
    let text = texts.get(key);
    if (text === undefined) {
      if (texts.size >= MAX_KEPT) texts.clear();
      texts.set(key, (text = build(...sizes)));
    }
    return text;
  };
}
