import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraWebhookHandler } from '@dora-metrics/plugin-dora-node';
import { readGithubCollectorConfig } from '../config';
import { readGithubWebhookConfig } from './config';
import { GithubWebhookHandler } from './GithubWebhookHandler';
import { RepositoryEntities } from './RepositoryEntities';

export interface GithubWebhookHandlerOptions {
  config: RootConfigService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}

/** Whether `dora.webhooks.github` is configured (register the handler only then). */
export function isGithubWebhookConfigured(config: RootConfigService): boolean {
  return config.has('dora.webhooks.github');
}

/**
 * The receiver of GitHub webhooks, for `doraWebhooksExtensionPoint`. Which
 * workflow runs are deployments follows the collector's rules
 * (`dora.github.deploymentWorkflow` and the entity's annotations).
 */
export function createGithubWebhookHandler(
  options: GithubWebhookHandlerOptions,
): DoraWebhookHandler {
  return new GithubWebhookHandler(
    readGithubWebhookConfig(options.config),
    new RepositoryEntities(options.catalog, options.auth),
    readGithubCollectorConfig(options.config),
    options.logger,
  );
}

export { readGithubWebhookConfig } from './config';
export type { GithubWebhookConfig } from './config';
export { signGithubBody } from './signatures';
