import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/config';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { startDoraTestBackend } from '@dora-metrics/plugin-dora-backend/testUtils';
import { Knex } from 'knex';
import { createDoraGitlabModule } from '../module';
import {
  ManualScheduler,
  RecordingLogger,
} from '@dora-metrics/plugin-dora-node/testUtils';

/**
 * A real backend: the dora plugin and this module on the given database, a
 * catalog with the given entities, and a scheduler the test drives.
 */
export async function startBackend(options: {
  knex: Knex;
  entities: Entity[];
  config: JsonObject;
  clock: { now: () => number; sleep: (ms: number) => Promise<void> };
}) {
  const scheduler = new ManualScheduler();
  const logger = new RecordingLogger();
  const backend = await startDoraTestBackend({
    knex: options.knex,
    entities: options.entities,
    config: options.config,
    features: [
      createDoraGitlabModule({
        now: options.clock.now,
        sleep: options.clock.sleep,
      }),
      scheduler.factory(),
      logger.factory(),
    ],
  });
  return { backend, server: backend.server, scheduler, logger };
}
