import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraWebhooksExtensionPoint } from '@dora-metrics/plugin-dora-node';
import { createGithubWebhookHandler } from '..';

/** Only the webhook receiver, wired the way the module wires it. */
export const githubWebhookTestModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'github-webhooks-test',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        webhooks: doraWebhooksExtensionPoint,
      },
      async init({ webhooks, ...deps }) {
        webhooks.addWebhookHandler(createGithubWebhookHandler(deps));
      },
    });
  },
});
