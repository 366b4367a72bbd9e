import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@kaito-backstage/plugin-kaito-backend', 'migrations');

/** What another replica starting at the same time causes; anything else is not worth waiting for. */
function isStartupRace(error: unknown): boolean {
  const { name, code, message } = error as { name?: string; code?: string; message?: string };
  // A held migration lock; knex's bookkeeping tables created by the other replica first (PostgreSQL 42P07/23505, SQLite).
  return name === 'MigrationLocked' || code === '42P07' || code === '23505' || /already exists/i.test(message ?? '');
}

/**
 * Runs the plugin's migrations (every store asks; after the first it is a
 * no-op). Replicas starting together race: knex creates its own bookkeeping
 * tables outside its migration lock, so the loser fails on a duplicate
 * table, and a replica that finds the lock held fails with MigrationLocked
 * instead of waiting. Those are tried again for about a minute (another
 * replica may be running a long migration); any other error fails at once.
 *
 * @internal
 */
export async function migrate(knex: Knex, waitMs = 60_000): Promise<void> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir, tableName: 'kaito_knex_migrations' });
      return;
    } catch (error) {
      if (!isStartupRace(error)) throw error;
      if (Date.now() - started > waitMs) {
        throw new Error(
          `The Kaito plugin's database migrations are still locked after ${Math.round(waitMs / 1000)} s (${(error as Error).message}). If no other backend replica is migrating, a replica stopped mid-migration: clear the lock with UPDATE kaito_knex_migrations_lock SET is_locked = 0`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, Math.min(200 * attempt, 2000)));
    }
  }
}
