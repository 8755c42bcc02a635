import { DeploymentEvent, NamePattern } from '@dora-metrics/plugin-dora-common';
import { GitlabClient } from '../client/GitlabClient';
import { JobEnvironment, jobEnvironment } from '../config';
import {
  GitlabDeployment,
  GitlabJob,
  GitlabPipeline,
  deploymentToDeployment,
  gitlabOutcome,
  jobToDeployment,
} from '../mapping';
import { StreamResult, later } from './latest';

export interface DeploymentTarget {
  client: GitlabClient;
  projectId: number;
  project: string;
  entityRef: string;
  since: string;
}

/**
 * GitLab deployments updated since the cursor. One still running is left
 * out; its finish updates it, so a later run reads it again.
 */
export async function collectDeployments(
  target: DeploymentTarget,
): Promise<StreamResult<DeploymentEvent>> {
  const deployments = await target.client.getAll<GitlabDeployment>(
    `projects/${target.projectId}/deployments`,
    { updated_after: target.since, order_by: 'updated_at', sort: 'asc' },
  );
  let cursor = target.since;
  const events: DeploymentEvent[] = [];
  for (const deployment of deployments) {
    cursor = later(cursor, deployment.updated_at);
    const event = deploymentToDeployment({ ...target, deployment });
    if (event) events.push(event);
  }
  return { events, cursor };
}

/**
 * Deployment jobs: in every finished pipeline updated since the cursor,
 * the jobs whose name matches (their last attempt), each a deployment to
 * the environment its name maps to.
 */
export async function collectJobDeployments(
  target: DeploymentTarget & {
    job: NamePattern;
    jobEnvironments: readonly JobEnvironment[];
  },
): Promise<StreamResult<DeploymentEvent>> {
  const base = `projects/${target.projectId}`;
  const pipelines = await target.client.getAll<GitlabPipeline>(
    `${base}/pipelines`,
    { updated_after: target.since, order_by: 'updated_at', sort: 'asc' },
  );
  let cursor = target.since;
  const events: DeploymentEvent[] = [];
  for (const pipeline of pipelines) {
    cursor = later(cursor, pipeline.updated_at);
    if (!gitlabOutcome(pipeline.status)) continue;
    const jobs = await target.client.getAll<GitlabJob>(
      `${base}/pipelines/${pipeline.id}/jobs`,
    );
    for (const job of jobs.filter(j => target.job.matches(j.name))) {
      const event = jobToDeployment({
        project: target.project,
        entityRef: target.entityRef,
        pipelineId: pipeline.id,
        job,
        environment: jobEnvironment(job.name, target.jobEnvironments),
        sha: pipeline.sha,
      });
      if (event) events.push(event);
    }
  }
  return { events, cursor };
}
