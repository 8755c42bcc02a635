import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_GITHUB_PROJECT_SLUG } from '@dora-metrics/plugin-dora-common';

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
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_GITHUB_PROJECT_SLUG}`]:
            repository,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const named = `${ANNOTATION_GITHUB_PROJECT_SLUG}: ${repository}`;
    if (items.length === 1) {
      return {
        entityRef: stringifyEntityRef(items[0]).toLocaleLowerCase('en-US'),
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
