import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_DIR = resolvePackagePath(
  '@dora-metrics/plugin-dora-backend',
  'migrations',
);

export async function migrateUp(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
}

export async function migrateDownAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ directory: MIGRATIONS_DIR }, true);
}

/** Undoes the newest migration (tests of a migration's effect on existing data). */
export async function migrateDownLast(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: MIGRATIONS_DIR });
}
