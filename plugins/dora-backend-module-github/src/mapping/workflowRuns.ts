import {
  DeploymentEvent,
  DeploymentStatus,
  acceptedUrl,
} from '@dora-metrics/plugin-dora-common';
import { GithubWorkflowRun } from './githubTypes';
import { GITHUB_SOURCE, workflowRunDeploymentId } from './ids';

/**
 * What a completed run's conclusion means for DORA: `success` is a success;
 * `failure`, `timed_out` and `startup_failure` are failures; `cancelled` is
 * aborted. `skipped`, `neutral`, `action_required` and `stale` runs did not
 * try to deploy: `undefined`, no event.
 */
export function workflowRunOutcome(
  conclusion: string | null,
): DeploymentStatus | undefined {
  switch ((conclusion ?? '').toLowerCase()) {
    case 'success':
      return 'success';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'failure';
    case 'cancelled':
      return 'aborted';
    default:
      return undefined;
  }
}

export interface WorkflowRunInput {
  /** `owner/repo`. */
  repository: string;
  /** The catalog entity the deployment belongs to. */
  entityRef: string;
  run: GithubWorkflowRun;
  /** The environment the workflow deploys to, e.g. `production`. */
  environment: string;
}

/**
 * A completed run of the deployment workflow as a deployment event; `null`
 * while it runs or when its conclusion is not an outcome. All attempts of a
 * run share one id, so a re-run replaces the earlier attempt.
 */
export function workflowRunToDeployment(
  input: WorkflowRunInput,
): DeploymentEvent | null {
  const { run } = input;
  if (run.status !== 'completed') return null;
  const outcome = workflowRunOutcome(run.conclusion);
  if (!outcome) return null;
  return {
    kind: 'deployment',
    source: GITHUB_SOURCE,
    id: workflowRunDeploymentId(input.repository, run.id),
    entityRef: input.entityRef,
    environment: input.environment,
    status: outcome,
    startedAt: run.run_started_at ?? run.created_at,
    // A completed run is last updated when it completes.
    finishedAt: run.updated_at,
    version: null,
    commitSha: run.head_sha || null,
    changeIds: null,
    rollbackOf: null,
    deploymentKind: 'normal',
    url: acceptedUrl(run.html_url),
  };
}
