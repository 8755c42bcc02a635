import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@dora-metrics/plugin-dora-backend';
import { doraWebhooksExtensionPoint } from '@dora-metrics/plugin-dora-node';
import { createGithubWebhookHandler } from '..';

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

/** Only the webhook receiver, wired the way the module wires it. */
const githubWebhookTestModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'github-webhooks-test',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        webhooks: doraWebhooksExtensionPoint,
      },
      async init({ webhooks, ...deps }) {
        webhooks.addWebhookHandler(createGithubWebhookHandler(deps));
      },
    });
  },
});

/** A real backend: the dora plugin, the GitHub webhook receiver, a mock catalog and a real database. */
export async function startWebhookBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
}) {
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      githubWebhookTestModule,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config }),
      logger.factory,
    ],
  });
  return { server, logger };
}

export async function clearTables(knex: Knex) {
  for (const table of [
    'dora_changes',
    'dora_deployments',
    'dora_webhook_deliveries',
  ]) {
    await knex(table).delete();
  }
}

export async function countRows(knex: Knex, table: string): Promise<number> {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}
