import {
  DeploymentEvent,
  DeploymentStatus,
  acceptedUrl,
} from '@dora-metrics/plugin-dora-common';
import { GitlabDeployment, GitlabJob } from './gitlabTypes';
import { GITLAB_SOURCE, gitlabDeploymentId, jobDeploymentId } from './ids';

/** GitLab's finished statuses; the others (created, running, blocked, skipped...) are not outcomes yet. */
export function gitlabOutcome(status: string): DeploymentStatus | null {
  switch (status) {
    case 'success':
      return 'success';
    case 'failed':
      return 'failure';
    case 'canceled':
    case 'cancelled':
      return 'aborted';
    default:
      return null;
  }
}

/** A finished GitLab deployment of an environment; `null` while it has no outcome. */
export function deploymentToDeployment(input: {
  project: string;
  entityRef: string;
  deployment: GitlabDeployment;
}): DeploymentEvent | null {
  const { deployment: d, project } = input;
  const status = gitlabOutcome(d.status);
  if (!status || !d.environment?.name) return null;
  return {
    kind: 'deployment',
    source: GITLAB_SOURCE,
    id: gitlabDeploymentId(project, d.id),
    entityRef: input.entityRef,
    environment: d.environment.name,
    status,
    startedAt: d.deployable?.started_at ?? d.created_at,
    finishedAt: d.finished_at ?? d.deployable?.finished_at ?? d.updated_at,
    version: d.ref ?? null,
    commitSha: d.sha ?? null,
    url: acceptedUrl(d.deployable?.web_url ?? undefined),
  };
}

/** A finished deployment job of a pipeline; `null` while it has no outcome. */
export function jobToDeployment(input: {
  project: string;
  entityRef: string;
  pipelineId: number;
  job: GitlabJob;
  environment: string;
  sha?: string | null;
  fallbackFinishedAt?: string | null;
}): DeploymentEvent | null {
  const { job, project } = input;
  const status = gitlabOutcome(job.status);
  const finishedAt = job.finished_at ?? input.fallbackFinishedAt;
  if (!status || !finishedAt) return null;
  return {
    kind: 'deployment',
    source: GITLAB_SOURCE,
    id: jobDeploymentId(project, input.pipelineId, job.name),
    entityRef: input.entityRef,
    environment: input.environment,
    status,
    startedAt: job.started_at ?? null,
    finishedAt,
    version: job.ref ?? null,
    commitSha: job.commit?.id ?? input.sha ?? null,
    url: acceptedUrl(job.web_url ?? undefined),
  };
}
