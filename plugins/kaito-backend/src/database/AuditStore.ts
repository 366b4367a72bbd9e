import { DatabaseService } from '@backstage/backend-plugin-api';
import { AuditEntry } from '@kaito-backstage/plugin-kaito-common';
import { Knex } from 'knex';
import { GroupCommit } from '../service/groupCommit';
import { listPlaceholders, runStatement, textPerSize, valuesPlaceholders } from './fixedStatement';
import { migrate } from './migrate';
import { storableText } from './storableText';

type DbAuditRow = {
  id: number;
  at: Date | string;
  actor: string;
  action: AuditEntry['action'];
  workspace: string;
  outcome: AuditEntry['outcome'];
  detail: string | null;
};

/** One page of the audit log, newest first; `nextCursor` fetches the next, older page. @internal */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}


/** Entries completed per statement, well under SQLite's and PostgreSQL's bound-parameter limits. */
const UPDATE_CHUNK = 1000;

type Completion = { id: number; outcome: AuditEntry['outcome']; detail?: string };

type NewEntry = Omit<AuditEntry, 'id' | 'at'>;

/** Audit rows wait this long to be written, so a chat's row goes in after its first token, with others. */
const AFTER_FIRST_TOKEN_MS = 10;

/** Entries inserted per statement: 5 bound values each, well under SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 500;

/** What an entry says, which identifies the row an insert returns for it. */
const CONTENT_COLUMNS = ['actor', 'action', 'workspace', 'outcome', 'detail'] as const;

function contentKey(row: Pick<DbAuditRow, (typeof CONTENT_COLUMNS)[number]>): string {
  return JSON.stringify(CONTENT_COLUMNS.map(column => row[column] ?? null));
}

/** Inserts entries (their content columns in order); answers their ids with their content. */
const insertEntries = textPerSize(
  rows =>
    `insert into "kaito_audit" (${CONTENT_COLUMNS.map(column => `"${column}"`).join(', ')}) values ${valuesPlaceholders(rows, CONTENT_COLUMNS.length)} ` +
    `returning "id", ${CONTENT_COLUMNS.map(column => `"${column}"`).join(', ')}`,
);

/** `CASE "id" WHEN ? THEN ? … ELSE <column> END`: a value per id, the column's own for the rest. */
const caseById = (ids: number, column: string) => `CASE "id" ${Array.from({ length: ids }, () => 'WHEN ? THEN ?').join(' ')} ELSE "${column}" END`;

/** Sets the outcome of each entry (id, outcome pairs), the detail of those that have one (id, detail pairs); then the ids. */
const completeEntries = textPerSize(
  (entries, withDetail) =>
    `update "kaito_audit" set "outcome" = ${caseById(entries, 'outcome')}${withDetail ? `, "detail" = ${caseById(withDetail, 'detail')}` : ''} ` +
    `where "id" in (${listPlaceholders(entries)})`,
);

/** An entry as a row: every text storable, within its column (the migration's widths). */
function rowOf(entry: NewEntry): Omit<DbAuditRow, 'id' | 'at'> {
  return {
    actor: storableText(entry.actor, 255),
    action: entry.action,
    workspace: storableText(entry.workspace, 400),
    outcome: entry.outcome,
    detail: entry.detail === undefined ? null : storableText(entry.detail),
  };
}

/** Rows deleted per statement by `deleteOlderThan`, so one run never holds a long lock. */
const DELETE_BATCH = 1000;

/**
 * The audit log in the plugin's database (SQLite or PostgreSQL), shown by
 * the activity card. Backstage's auditor service gets the same events; this
 * table is what the portal can page through per workspace.
 *
 * @internal
 */
