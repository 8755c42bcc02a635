import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import {
  DoraTestBackendOptions,
  countRows,
  startDoraTestBackend,
} from '../testUtils';

/**
 * Starts a real backend with the dora plugin on the given database, a
 * catalog holding the given entities, and (optionally) a fixed permission
 * decision. Returns the HTTP server for supertest.
 */
export async function startDoraBackend(options: {
  knex: Knex;
  entities?: Entity[];
  config?: JsonObject;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Run the scheduled tasks (scorecard evaluation) once at startup. */
  runScheduledTasks?: boolean;
  /** More features, e.g. a service factory that replaces a default service. */
  features?: DoraTestBackendOptions['features'];
}) {
  const { server } = await startDoraTestBackend({
    knex: options.knex,
    entities: options.entities,
    config: options.config,
    features: [
      mockServices.scheduler.factory({
        skipTaskRunOnStartup: !options.runScheduledTasks,
        includeInitialDelayedTasksOnStartup: true,
      }),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}

/** Empties the event tables between tests that share a database. */
export async function clearEvents(knex: Knex) {
  for (const table of [
    'dora_deployments',
    'dora_changes',
    'dora_incidents',
    'dora_scorecard_results',
    'dora_scorecards',
    'dora_webhook_deliveries',
  ]) {
    if (await knex.schema.hasTable(table)) await knex(table).delete();
  }
}

export async function countEvents(knex: Knex): Promise<number> {
  let total = 0;
  for (const table of ['dora_deployments', 'dora_changes', 'dora_incidents']) {
    total += await countRows(knex, table);
  }
  return total;
}

/** Waits until the backend has built the facts of every entity written to. */
export async function waitForFacts(
  server: Parameters<typeof request>[0],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await request(server)
      .get('/api/dora/v1/facts')
      .set('Authorization', mockCredentials.service.header());
    if (status.status !== 200) {
      throw new Error(`GET /v1/facts answered ${status.status}`);
    }
    if (status.body.stale === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `facts still stale after ${timeoutMs} ms: ${JSON.stringify(status.body)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
