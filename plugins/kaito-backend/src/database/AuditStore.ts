import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { AuditEntry } from '@kaito-backstage/plugin-kaito-common';
import { Knex } from 'knex';

type DbAuditRow = {
  id: number;
  at: Date | string;
  actor: string;
  action: AuditEntry['action'];
  workspace: string;
  outcome: AuditEntry['outcome'];
  detail: string | null;
};

const migrationsDir = resolvePackagePath('@kaito-backstage/plugin-kaito-backend', 'migrations');

/**
 * The audit log in the plugin's database (SQLite or PostgreSQL).
 *
 * @internal
 */
export class AuditStore {
  static async create(database: DatabaseService): Promise<AuditStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir, tableName: 'kaito_knex_migrations' });
    }
    return new AuditStore(knex);
  }

  static async fromKnex(knex: Knex): Promise<AuditStore> {
    await knex.migrate.latest({ directory: migrationsDir, tableName: 'kaito_knex_migrations' });
    return new AuditStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.knex<DbAuditRow>('kaito_audit').insert({
      actor: entry.actor,
      action: entry.action,
      workspace: entry.workspace,
      outcome: entry.outcome,
      detail: entry.detail ?? null,
    });
  }

  /** Newest first. */
  async list(filter: { workspace?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.knex<DbAuditRow>('kaito_audit').orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 1000));
    if (filter.workspace) query = query.where('workspace', filter.workspace);
    const rows = await query;
    return rows.map(row => ({
      id: Number(row.id),
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      action: row.action,
      workspace: row.workspace,
      outcome: row.outcome,
      ...(row.detail ? { detail: row.detail } : {}),
    }));
  }
}
