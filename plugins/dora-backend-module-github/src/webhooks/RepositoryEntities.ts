import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_GITHUB_PROJECT_SLUG } from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';

export type RepositoryEntity =
  | { entityRef: string; annotations: Record<string, string> }
  | { entityRef?: undefined; reason: string };

/**
 * The one catalog entity whose `github.com/project-slug` names the
 * repository (the catalog compares case-insensitively). None, or several
 * (their events would share ids), is no entity, with the reason.
 */
export class RepositoryEntities {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async find(repository: string): Promise<RepositoryEntity> {
    const items = await findEntitiesByAnnotation(
      this.catalog,
      { annotation: ANNOTATION_GITHUB_PROJECT_SLUG, value: repository },
      await this.auth.getOwnServiceCredentials(),
    );
    const named = `${ANNOTATION_GITHUB_PROJECT_SLUG}: ${repository}`;
    if (items.length === 1) {
      return {
        entityRef: lowerCaseEntityRef(items[0]),
        annotations: items[0].metadata.annotations ?? {},
      };
    }
    return {
      reason:
        items.length === 0
          ? `no catalog entity has ${named}`
          : `${items.length} catalog entities have ${named}`,
    };
  }
}
