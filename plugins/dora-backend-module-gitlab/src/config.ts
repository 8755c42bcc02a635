import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  NamePattern,
  parseNamePattern,
} from '@dora-metrics/plugin-dora-common';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitPolicy,
} from '@dora-metrics/plugin-dora-node';

/** Per-entity override of `dora.gitlab.deploymentJob` (`none` turns it off). */
export const ANNOTATION_GITLAB_DEPLOYMENT_JOB = 'dora/gitlab-deployment-job';

/** A job name pattern and the environment its runs deploy to. */
export interface JobEnvironment {
  match: NamePattern;
  environment: string;
}

/** `dora.gitlab`, read once at start with defaults applied. */
export interface GitlabCollectorConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The GitLab host of the annotated projects (an `integrations.gitlab` host). */
  host: string;
  lookbackDays: number;
  /** A job name (or pattern) whose runs in finished pipelines are the deployments. */
  deploymentJob?: string;
  /** Job name → environment, first match; else `production`. */
  jobEnvironments: JobEnvironment[];
  batchSize: number;
  rateLimit: RateLimitPolicy;
}

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { minutes: 1 },
};

export const DEFAULT_JOB_ENVIRONMENT = 'production';
const MAX_BATCH = 500;

function readJobEnvironments(config: Config | undefined): JobEnvironment[] {
  return (config?.getOptionalConfigArray('jobEnvironments') ?? []).map(
    (entry, index) => {
      const text = entry.getString('match');
      const match = parseNamePattern(text);
      if (typeof match === 'string') {
        throw new Error(
          `dora.gitlab.jobEnvironments[${index}].match: "${text}" ${match}`,
        );
      }
      return { match, environment: entry.getString('environment') };
    },
  );
}

export function readGitlabCollectorConfig(root: Config): GitlabCollectorConfig {
  const config = root.getOptionalConfig('dora.gitlab');
  const maxEvents = root.getOptionalNumber('dora.ingest.maxEvents') ?? 5000;
  const lookbackDays = config?.getOptionalNumber('lookbackDays') ?? 90;
  if (!(lookbackDays > 0)) {
    throw new Error(
      `dora.gitlab.lookbackDays must be positive, got ${lookbackDays}`,
    );
  }
  const maxWaitSeconds = config?.getOptionalNumber('rateLimit.maxWaitSeconds');
  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    host: config?.getOptionalString('host') ?? 'gitlab.com',
    lookbackDays,
    deploymentJob: config?.getOptionalString('deploymentJob') || undefined,
    jobEnvironments: readJobEnvironments(config),
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

/** Where a project's deployments come from. */
export type DeploymentSource =
  { kind: 'deployments' } | { kind: 'job'; job: NamePattern };

/** The deployment source of an entity: its annotation over `dora.gitlab.deploymentJob`. */
export function deploymentSourceFor(
  annotations: Record<string, string> | undefined,
  config: Pick<GitlabCollectorConfig, 'deploymentJob'>,
): DeploymentSource {
  const override = annotations?.[ANNOTATION_GITLAB_DEPLOYMENT_JOB]?.trim();
  const job = override ? override : config.deploymentJob;
  if (!job || job.toLowerCase() === 'none') return { kind: 'deployments' };
  const pattern = parseNamePattern(job);
  if (typeof pattern === 'string') {
    throw new Error(`The deployment job "${job}" ${pattern}`);
  }
  return { kind: 'job', job: pattern };
}

/** The environment a deployment job deploys to: the first matching pattern, else production. */
export function jobEnvironment(
  jobName: string,
  jobEnvironments: readonly JobEnvironment[],
): string {
  return (
    jobEnvironments.find(e => e.match.matches(jobName))?.environment ??
    DEFAULT_JOB_ENVIRONMENT
  );
}
