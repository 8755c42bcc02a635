import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@dora-metrics/plugin-dora-backend';
import { JsonObject } from '@backstage/config';
import { Knex } from 'knex';
import { createDoraGithubModule } from '../module';
import { ManualScheduler } from './manualScheduler';
import { RecordingLogger } from './recordingLogger';

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
  const backend = await startTestBackend({
    features: [
      doraPlugin,
      createDoraGithubModule({
        now: options.clock.now,
        sleep: options.clock.sleep,
      }),
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config }),
      scheduler.factory(),
      logger.factory(),
    ],
  });
  return { backend, server: backend.server, scheduler, logger };
}
