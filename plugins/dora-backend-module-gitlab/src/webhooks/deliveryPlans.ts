import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import { DeploymentSource, JobEnvironment, jobEnvironment } from '../config';
import {
  deploymentToDeployment,
  gitlabOutcome,
  jobToDeployment,
  mergeRequestToChange,
} from '../mapping';
import { webhookInstant } from '../mapping/webhookTimes';
import {
  DeploymentHookPayload,
  MergeRequestHookPayload,
  PipelineHookPayload,
  WebhookProject,
} from './gitlabPayloads';
import { ProjectEntity } from './ProjectEntities';

export type Mapped = { events: DoraEvent[] } | { ignore: string };

/** What a verified delivery will write, once its project's entities are known. */
export interface DeliveryPlan {
  project: WebhookProject;
  /** When the delivered object last changed (ISO), for the stale rule. */
  updatedAt: string | undefined;
  map(entities: ProjectEntity[]): Mapped;
}

export type PlanOrIgnore = DeliveryPlan | { ignore: string };
export type DeploymentSourceOf = (
  annotations: Record<string, string>,
) => DeploymentSource;

/** The entity without `dora/paths` (the project's default), when exactly one. */
function defaultEntity(entities: ProjectEntity[]): ProjectEntity | undefined {
  const defaults = entities.filter(e => e.paths === null);
  return defaults.length === 1 ? defaults[0] : undefined;
}

/**
 * `Merge Request Hook` with action `merge`: a change. The payload names
 * neither the files nor the author (`user` is whoever merged), so a
 * project whose entities claim paths is left to the collector, and the
 * fields the payload lacks stay unknown (the collector fills them).
 */
export function planMergeRequest(
  payload: MergeRequestHookPayload,
): PlanOrIgnore {
  const mr = payload.object_attributes;
  const project = payload.project;
  if (!mr || !project?.path_with_namespace) {
    return {
      ignore: 'merge request hook without object_attributes or project',
    };
  }
  if (mr.action !== 'merge' && mr.state !== 'merged') {
    return {
      ignore: `merge request "${mr.action ?? mr.state}" is not a merge`,
    };
  }
  const updatedAt = webhookInstant(mr.updated_at);
  return {
    project,
    updatedAt,
    map: entities => {
      if (entities.some(e => e.paths !== null)) {
        return {
          ignore: `${project.path_with_namespace} is shared by entities that claim paths; the collector attributes its changes by the files they touched`,
        };
      }
      const owner = defaultEntity(entities);
      if (!owner) return { ignore: noOwner(project, entities) };
      const change = mergeRequestToChange({
        project: project.path_with_namespace,
        entityRef: owner.entityRef,
        mergeRequest: {
          iid: mr.iid,
          title: mr.title,
          state: 'merged',
          created_at: webhookInstant(mr.created_at) ?? mr.created_at,
          updated_at: updatedAt ?? mr.updated_at,
          merged_at: webhookInstant(mr.merged_at) ?? updatedAt,
          merge_commit_sha: mr.merge_commit_sha,
          squash_commit_sha: mr.squash_commit_sha,
          labels: (payload.labels ?? []).map(l => l.title),
          author: null,
          web_url: mr.url,
        },
      });
      return change ? { events: [change] } : { ignore: 'not merged' };
    },
  };
}

function noOwner(project: WebhookProject, entities: ProjectEntity[]) {
  return entities.length === 0
    ? `no catalog entity names the GitLab project ${project.path_with_namespace} (id ${project.id})`
    : `${project.path_with_namespace} has no single entity without dora/paths to own it`;
}

/** The full commit SHA at the end of a deployment hook's `commit_url`. */
function shaOf(commitUrl: string | undefined): string | null {
  return /\/([0-9a-f]{40})$/i.exec(commitUrl ?? '')?.[1] ?? null;
}

