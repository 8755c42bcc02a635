import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraWebhookHandler } from '@dora-metrics/plugin-dora-node';
import { deploymentSourceFor, readGitlabCollectorConfig } from '../config';
import { readGitlabWebhookConfig } from './config';
import { GitlabWebhookHandler } from './GitlabWebhookHandler';
import { ProjectEntities } from './ProjectEntities';

export interface GitlabWebhookHandlerOptions {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}

/** Whether `dora.webhooks.gitlab` is configured (register the handler only then). */
export function isGitlabWebhookConfigured(config: RootConfigService): boolean {
  return config.has('dora.webhooks.gitlab');
}

/**
 * The receiver of GitLab webhooks, for `doraWebhooksExtensionPoint`. Which
 * pipelines' jobs are deployments follows the collector's rules
 * (`dora.gitlab.deploymentJob`, `jobEnvironments` and the entity's annotation).
 */
export function createGitlabWebhookHandler(
  options: GitlabWebhookHandlerOptions,
): DoraWebhookHandler {
  const collectorConfig = readGitlabCollectorConfig(options.config);
  return new GitlabWebhookHandler(
    readGitlabWebhookConfig(options.config),
    new ProjectEntities(options.catalog, options.auth),
    annotations => deploymentSourceFor(annotations, collectorConfig),
    collectorConfig.jobEnvironments,
    options.logger,
  );
}
