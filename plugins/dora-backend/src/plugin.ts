import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { doraPermissions } from '@dora-metrics/plugin-dora-common';
import {
  DoraEventProvider,
  DoraOpenPullRequestSource,
  DoraWebhookHandler,
  doraEventProvidersExtensionPoint,
  doraOpenPullRequestsExtensionPoint,
  doraWebhooksExtensionPoint,
} from '@dora-metrics/plugin-dora-node';
import { KnexDigestRunStore } from './database/KnexDigestRunStore';
import { KnexDoraStore } from './database/KnexDoraStore';
import { KnexExemptionStore } from './database/KnexExemptionStore';
import { KnexFactStore } from './database/KnexFactStore';
import { KnexInitiativeStore } from './database/KnexInitiativeStore';
import { KnexScorecardStore } from './database/KnexScorecardStore';
import { KnexSignalStore } from './database/KnexSignalStore';
import { KnexWebhookDeliveryStore } from './database/KnexWebhookDeliveryStore';
import { migrateUp } from './database/migrations';
import { createRouter } from './router';
import { KnexEnvironmentStore } from './database/KnexEnvironmentStore';
import { EnvironmentsService } from './service/environments/EnvironmentsService';
import { readDoraConfig } from './service/doraConfig';
import { EntityCatalog } from './service/EntityCatalog';
import { EventsService } from './service/EventsService';
import { EntitySettings } from './service/EntitySettings';
import { FactsService } from './service/FactsService';
import { IngestService } from './service/IngestService';
import { gradingInputsOf } from './service/initiatives/gradingInputs';
import { InitiativeService } from './service/initiatives/InitiativeService';
import { MetricsService } from './service/MetricsService';
import { readNotificationsConfig } from './service/notifications/notificationsConfig';
import { SignalService } from './service/notifications/SignalService';
import { MoversService } from './service/movers/MoversService';
import { createDigestTaskFn } from './service/notifications/digest';
import { ScorecardService } from './service/ScorecardService';
import { ExemptionService } from './service/scorecards/ExemptionService';
import { ScorecardPreviewService } from './service/scorecards/preview/ScorecardPreviewService';
import { WeeklyGrading } from './service/scorecards/preview/WeeklyGrading';
import { readWebhookConfig } from './webhooks/webhookConfig';
import { createWebhookRouter } from './webhooks/webhookRouter';
import { WebhookService } from './webhooks/WebhookService';

/** The id of the scheduled scorecard evaluation (modules may trigger it). */
export const SCORECARD_EVALUATION_TASK = 'dora-scorecards-evaluate';
const SCORECARD_PRUNE_TASK = 'dora-scorecards-prune';
/** The id of the weekly digest task (one digest per team and ISO week). */
const WEEKLY_DIGEST_TASK = 'dora-weekly-digest';
/** The id of the scheduled evaluation of the notification signals. */
export const SIGNAL_EVALUATION_TASK = 'dora-notifications-evaluate';

