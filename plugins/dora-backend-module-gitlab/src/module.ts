import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  doraEventProvidersExtensionPoint,
  doraWebhooksExtensionPoint,
  Sleep,
  realSleep,
} from '@dora-metrics/plugin-dora-node';
import { GitlabClientFactory } from './client/GitlabClientFactory';
import { GitlabCollector } from './collector/GitlabCollector';
import { readGitlabCollectorConfig } from './config';
import { CursorStore } from './database/CursorStore';
import { migrateUp } from './database/migrations';
import { gitlabEventProvider } from './gitlabEventProvider';
import {
  createGitlabWebhookHandler,
  isGitlabWebhookConfigured,
} from './webhooks';

/** Seams for tests: how the module waits (rate limits, retries) and what time it is. */
export interface DoraGitlabModuleOptions {
  sleep?: Sleep;
  now?: () => number;
}

/**
 * The GitLab module of the dora backend, with injectable timing. Use the
 * default export in a backend; this factory exists for tests.
 */
export function createDoraGitlabModule(options: DoraGitlabModuleOptions = {}) {
  return createBackendModule({
    pluginId: 'dora',
    moduleId: 'gitlab',
    register(env) {
      env.registerInit({
        deps: {
          providers: doraEventProvidersExtensionPoint,
          webhooks: doraWebhooksExtensionPoint,
          rootConfig: coreServices.rootConfig,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
          database: coreServices.database,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          // Nothing at all without configuration: installing is harmless.
          if (deps.rootConfig.has('dora.gitlab')) {
            const config = readGitlabCollectorConfig(deps.rootConfig);
            const now = options.now ?? Date.now;
            const knex = await deps.database.getClient();
            if (!deps.database.migrations?.skip) await migrateUp(knex);
            const collector = new GitlabCollector({
              config,
              catalog: deps.catalog,
              auth: deps.auth,
              logger: deps.logger,
              clients: GitlabClientFactory.fromConfig(deps.rootConfig, {
                sleep: options.sleep ?? realSleep,
                now,
                policy: config.rateLimit,
              }),
              cursors: new CursorStore(knex, now),
              now,
            });
            deps.providers.addEventProvider(
              gitlabEventProvider(
                collector,
                deps.scheduler,
                config.schedule,
                deps.logger,
              ),
            );
          }
          if (isGitlabWebhookConfigured(deps.rootConfig)) {
            deps.webhooks.addWebhookHandler(
              createGitlabWebhookHandler({
                config: deps.rootConfig,
                catalog: deps.catalog,
                auth: deps.auth,
                logger: deps.logger,
              }),
            );
          }
        },
      });
    },
  });
}

/**
 * Collects merge requests, reverts and deployments from GitLab into the dora
 * backend when `dora.gitlab` is set, and receives GitLab webhooks when
 * `dora.webhooks.gitlab` is set. Without either it does nothing.
 */
export const doraModuleGitlab = createDoraGitlabModule();
