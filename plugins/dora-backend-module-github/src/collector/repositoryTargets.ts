import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PATHS,
  parseClaimedPaths,
} from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';
import { normalizeRepository } from '../mapping/ids';

/** One entity of a repository. */
export interface TargetEntity {
  entityRef: string;
  annotations: Record<string, string>;
  /** Its `dora/paths` claims; null when it claims none (the default entity). */
  paths: string[] | null;
}

/** One repository to collect, and the entities its events belong to. */
export interface RepositoryTarget {
  /** `owner/repo` as written in the annotation. */
  repository: string;
  /** Sorted by entity ref; several only when some claim paths (a monorepo). */
  entities: TargetEntity[];
}

/** Whether some entity of the repository claims paths (changes are attributed by files). */
export function claimsPaths(target: RepositoryTarget): boolean {
  return target.entities.some(e => e.paths !== null);
}

const SLUG = /^[\w.-]+\/[\w.-]+$/;

export function targetEntity(entity: Entity): TargetEntity {
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef: lowerCaseEntityRef(entity),
    annotations,
    paths: parseClaimedPaths(annotations[ANNOTATION_PATHS]),
  };
}

/**
 * The entities with `github.com/project-slug`, one target per repository.
 * Several entities may share a repository when some of them claim paths
 * (`dora/paths`): changes go to the entities whose paths they touched.
 * Several entities sharing one without any claim are skipped with a
 * warning: nothing tells their events apart.
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
    const target: RepositoryTarget = {
      repository:
        entities[0].metadata.annotations![
          ANNOTATION_GITHUB_PROJECT_SLUG
        ].trim(),
      entities: entities
        .map(targetEntity)
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
    };
    if (entities.length > 1 && !claimsPaths(target)) {
      const refs = target.entities.map(e => e.entityRef);
      deps.logger.warn(
        `GitHub: ${repository} is the ${ANNOTATION_GITHUB_PROJECT_SLUG} of ${refs.length} entities (${refs.join(', ')}) and none claims paths with ${ANNOTATION_PATHS}; skipped, give it to one entity or claim paths`,
      );
      continue;
    }
    targets.push(target);
  }
  return targets.sort((a, b) => a.repository.localeCompare(b.repository));
}