/** The dora backend plugin: event store, ingestion, metrics, team rollups, drill-down and scorecards. */
export const doraPlugin = createBackendPlugin({
  pluginId: 'dora',
  register(env) {
    const providers: DoraEventProvider[] = [];
    env.registerExtensionPoint(doraEventProvidersExtensionPoint, {
      addEventProvider(...added) {
        providers.push(...added);
      },
    });
    const webhookHandlers: DoraWebhookHandler[] = [];
    env.registerExtensionPoint(doraWebhooksExtensionPoint, {
      addWebhookHandler(...added) {
        webhookHandlers.push(...added);
      },
    });
    const openPullRequestSources: DoraOpenPullRequestSource[] = [];
    env.registerExtensionPoint(doraOpenPullRequestsExtensionPoint, {
      addOpenPullRequestSource(...added) {
        openPullRequestSources.push(...added);
      },
    });

    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const config = readDoraConfig(deps.config);
        const knex = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await migrateUp(knex);
        }
        // Writers that collide on PostgreSQL are retried, and it is logged.
        const retry = {
          onRetry: (error: unknown, attempt: number) =>
            deps.logger.warn(
              `DORA write retried (attempt ${attempt + 1}) after ${(error as Error).message}`,
            ),
        };
        const store = new KnexDoraStore(knex, retry);
        const factStore = new KnexFactStore(knex);
        const entityCatalog = new EntityCatalog(deps.catalog);
        const entitySettings = new EntitySettings(
          entityCatalog,
          config.defaults,
        );
        const facts = new FactsService({
          store,
          facts: factStore,
          settingsOf: async refs =>
            entitySettings.ofRefs(
              refs,
              await deps.auth.getOwnServiceCredentials(),
            ),
          logger: deps.logger,
        });
        const ingest = new IngestService(
          store,
          entityCatalog,
          config.maxEvents,
          () => facts.notify(),
        );
        const metrics = new MetricsService(
          factStore,
          facts,
          entityCatalog,
          config,
          deps.logger,
        );
        const events = new EventsService(
          store,
          factStore,
          entityCatalog,
          metrics,
        );
        const exemptionStore = new KnexExemptionStore(knex, retry);
        const scorecards = new ScorecardService(
          new KnexScorecardStore(knex, retry),
          entityCatalog,
          metrics,
          config.scorecards,
          config.rollupKinds,
          deps.logger,
          exemptionStore,
        );
        const exemptions = new ExemptionService(exemptionStore, scorecards);
        // One grader of past weeks: the preview's and the initiatives'.
        const weeklyGrading = new WeeklyGrading(
          entityCatalog,
          metrics,
          exemptionStore,
          config.rollupKinds,
        );
        const initiatives = new InitiativeService({
          store: new KnexInitiativeStore(knex),
          scorecards,
          catalog: entityCatalog,
          grader: weeklyGrading,
          defaultKinds: config.rollupKinds,
          gradingInputs: gradingInputsOf(factStore, exemptionStore),
        });
        const preview = new ScorecardPreviewService(
          weeklyGrading,
          scorecards,
          entityCatalog,
        );
        const movers = new MoversService(metrics, scorecards);
        const notificationsConfig = readNotificationsConfig(deps.config);
        const signals = new SignalService({
          config: notificationsConfig,
          store: new KnexSignalStore(knex),
          scorecards,
          metrics,
          catalog: entityCatalog,
          notifications: deps.notifications,
          auth: deps.auth,
          logger: deps.logger,
          rollupKinds: config.rollupKinds,
          openPullRequestSources,
        });

        deps.permissionsRegistry.addPermissions(doraPermissions);
        // First, so that the JSON body parser of the main router never sees
        // webhook bodies; the signature is the credential of a webhook.
        const webhookConfig = readWebhookConfig(deps.config);
        deps.httpRouter.use(
          createWebhookRouter({
            service: new WebhookService({
              handlers: webhookHandlers,
              ingest,
              deliveries: new KnexWebhookDeliveryStore(knex, retry),
              auth: deps.auth,
              logger: deps.logger,
              deliveryRetentionMs: webhookConfig.deliveryRetentionMs,
            }),
            logger: deps.logger,
            maxBodySize: webhookConfig.maxBodySize,
            bodyTimeout: config.bodyTimeout,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/v1/webhooks',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            ingest,
            metrics,
            events,
            facts,
            scorecards,
            exemptions,
            initiatives,
            preview,
            movers,
            signals,
            environments: new EnvironmentsService({
              catalog: entityCatalog,
              store: new KnexEnvironmentStore(knex),
              defaults: config.defaults,
            }),
            resultHistoryDays: config.resultHistoryDays,
            maxBodySize: config.maxBodySize,
            bodyTimeout: config.bodyTimeout,
            heavyReads: config.heavyReads,
          }),
        );

        // Global tasks: one replica at a time runs them.
        await deps.scheduler.scheduleTask({
          id: SCORECARD_EVALUATION_TASK,
          ...config.evaluationSchedule,
          fn: async () => {
            await scorecards.evaluate(
              { now: Date.now() },
              await deps.auth.getOwnServiceCredentials(),
            );
          },
        });
        await deps.scheduler.scheduleTask({
          id: SCORECARD_PRUNE_TASK,
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          fn: async () => {
            const pruned = await scorecards.prune(
              Date.now(),
              config.resultHistoryDays,
            );
            deps.logger.info(`Pruned ${pruned} old scorecard results`);
          },
        });
        if (notificationsConfig.enabled) {
          await deps.scheduler.scheduleTask({
            id: SIGNAL_EVALUATION_TASK,
            ...notificationsConfig.schedule,
            fn: async () => {
              const { sent, pending } = await signals.evaluate(Date.now());
              deps.logger.info(
                `DORA signals evaluated: sent ${JSON.stringify(sent)}, ${pending} pending`,
              );
            },
          });
        }
        if (notificationsConfig.enabled && notificationsConfig.signals.digest) {
          await deps.scheduler.scheduleTask({
            id: WEEKLY_DIGEST_TASK,
            ...notificationsConfig.digest.schedule,
            fn: createDigestTaskFn({
              catalog: entityCatalog,
              metrics,
              scorecards,
              exemptions: exemptionStore,
              initiatives,
              runs: new KnexDigestRunStore(knex),
              notifications: deps.notifications,
              auth: deps.auth,
              logger: deps.logger,
              rollupKinds: config.rollupKinds,
              digest: notificationsConfig.digest,
            }),
          });
        }

        // Facts are kept by every replica, sharing the work through leases.
        deps.lifecycle.addStartupHook(() => facts.start());
        deps.lifecycle.addShutdownHook(() => facts.stop());

        for (const provider of providers) {
          const name = provider.getProviderName();
          // Providers write as the plugin itself, through the same ingest path.
          await provider.connect({
            ingest: async batch =>
              ingest.ingest(
                { events: batch },
                await deps.auth.getOwnServiceCredentials(),
              ),
          });
          deps.logger.info(`Connected DORA event provider ${name}`);
        }
      },
    });
  },
});
