import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraPermissions } from '@dora-metrics/plugin-dora-common';
import {
  DoraEventProvider,
  doraEventProvidersExtensionPoint,
} from '@dora-metrics/plugin-dora-node';
import { KnexDoraStore } from './database/KnexDoraStore';
import { createRouter } from './router';
import { readDoraConfig } from './service/doraConfig';
import { EntityCatalog } from './service/EntityCatalog';
import { EventsService } from './service/EventsService';
import { IngestService } from './service/IngestService';
import { MetricsService } from './service/MetricsService';

/** The dora backend plugin: event store, ingestion, metrics, team rollups and drill-down. */
export const doraPlugin = createBackendPlugin({
  pluginId: 'dora',
  register(env) {
    const providers: DoraEventProvider[] = [];
    env.registerExtensionPoint(doraEventProvidersExtensionPoint, {
      addEventProvider(...added) {
        providers.push(...added);
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readDoraConfig(deps.config);
        const store = await KnexDoraStore.create({ database: deps.database });
        const entityCatalog = new EntityCatalog(deps.catalog);
        const ingest = new IngestService(
          store,
          entityCatalog,
          config.maxEvents,
        );
        const metrics = new MetricsService(store, entityCatalog, config);
        const events = new EventsService(store, entityCatalog, metrics);

        deps.permissionsRegistry.addPermissions(doraPermissions);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            ingest,
            metrics,
            events,
            maxBodySize: config.maxBodySize,
          }),
        );

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
