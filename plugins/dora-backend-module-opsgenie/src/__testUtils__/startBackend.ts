import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@dora-metrics/plugin-dora-backend';
import { doraModuleOpsgenie } from '../module';

// knex and @backstage/types are not dependencies of this module.
export type Knex = Awaited<ReturnType<TestDatabases['init']>>;
type JsonObject = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** SQLite always; PostgreSQL 15 too when a server is named (no Docker here). */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = process.env
    .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  return TestDatabases.create({ ids });
}

/** A real backend: the dora plugin, this module, a mock catalog and a real database. */
export async function startBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
}) {
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      doraModuleOpsgenie,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config }),
      logger.factory,
    ],
  });
  return { server, logger };
}

export async function clearTables(knex: Knex) {
  for (const table of ['dora_incidents', 'dora_webhook_deliveries']) {
    await knex(table).delete();
  }
}

export async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}
