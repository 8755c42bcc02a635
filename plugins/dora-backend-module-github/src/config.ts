import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitPolicy,
} from '@dora-metrics/plugin-dora-node';
import {
  WorkflowEnvironmentRule,
  readWorkflowEnvironmentRules,
} from './workflowEnvironments';

/** Per-entity override of `dora.github.deploymentWorkflow` (`none` turns it off). */
export const ANNOTATION_GITHUB_DEPLOYMENT_WORKFLOW =
  'dora/github-deployment-workflow';
/** Per-entity override of `dora.github.workflowEnvironment`. */
export const ANNOTATION_GITHUB_DEPLOYMENT_ENVIRONMENT =
  'dora/github-deployment-environment';

/** `dora.github`, read once at start with defaults applied. */
export interface GithubCollectorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The GitHub host of `github.com/project-slug` repositories (an `integrations.github` host). */
  host: string;
  /** How far back the first collection of a repository reads. */
  lookbackDays: number;
  /** A workflow file (e.g. `deploy.yml`) whose runs are the deployments, instead of GitHub deployments. */
  deploymentWorkflow?: string;
  /** The environment recorded for workflow-run deployments. */
  workflowEnvironment: string;
  /** Environments by the run's workflow name or title, first match wins, before `workflowEnvironment`. */
  workflowEnvironments: WorkflowEnvironmentRule[];
  /** Events per ingest call (never more than `dora.ingest.maxEvents`). */
  batchSize: number;
  rateLimit: RateLimitPolicy;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

const MAX_BATCH = 500;

export function readGithubCollectorConfig(root: Config): GithubCollectorConfig {
  const config = root.getOptionalConfig('dora.github');
  const maxEvents = root.getOptionalNumber('dora.ingest.maxEvents') ?? 5000;
  const lookbackDays = config?.getOptionalNumber('lookbackDays') ?? 90;
  if (!(lookbackDays > 0)) {
    throw new Error(
      `dora.github.lookbackDays must be positive, got ${lookbackDays}`,
    );
  }
  const maxWaitSeconds = config?.getOptionalNumber('rateLimit.maxWaitSeconds');
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    host: config?.getOptionalString('host') ?? 'github.com',
    lookbackDays,
    deploymentWorkflow:
      config?.getOptionalString('deploymentWorkflow') || undefined,
    workflowEnvironment:
      config?.getOptionalString('workflowEnvironment') ?? 'production',
    workflowEnvironments: readWorkflowEnvironmentRules(config),
    batchSize: Math.max(1, Math.min(maxEvents, MAX_BATCH)),
    rateLimit: {
      ...DEFAULT_RATE_LIMIT_POLICY,
      ...(maxWaitSeconds !== undefined
        ? { maxWaitMs: maxWaitSeconds * 1000 }
        : {}),
      maxRetries:
        config?.getOptionalNumber('rateLimit.maxRetries') ??
        DEFAULT_RATE_LIMIT_POLICY.maxRetries,
    },
  };
}

/** Where one entity's deployments come from. */
export type DeploymentSource =
  | { kind: 'deployments' }
  | { kind: 'workflow'; workflow: string; environment: string };

/** The deployment source of an entity: its annotations over `dora.github`. */
export function deploymentSourceFor(
  annotations: Record<string, string> | undefined,
  config: GithubCollectorConfig,
): DeploymentSource {
  const override = annotations?.[ANNOTATION_GITHUB_DEPLOYMENT_WORKFLOW]?.trim();
  const workflow =
    override === undefined || override === ''
      ? config.deploymentWorkflow
      : override;
  if (!workflow || workflow.toLowerCase() === 'none') {
    return { kind: 'deployments' };
  }
  const environment =
    annotations?.[ANNOTATION_GITHUB_DEPLOYMENT_ENVIRONMENT]?.trim() ||
    config.workflowEnvironment;
  return { kind: 'workflow', workflow, environment };
}
