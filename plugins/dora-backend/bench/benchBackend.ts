import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import { BackendLog } from './backendLog';
import { Database, PG_URL, TOKEN } from './benchConfig';
import { freePort } from './httpClient';

/** One database the benchmark runs on. */
export interface DatabaseSetup {
  name: Database;
  /** backend.database */
  backendConfig: JsonObject;
  /** A knex of our own on the plugin's database (plain SELECTs, in-process breakdowns). */
  connect(): Knex;
}

export function postgresSetup(database: string): DatabaseSetup {
  return {
    name: 'PostgreSQL',
    backendConfig: {
      client: 'pg',
      connection: PG_URL,
      plugin: { dora: { connection: { database } } },
    },
    connect: () =>
      knexFactory({ client: 'pg', connection: `${PG_URL}/${database}` }),
  };
}

export function sqliteSetup(directory: string): DatabaseSetup {
  return {
    name: 'SQLite',
    backendConfig: { client: 'better-sqlite3', connection: { directory } },
    connect: () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(directory, 'dora.sqlite') },
        useNullAsDefault: true,
      }),
  };
}

function backendConfig(
  port: number,
  database: JsonObject,
  scorecard: JsonObject,
): JsonObject {
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: TOKEN, subject: 'dora-bench' },
          },
        ],
      },
    },
    dora: {
      scorecards: [scorecard],
      // Keep the scheduled evaluation out of the measurements.
      scorecardEvaluation: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { hours: 1 },
          initialDelay: { hours: 12 },
        },
      },
    },
  };
}

export interface RunningBackend {
  port: number;
  config: JsonObject;
  startMs: number;
  /** Its warnings and errors, counted by kind. */
  log: BackendLog;
  stop(): Promise<void>;
}

/**
 * A real Backstage backend in this process (createBackend: real database,
 * auth, httpAuth, httpRouter, permissions and scheduler services; its log
 * counted by BackendLog)
 * with the dora plugin, an in-memory catalog of `entities` and an
 * external-access static token.
 */
export async function startBackend(
  setup: DatabaseSetup,
  entities: Entity[],
  scorecard: JsonObject,
): Promise<RunningBackend> {
  const port = await freePort();
  const config = backendConfig(port, setup.backendConfig, scorecard);
  const backend = createBackend();
  const log = new BackendLog();
  backend.add(
    createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => log.logger(),
    }),
  );
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(config),
    }),
  );
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(import('@dora-metrics/plugin-dora-backend'));
  const start = performance.now();
  await backend.start();
  return {
    port,
    config,
    startMs: performance.now() - start,
    log,
    stop: () => backend.stop(),
  };
}
