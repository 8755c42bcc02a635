import {
  DeploymentEvent,
  DeploymentStatus,
  acceptedUrl,
} from '@dora-metrics/plugin-dora-common';
import { GithubDeployment, GithubDeploymentStatus } from './githubTypes';
import { GITHUB_SOURCE, githubDeploymentId } from './ids';
import { earliest, toMillis } from './instants';

/**
 * What a GitHub deployment status means for DORA. `success` is a success;
 * `failure` (the deployment failed) and `error` (it could not run) are both
 * failures. `inactive` (superseded by a later deployment), `queued`,
 * `pending` and `in_progress` are not outcomes: `undefined`. GitHub has no
 * cancelled state, so a GitHub deployment is never `aborted`.
 */
export function deploymentOutcome(state: string): DeploymentStatus | undefined {
  switch (state.toLowerCase()) {
    case 'success':
      return 'success';
    case 'failure':
    case 'error':
      return 'failure';
    default:
      return undefined;
  }
}

/** One deployment and one of its statuses, e.g. from a `deployment_status` webhook. */
export interface DeploymentStatusInput {
  /** `owner/repo`. */
  repository: string;
  /** The catalog entity the deployment belongs to (required by the event). */
  entityRef: string;
  deployment: GithubDeployment;
  status: GithubDeploymentStatus;
  /** When the rollout started, if known (e.g. the first `in_progress` status). */
  startedAt?: string | null;
}

/**
 * A deployment event from a terminal status (`success`, `failure`, `error`);
 * `null` for any other status. The GitHub environment name is kept as is:
 * the dora backend decides per entity which environments are production.
 */
export function deploymentStatusToDeployment(
  input: DeploymentStatusInput,
): DeploymentEvent | null {
  const { deployment, status } = input;
  const outcome = deploymentOutcome(status.state);
  if (!outcome) return null;
  return {
    kind: 'deployment',
    source: GITHUB_SOURCE,
    id: githubDeploymentId(input.repository, deployment.id),
    entityRef: input.entityRef,
    environment: deployment.environment || status.environment || 'unknown',
    status: outcome,
    startedAt: input.startedAt ?? deployment.created_at,
    finishedAt: status.created_at,
    version: null,
    commitSha: deployment.sha || null,
    // Left to the backend, which links changes by commit SHA and merge time.
    changeIds: null,
    rollbackOf: null,
    deploymentKind: 'normal',
    url: acceptedUrl(status.target_url) ?? acceptedUrl(status.log_url),
  };
}

/** A deployment with its statuses (any order), e.g. from the REST API. */
export interface DeploymentWithStatusesInput {
  repository: string;
  entityRef: string;
  deployment: GithubDeployment;
  statuses: GithubDeploymentStatus[];
}

/**
 * A deployment event from the deployment's latest terminal status; `null`
 * while it has none (still running, or only `inactive`).
 */
export function deploymentToDeployment(
  input: DeploymentWithStatusesInput,
): DeploymentEvent | null {
  const newestFirst = [...input.statuses].sort(
    (a, b) => toMillis(b.created_at) - toMillis(a.created_at) || b.id - a.id,
  );
  const terminal = newestFirst.find(s => deploymentOutcome(s.state));
  if (!terminal) return null;
  const startedAt = earliest(
    input.statuses
      .filter(s => s.state.toLowerCase() === 'in_progress')
      .map(s => s.created_at),
  );
  return deploymentStatusToDeployment({
    repository: input.repository,
    entityRef: input.entityRef,
    deployment: input.deployment,
    status: terminal,
    startedAt,
  });
}
