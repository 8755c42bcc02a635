import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_DIR = resolvePackagePath(
  '@dora-metrics/plugin-dora-backend-module-gitlab',
  'migrations',
);

/** Its own migrations table, so it never mixes with the dora plugin's. */
const MIGRATIONS_TABLE = 'dora_gitlab_knex_migrations';

export async function migrateUp(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: MIGRATIONS_DIR,
    tableName: MIGRATIONS_TABLE,
  });
}

export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(
    { directory: MIGRATIONS_DIR, tableName: MIGRATIONS_TABLE },
    true,
  );
}
