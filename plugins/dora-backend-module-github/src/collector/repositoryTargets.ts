import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_GITHUB_PROJECT_SLUG } from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';
import { normalizeRepository } from '../mapping/ids';

/** One repository to collect, and the entity its events belong to. */
export interface RepositoryTarget {
  /** `owner/repo` as written in the annotation. */
  repository: string;
  entityRef: string;
  annotations: Record<string, string>;
}

const SLUG = /^[\w.-]+\/[\w.-]+$/;

/**
 * The entities with `github.com/project-slug`, one target per repository.
 * A repository named by several entities is skipped with a warning: its
 * events would have ids shared between the entities, so one would silently
 * take the others' history.
 */
export async function findRepositoryTargets(deps: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<RepositoryTarget[]> {
  const items = await findEntitiesByAnnotation(
    deps.catalog,
    { annotation: ANNOTATION_GITHUB_PROJECT_SLUG },
    await deps.auth.getOwnServiceCredentials(),
  );

  const byRepository = new Map<string, Entity[]>();
  for (const entity of items) {
    const slug = entity.metadata.annotations?.[ANNOTATION_GITHUB_PROJECT_SLUG];
    if (!slug || !SLUG.test(slug.trim())) {
      deps.logger.warn(
        `GitHub: ${stringifyEntityRef(entity)} has ${ANNOTATION_GITHUB_PROJECT_SLUG} "${slug}", which is not owner/repo; skipped`,
      );
      continue;
    }
    const key = normalizeRepository(slug);
    byRepository.set(key, [...(byRepository.get(key) ?? []), entity]);
  }

  const targets: RepositoryTarget[] = [];
  for (const [repository, entities] of byRepository) {
    const refs = entities.map(lowerCaseEntityRef);
    if (entities.length > 1) {
      deps.logger.warn(
        `GitHub: ${repository} is the ${ANNOTATION_GITHUB_PROJECT_SLUG} of ${refs.length} entities (${refs.join(', ')}); skipped, give it to one entity`,
      );
      continue;
    }
    targets.push({
      repository:
        entities[0].metadata.annotations![
          ANNOTATION_GITHUB_PROJECT_SLUG
        ].trim(),
      entityRef: refs[0],
      annotations: entities[0].metadata.annotations ?? {},
    });
  }
  return targets.sort((a, b) => a.repository.localeCompare(b.repository));
}
