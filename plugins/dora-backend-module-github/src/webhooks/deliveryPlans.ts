import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import { DeploymentStream } from '../collector/deploymentStreams';
import { RepositoryTarget, claimsPaths } from '../collector/repositoryTargets';
import {
  GithubWorkflowRun,
  deploymentStatusToDeployment,
  pullRequestToChange,
  workflowRunToDeployment,
} from '../mapping';
import {
  DeploymentStatusPayload,
  PullRequestPayload,
  WorkflowRunPayload,
} from './githubPayloads';
import {
  WorkflowEnvironmentRule,
  environmentOfRun,
} from '../workflowEnvironments';

/** The repository's entities, and where each takes its deployments from. */
export interface DeliveryContext {
  target: RepositoryTarget;
  streams: DeploymentStream[];
  environmentRules: readonly WorkflowEnvironmentRule[];
}

export type Mapped = { events: DoraEvent[] } | { ignore: string };

/** What a verified delivery will write, once its repository's entity is known. */
export interface DeliveryPlan {
  repository: string;
  /** When the delivered object last changed: the stale rule reads it. */
  updatedAt: string | null | undefined;
  map(context: DeliveryContext): Mapped;
}

export type PlanOrIgnore = DeliveryPlan | { ignore: string };

/** `pull_request`: a merge (`closed` with `merged_at`) is a change; the rest is ignored. */
export function planPullRequest(payload: PullRequestPayload): PlanOrIgnore {
  const pull = payload.pull_request;
  const repository = payload.repository?.full_name;
  if (payload.action !== 'closed' || !pull?.merged_at) {
    return { ignore: `pull_request "${payload.action}" is not a merge` };
  }
  if (!repository) return { ignore: 'pull_request without repository' };
  return {
    repository,
    updatedAt: pull.closed_at ?? pull.updated_at,
    map: ({ target }) => {
      if (claimsPaths(target)) {
        return {
          ignore: `${repository} is shared by entities that claim paths; the delivery lists no files, so the collector attributes this change`,
        };
      }
      const { entityRef } = target.entities[0];
      // No commits or reviews in the delivery: those fields stay unknown and
      // the backend keeps what the collector stored for them.
      const change = pullRequestToChange({ repository, entityRef, pull });
      return change ? { events: [change] } : { ignore: 'not merged' };
    },
  };
}

/** `deployment_status`: a terminal status of an entity that uses GitHub deployments. */
export function planDeploymentStatus(
  payload: DeploymentStatusPayload,
): PlanOrIgnore {
  const { deployment, deployment_status: status } = payload;
  const repository = payload.repository?.full_name;
  if (!deployment || !status || !repository) {
    return { ignore: 'deployment_status without deployment or repository' };
  }
  return {
    repository,
    updatedAt: status.updated_at ?? status.created_at,
    map: ({ streams }) => {
      const stream = streams.find(s => s.source.kind === 'deployments');
      if (!stream) {
        return {
          ignore: `no entity of ${repository} takes its deployments from GitHub deployments`,
        };
      }
      const { entityRef } = stream.entity;
      const event = deploymentStatusToDeployment({
        repository,
        entityRef,
        deployment,
        status,
      });
      return event
        ? { events: [event] }
        : { ignore: `deployment status "${status.state}" is not an outcome` };
    },
  };
}

/** A run's workflow file, e.g. `deploy.yml` from `.github/workflows/deploy.yml@main`. */
function workflowFile(path: string | undefined): string | undefined {
  return path?.split('@')[0].split('/').pop();
}

function isWorkflow(
  workflow: string,
  run: GithubWorkflowRun & { workflow_id?: number },
  payload: WorkflowRunPayload,
): boolean {
  const wanted = workflow.toLocaleLowerCase('en-US');
  return [
    workflowFile(run.path ?? payload.workflow?.path),
    run.path,
    String(run.workflow_id ?? payload.workflow?.id ?? ''),
  ].some(name => name?.toLocaleLowerCase('en-US') === wanted);
}

/** `workflow_run` `completed`: a deployment when it is the entity's deployment workflow. */
export function planWorkflowRun(payload: WorkflowRunPayload): PlanOrIgnore {
  const run = payload.workflow_run;
  const repository = payload.repository?.full_name;
  if (payload.action !== 'completed' || !run) {
    return { ignore: `workflow_run "${payload.action}" is not completed` };
  }
  if (!repository) return { ignore: 'workflow_run without repository' };
  return {
    repository,
    updatedAt: run.updated_at,
    map: ({ streams, environmentRules }) => {
      const stream = streams.find(
        s =>
          s.source.kind === 'workflow' &&
          isWorkflow(s.source.workflow, run, payload),
      );
      if (!stream || stream.source.kind !== 'workflow') {
        return {
          ignore: `workflow ${run.path ?? run.name} is not a deployment workflow of ${repository}`,
        };
      }
      const event = workflowRunToDeployment({
        repository,
        entityRef: stream.entity.entityRef,
        run,
        environment: environmentOfRun(
          run,
          environmentRules,
          stream.source.environment,
        ),
      });
      return event
        ? { events: [event] }
        : { ignore: `conclusion "${run.conclusion}" is not an outcome` };
    },
  };
}
