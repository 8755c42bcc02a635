/**
 * Collects merge requests, reverts and deployments from GitLab into the
 * DORA backend plugin, and receives GitLab webhooks.
 *
 * @packageDocumentation
 */
export { doraModuleGitlab as default, createDoraGitlabModule } from './module';
export type { DoraGitlabModuleOptions } from './module';
export { GITLAB_COLLECT_TASK } from './gitlabEventProvider';
export {
  ANNOTATION_GITLAB_DEPLOYMENT_JOB,
  DEFAULT_JOB_ENVIRONMENT,
} from './config';
export type {
  GitlabCollectorConfig,
  DeploymentSource,
  JobEnvironment,
} from './config';
export type {
  CollectionReport,
  ProjectReport,
} from './collector/GitlabCollector';
export * from './mapping';
export type { RateLimitPolicy, Sleep } from '@dora-metrics/plugin-dora-node';
export { RateLimitError } from '@dora-metrics/plugin-dora-node';
