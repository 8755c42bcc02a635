import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITLAB_PROJECT_ID,
  ANNOTATION_GITLAB_PROJECT_SLUG,
  ANNOTATION_PATHS,
  parseClaimedPaths,
} from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';
import { WebhookProject } from './gitlabPayloads';

export interface ProjectEntity {
  entityRef: string;
  annotations: Record<string, string>;
  /** `dora/paths`, null when the entity claims none. */
  paths: string[] | null;
}

/** The catalog entities naming a project by slug or by id. */
export class ProjectEntities {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async find(project: WebhookProject): Promise<ProjectEntity[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const bySlug = await findEntitiesByAnnotation(
      this.catalog,
      {
        annotation: ANNOTATION_GITLAB_PROJECT_SLUG,
        value: project.path_with_namespace,
      },
      credentials,
    );
    const byId = await findEntitiesByAnnotation(
      this.catalog,
      { annotation: ANNOTATION_GITLAB_PROJECT_ID, value: String(project.id) },
      credentials,
    );
    const unique = new Map<string, ProjectEntity>();
    for (const entity of [...bySlug, ...byId]) {
      const annotations = entity.metadata.annotations ?? {};
      unique.set(lowerCaseEntityRef(entity), {
        entityRef: lowerCaseEntityRef(entity),
        annotations,
        paths: parseClaimedPaths(annotations[ANNOTATION_PATHS]),
      });
    }
    return [...unique.values()];
  }
}
