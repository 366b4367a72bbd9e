import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@kaito-backstage/plugin-kaito-backend', 'migrations');

/**
 * Runs the plugin's migrations (every store asks; after the first it is a
 * no-op). Replicas starting together race: knex creates its own bookkeeping
 * tables outside its migration lock, so the loser fails on a duplicate
 * table, and a replica that finds the lock held fails with MigrationLocked
 * instead of waiting. Both succeed on a retry, so it tries again, waiting
 * longer each time.
 *
 * @internal
 */
export async function migrate(knex: Knex, attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir, tableName: 'kaito_knex_migrations' });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise(resolve => setTimeout(resolve, 200 * attempt));
    }
  }
}