/** `Deployment Hook`: a finished deployment of the project's default entity. */
export function planDeployment(
  payload: DeploymentHookPayload,
  deploymentSourceOf: DeploymentSourceOf,
): PlanOrIgnore {
  const project = payload.project;
  if (!project?.path_with_namespace || payload.deployment_id === undefined) {
    return { ignore: 'deployment hook without project or deployment_id' };
  }
  if (!gitlabOutcome(payload.status ?? '')) {
    return {
      ignore: `deployment status "${payload.status}" is not an outcome`,
    };
  }
  const finishedAt = webhookInstant(payload.status_changed_at);
  return {
    project,
    updatedAt: finishedAt,
    map: entities => {
      const owner = defaultEntity(entities);
      if (!owner) return { ignore: noOwner(project, entities) };
      const source = deploymentSourceOf(owner.annotations);
      if (source.kind !== 'deployments') {
        return {
          ignore: `${owner.entityRef} takes its deployments from the job ${source.job.text}`,
        };
      }
      const event = deploymentToDeployment({
        project: project.path_with_namespace,
        entityRef: owner.entityRef,
        deployment: {
          id: payload.deployment_id!,
          status: payload.status!,
          sha: shaOf(payload.commit_url),
          ref: payload.ref ?? null,
          created_at: finishedAt!,
          updated_at: finishedAt!,
          finished_at: finishedAt,
          environment: payload.environment
            ? { name: payload.environment }
            : null,
          deployable: payload.deployable_url
            ? {
                id: payload.deployable_id ?? 0,
                name: '',
                status: payload.status!,
                web_url: payload.deployable_url,
              }
            : null,
        },
      });
      return event
        ? { events: [event] }
        : { ignore: 'deployment without environment' };
    },
  };
}

/** `Pipeline Hook` of a finished pipeline: its deployment jobs, for entities that use one. */
export function planPipeline(
  payload: PipelineHookPayload,
  deploymentSourceOf: DeploymentSourceOf,
  jobEnvironments: readonly JobEnvironment[],
): PlanOrIgnore {
  const pipeline = payload.object_attributes;
  const project = payload.project;
  if (!pipeline || !project?.path_with_namespace) {
    return { ignore: 'pipeline hook without object_attributes or project' };
  }
  if (!gitlabOutcome(pipeline.status)) {
    return { ignore: `pipeline status "${pipeline.status}" is not finished` };
  }
  const finishedAt = webhookInstant(pipeline.finished_at);
  return {
    project,
    updatedAt: finishedAt,
    map: entities => {
      const owner = defaultEntity(entities);
      if (!owner) return { ignore: noOwner(project, entities) };
      const source = deploymentSourceOf(owner.annotations);
      if (source.kind !== 'job') {
        return {
          ignore: `${owner.entityRef} takes its deployments from GitLab deployments`,
        };
      }
      // A retried job appears once per attempt: the last attempt counts.
      const lastAttempt = new Map<
        string,
        NonNullable<PipelineHookPayload['builds']>[number]
      >();
      for (const build of payload.builds ?? []) {
        if (!source.job.matches(build.name)) continue;
        const seen = lastAttempt.get(build.name);
        if (!seen || build.id > seen.id) lastAttempt.set(build.name, build);
      }
      const events: DoraEvent[] = [];
      for (const build of lastAttempt.values()) {
        const event = jobToDeployment({
          project: project.path_with_namespace,
          entityRef: owner.entityRef,
          pipelineId: pipeline.id,
          job: {
            id: build.id,
            name: build.name,
            status: build.status,
            started_at: webhookInstant(build.started_at) ?? null,
            finished_at: webhookInstant(build.finished_at) ?? null,
            ref: pipeline.ref ?? null,
            web_url: project.web_url
              ? `${project.web_url}/-/jobs/${build.id}`
              : null,
          },
          environment: jobEnvironment(build.name, jobEnvironments),
          sha: pipeline.sha,
          fallbackFinishedAt: finishedAt,
        });
        if (event) events.push(event);
      }
      return events.length
        ? { events }
        : {
            ignore: `no finished job matching ${source.job.text} in pipeline ${pipeline.id}`,
          };
    },
  };
}
