/**
 * Collects pull requests, reverts and deployments from GitHub into the DORA
 * backend plugin.
 *
 * @packageDocumentation
 */
export { doraModuleGithub as default, createDoraGithubModule } from './module';
export type { DoraGithubModuleOptions } from './module';
export { GITHUB_COLLECT_TASK } from './githubEventProvider';
export {
  ANNOTATION_GITHUB_DEPLOYMENT_ENVIRONMENT,
  ANNOTATION_GITHUB_DEPLOYMENT_WORKFLOW,
} from './config';
export type { GithubCollectorConfig, DeploymentSource } from './config';
export type { WorkflowEnvironmentRule } from './workflowEnvironments';
export type {
  CollectionReport,
  RepositoryReport,
} from './collector/GithubCollector';
export * from './mapping';
// Named in the exported options and config types.
export type { RateLimitPolicy, Sleep } from '@dora-metrics/plugin-dora-node';
export { RateLimitError } from '@dora-metrics/plugin-dora-node';
