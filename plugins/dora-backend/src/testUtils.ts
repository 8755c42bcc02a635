/**
 * Test helpers for backend modules of the dora plugin: the databases to run
 * on, and a real backend with the dora plugin to add a module to.
 *
 * @packageDocumentation
 */
import {
  TestBackend,
  TestBackendOptions,
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { doraPlugin } from './plugin';

export type { Knex } from 'knex';

/**
 * SQLite always; PostgreSQL 15 as well when a server is named by
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (CI sets it). Listing
 * the ids keeps TestDatabases from looking for Docker.
 */
export function doraTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = process.env
    .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  return TestDatabases.create({ ids });
}

/** Options of {@link startDoraTestBackend}. */
export interface DoraTestBackendOptions {
  /** The database of the dora plugin, e.g. from `doraTestDatabases().init(id)`. */
  knex: Knex;
  /** What the mock catalog holds (default none). */
  entities?: Entity[];
  /** The root config (default empty). */
  config?: JsonObject;
  /** The modules under test, and any service factories that replace the mocks startTestBackend provides. */
  features?: TestBackendOptions<[]>['features'];
}

/**
 * Starts a real backend with the dora plugin on the given database, a mock
 * catalog holding the given entities, the given config, and the given
 * features (modules, service factories). `server` serves the HTTP API for
 * supertest.
 */
export async function startDoraTestBackend(
  options: DoraTestBackendOptions,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      doraPlugin,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      ...(options.features ?? []),
    ],
  });
}

/** Deletes every row of the given tables, between tests that share a database. */
export async function clearTables(knex: Knex, tables: string[]) {
  for (const table of tables) {
    await knex(table).delete();
  }
}

export async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}
