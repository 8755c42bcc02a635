import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { doraWebhooksExtensionPoint } from '@dora-metrics/plugin-dora-node';
import { PagerDutyWebhookHandler, readPagerDutyWebhookConfig } from './webhook';

/** Receives PagerDuty v3 webhooks at `POST /api/dora/v1/webhooks/pagerduty`. */
export const doraModulePagerDuty = createBackendModule({
  pluginId: 'dora',
  moduleId: 'pagerduty',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        webhooks: doraWebhooksExtensionPoint,
      },
      async init({ config, logger, webhooks }) {
        const webhookConfig = readPagerDutyWebhookConfig(config);
        webhooks.addWebhookHandler(new PagerDutyWebhookHandler(webhookConfig));
        logger.info(
          `PagerDuty webhooks: ${webhookConfig.secrets.length} signing secret(s)`,
        );
      },
    });
  },
});