export class AuditStore {
  static async create(database: DatabaseService): Promise<AuditStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) await migrate(knex);
    return new AuditStore(knex);
  }

  static async fromKnex(knex: Knex): Promise<AuditStore> {
    await migrate(knex);
    return new AuditStore(knex);
  }

  readonly #completions = new GroupCommit<Completion, void>(completions => this.#completeAll(completions), { background: true, waitMs: AFTER_FIRST_TOKEN_MS });

  private constructor(private readonly knex: Knex) {}

  /** Entries that arrive while an insert runs go in together in the next one (a burst of chats: one insert). */
  readonly #records = new GroupCommit<NewEntry, number>(entries => this.#recordAll(entries), { background: true, waitMs: AFTER_FIRST_TOKEN_MS });

  /** Adds an entry; returns its id, for {@link AuditStore.complete}. */
  async record(entry: NewEntry): Promise<number> {
    return this.#records.run(entry);
  }

  /**
   * One multi-row insert per chunk. Rows come back in no promised order, so
   * each is matched to an entry by its content (stored as given: see
   * {@link storableText}); entries with the same content are interchangeable,
   * so which of their ids each gets is moot. (When the batch fails, the
   * group commit writes its entries one by one, so a bad one fails alone.)
   */
  async #recordAll(entries: NewEntry[]): Promise<number[]> {
    const rows = entries.map(rowOf);
    if (rows.length <= INSERT_CHUNK) return this.#insert(this.knex, rows);
    // Several chunks in one transaction, so a batch tried again never writes a chunk twice.
    return this.knex.transaction(async tx => {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) ids.push(...(await this.#insert(tx, rows.slice(i, i + INSERT_CHUNK))));
      return ids;
    });
  }

  /** Inserts rows in one statement; answers their ids in the rows' order. */
  async #insert(db: Knex | Knex.Transaction, rows: Array<Omit<DbAuditRow, 'id' | 'at'>>): Promise<number[]> {
    const inserted = await runStatement<DbAuditRow>(
      db,
      insertEntries(rows.length),
      rows.flatMap(row => CONTENT_COLUMNS.map(column => row[column])),
    );
    const waiting = new Map<string, number[]>();
    for (const row of inserted) {
      const key = contentKey(row);
      waiting.set(key, [...(waiting.get(key) ?? []), Number(row.id)]);
    }
    const ids = rows.map(row => waiting.get(contentKey(row))?.shift());
    if (ids.some(id => id === undefined)) {
      // The database gave a value back changed: ids are handed out in the insert's order.
      return inserted.map(row => Number(row.id)).sort((a, b) => a - b);
    }
    return ids as number[];
  }

  /** Sets the outcome of an entry recorded as `started`; chats that end together are completed in one update. */
  async complete(id: number, result: { outcome: AuditEntry['outcome']; detail?: string }): Promise<void> {
    await this.#completions.run({ id, outcome: result.outcome, ...(result.detail === undefined ? {} : { detail: storableText(result.detail) }) });
  }

  /** One `UPDATE … SET outcome = CASE id …` per chunk of a batch; a later completion of an id wins. */
  async #completeAll(completions: Completion[]): Promise<void[]> {
    const byId = new Map(completions.map(completion => [completion.id, completion]));
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += UPDATE_CHUNK) {
      const chunk = ids.slice(i, i + UPDATE_CHUNK).map(id => byId.get(id)!);
      // An entry completed without a detail keeps the one it started with.
      const withDetail = chunk.filter(completion => completion.detail !== undefined);
      await runStatement(this.knex, completeEntries(chunk.length, withDetail.length), [
        ...chunk.flatMap(completion => [completion.id, completion.outcome]),
        ...withDetail.flatMap(completion => [completion.id, completion.detail!]),
        ...chunk.map(completion => completion.id),
      ]);
    }
    return completions.map(() => undefined);
  }

  /**
   * Newest first, `limit` entries (the router bounds it), older than the
   * entry `before` when paging.
   */
  async list(filter: { workspace?: string; limit: number; before?: number }): Promise<AuditPage> {
    let query = this.knex<DbAuditRow>('kaito_audit').orderBy('id', 'desc').limit(filter.limit + 1);
    if (filter.workspace) query = query.where('workspace', filter.workspace);
    if (filter.before !== undefined) query = query.where('id', '<', filter.before);
    const rows = await query;
    const items = rows.slice(0, filter.limit).map(row => ({
      id: Number(row.id),
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      action: row.action,
      workspace: row.workspace,
      outcome: row.outcome,
      ...(row.detail ? { detail: row.detail } : {}),
    }));
    return rows.length > filter.limit ? { items, nextCursor: String(items[items.length - 1].id) } : { items };
  }

  /**
   * A time as the column compares: SQLite's `CURRENT_TIMESTAMP` default is
   * UTC text `YYYY-MM-DD HH:MM:SS`, while a bound Date would be a number there.
   */
  private timestamp(date: Date): Date | string {
    const client = String(this.knex.client.config.client);
    return client.includes('sqlite') ? date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '') : date;
  }

  /** Deletes entries recorded before `cutoff`, in batches; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = this.knex<DbAuditRow>('kaito_audit').select('id').where('at', '<', this.timestamp(cutoff)).orderBy('id').limit(DELETE_BATCH);
      const deleted = await this.knex<DbAuditRow>('kaito_audit').whereIn('id', ids).delete();
      total += deleted;
      if (deleted < DELETE_BATCH) return total;
    }
  }
}
