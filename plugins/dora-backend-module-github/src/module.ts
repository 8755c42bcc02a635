import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  doraEventProvidersExtensionPoint,
  doraOpenPullRequestsExtensionPoint,
  doraWebhooksExtensionPoint,
  Sleep,
  realSleep,
} from '@dora-metrics/plugin-dora-node';
import { GithubClientFactory } from './client/GithubClientFactory';
import { GithubCollector } from './collector/GithubCollector';
import { readGithubCollectorConfig } from './config';
import { CursorStore } from './database/CursorStore';
import { migrateUp } from './database/migrations';
import { githubEventProvider } from './githubEventProvider';
import { GithubOpenPullRequestSource } from './openPullRequests/GithubOpenPullRequestSource';
import {
  createGithubWebhookHandler,
  isGithubWebhookConfigured,
} from './webhooks';

/** Seams for tests: how the module waits (rate limits, retries) and what time it is. */
export interface DoraGithubModuleOptions {
  sleep?: Sleep;
  now?: () => number;
}

/**
 * The GitHub module of the dora backend, with injectable timing. Use the
 * default export in a backend; this factory exists for tests.
 */
export function createDoraGithubModule(options: DoraGithubModuleOptions = {}) {
  return createBackendModule({
    pluginId: 'dora',
    moduleId: 'github',
    register(env) {
      env.registerInit({
        deps: {
          providers: doraEventProvidersExtensionPoint,
          webhooks: doraWebhooksExtensionPoint,
          openPullRequests: doraOpenPullRequestsExtensionPoint,
          rootConfig: coreServices.rootConfig,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
          database: coreServices.database,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          const config = readGithubCollectorConfig(deps.rootConfig);
          const now = options.now ?? Date.now;
          const knex = await deps.database.getClient();
          if (!deps.database.migrations?.skip) {
            await migrateUp(knex);
          }
          // One factory: the collector and the open pull requests share the rate limit pauses.
          const clients = GithubClientFactory.fromConfig(deps.rootConfig, {
            sleep: options.sleep ?? realSleep,
            now,
            policy: config.rateLimit,
          });
          const collector = new GithubCollector({
            config,
            catalog: deps.catalog,
            auth: deps.auth,
            logger: deps.logger,
            clients,
            cursors: new CursorStore(knex, now),
            now,
          });
          deps.providers.addEventProvider(
            githubEventProvider(
              collector,
              deps.scheduler,
              config.schedule,
              deps.logger,
            ),
          );
          // Read live for the first-review heads-up.
          deps.openPullRequests.addOpenPullRequestSource(
            new GithubOpenPullRequestSource({
              config,
              catalog: deps.catalog,
              auth: deps.auth,
              logger: deps.logger,
              clients,
            }),
          );
          // The push alternative, only when a webhook secret is configured.
          if (isGithubWebhookConfigured(deps.rootConfig)) {
            deps.webhooks.addWebhookHandler(
              createGithubWebhookHandler({
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
 * Collects pull requests, reverts and deployments from GitHub into the dora
 * backend, receives GitHub webhooks when `dora.webhooks.github` is set, and
 * answers the backend's questions about open pull requests (review heads-up).
 */
export const doraModuleGithub = createDoraGithubModule();
