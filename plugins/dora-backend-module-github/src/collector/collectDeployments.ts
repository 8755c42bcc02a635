import { DeploymentEvent } from '@dora-metrics/plugin-dora-common';
import { GithubClient } from '../client/GithubClient';
import {
  GithubDeployment,
  GithubDeploymentStatus,
  deploymentToDeployment,
} from '../mapping';
import { StreamResult } from './collectPullRequests';
import { CreatedCursor } from './createdCursor';
import { listSince } from './listSince';

export interface CreatedStreamTarget {
  client: GithubClient;
  repository: string;
  entityRef: string;
  /** Deployments or runs created before this instant are not read. */
  since: string;
  now: number;
}

/** GitHub deployments created since the cursor (newest first), with their statuses. */
export async function collectDeployments(
  target: CreatedStreamTarget,
): Promise<StreamResult<DeploymentEvent>> {
  const { client, repository } = target;
  const cursor = new CreatedCursor(target.since);
  const deployments = await listSince(
    client.pages<GithubDeployment[]>(`repos/${repository}/deployments`, {
      per_page: 100,
    }),
    deployment => deployment.created_at,
    target.since,
  );

  const events: DeploymentEvent[] = [];
  for (const deployment of deployments) {
    cursor.seen(deployment.created_at);
    const statuses = await client.getAll<GithubDeploymentStatus>(
      `repos/${repository}/deployments/${deployment.id}/statuses`,
    );
    const event = deploymentToDeployment({
      repository,
      entityRef: target.entityRef,
      deployment,
      statuses,
    });
    if (event) events.push(event);
    else cursor.pending(deployment.created_at, target.now);
  }
  return { events, cursor: cursor.value };
}
