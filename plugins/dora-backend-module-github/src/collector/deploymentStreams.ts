import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_GITHUB_DEPLOYMENT_WORKFLOW,
  DeploymentSource,
  GithubCollectorConfig,
  deploymentSourceFor,
} from '../config';
import { RepositoryTarget, TargetEntity } from './repositoryTargets';

/** Where the deployments of one entity of a repository come from. */
export interface DeploymentStream {
  entity: TargetEntity;
  source: DeploymentSource;
}

function ownWorkflow(entity: TargetEntity): string | undefined {
  const named = entity.annotations[ANNOTATION_GITHUB_DEPLOYMENT_WORKFLOW];
  const workflow = named?.trim();
  return workflow && workflow.toLowerCase() !== 'none' ? workflow : undefined;
}

/**
 * The deployment streams of a repository. One entity: its own source, as
 * before. Shared (a monorepo): the default entity (no `dora/paths`) takes
 * the GitHub deployments or the configured workflow; an entity that names
 * its own workflow (`dora/github-deployment-workflow`) takes that
 * workflow's runs. A workflow already taken is skipped with a warning.
 */
export function deploymentStreams(
  target: RepositoryTarget,
  config: GithubCollectorConfig,
  logger?: LoggerService,
): DeploymentStream[] {
  const [only, ...others] = target.entities;
  if (others.length === 0) {
    return [
      { entity: only, source: deploymentSourceFor(only.annotations, config) },
    ];
  }
  const streams: DeploymentStream[] = [];
  const takenBy = new Map<string, string>();
  const take = (entity: TargetEntity, source: DeploymentSource) => {
    const key =
      source.kind === 'workflow'
        ? `runs:${source.workflow.toLocaleLowerCase('en-US')}`
        : 'deployments';
    const owner = takenBy.get(key);
    if (owner) {
      logger?.warn(
        `GitHub: ${target.repository} ${key} is already the deployments of ${owner}; not also of ${entity.entityRef}`,
      );
      return;
    }
    takenBy.set(key, entity.entityRef);
    streams.push({ entity, source });
  };
  for (const entity of target.entities.filter(e => e.paths === null)) {
    take(entity, deploymentSourceFor(entity.annotations, config));
  }
  for (const entity of target.entities.filter(e => e.paths !== null)) {
    if (ownWorkflow(entity)) {
      take(entity, deploymentSourceFor(entity.annotations, config));
    }
  }
  return streams;
}
