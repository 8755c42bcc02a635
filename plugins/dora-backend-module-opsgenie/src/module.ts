import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraWebhooksExtensionPoint } from '@dora-metrics/plugin-dora-node';
import {
  EntityResolver,
  OpsgenieWebhookHandler,
  readOpsgenieWebhookConfig,
} from './webhook';

/** Receives Opsgenie alert webhooks at `POST /api/dora/v1/webhooks/opsgenie`. */
export const doraModuleOpsgenie = createBackendModule({
  pluginId: 'dora',
  moduleId: 'opsgenie',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        webhooks: doraWebhooksExtensionPoint,
      },
      async init({ auth, catalog, config, logger, webhooks }) {
        const webhookConfig = readOpsgenieWebhookConfig(config);
        const entities = new EntityResolver(
          webhookConfig.entityMappings,
          catalog,
          auth,
          logger,
        );
        webhooks.addWebhookHandler(
          new OpsgenieWebhookHandler(webhookConfig, entities, logger),
        );
        logger.info(
          `Opsgenie webhooks: ${webhookConfig.integrationKeys.length} key(s), ${webhookConfig.entityMappings.length} entity mapping(s)`,
        );
      },
    });
  },
});
