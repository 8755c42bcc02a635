import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PATHS,
} from '@dora-metrics/plugin-dora-common';
import { findEntitiesByAnnotation } from '@dora-metrics/plugin-dora-node';
import {
  RepositoryTarget,
  claimsPaths,
  targetEntity,
} from '../collector/repositoryTargets';

export type RepositoryEntitiesResult =
  { target: RepositoryTarget } | { target?: undefined; reason: string };

/**
 * The catalog entities whose `github.com/project-slug` names the repository
 * (the catalog compares case-insensitively), as the collector groups them:
 * one entity, or several of which some claim paths (`dora/paths`). None, or
 * several without claims (their events would share ids), is no target, with
 * the reason.
 */
export class RepositoryEntities {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async find(repository: string): Promise<RepositoryEntitiesResult> {
    const items = await findEntitiesByAnnotation(
      this.catalog,
      { annotation: ANNOTATION_GITHUB_PROJECT_SLUG, value: repository },
      await this.auth.getOwnServiceCredentials(),
    );
    const named = `${ANNOTATION_GITHUB_PROJECT_SLUG}: ${repository}`;
    if (items.length === 0) {
      return { reason: `no catalog entity has ${named}` };
    }
    const target: RepositoryTarget = {
      repository,
      entities: items
        .map(targetEntity)
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
    };
    if (items.length > 1 && !claimsPaths(target)) {
      return {
        reason: `${items.length} catalog entities have ${named} and none claims paths with ${ANNOTATION_PATHS}`,
      };
    }
    return { target };
  }
}
