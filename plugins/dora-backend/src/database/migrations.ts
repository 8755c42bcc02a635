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

/** Undoes migrations, newest first, through the one dated `version` (e.g. `20261201130000`). */
export async function migrateDownThrough(
  knex: Knex,
  version: string,
): Promise<void> {
  while (
    (await knex.migrate.currentVersion({ directory: MIGRATIONS_DIR })) >=
    version
  ) {
    await migrateDownLast(knex);
  }
}
