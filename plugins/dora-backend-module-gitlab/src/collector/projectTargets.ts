import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITLAB_PROJECT_ID,
  ANNOTATION_GITLAB_PROJECT_SLUG,
  ANNOTATION_PATHS,
  RepositoryEntity,
  parseClaimedPaths,
} from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';

/** One GitLab project to collect and the entities that share it. */
export interface ProjectTarget {
  /** How the API names it: the URL-encoded path, or the numeric id. */
  apiRef: string;
  /** As written in the annotation, for logs. */
  label: string;
  /** Every entity of the project with the paths it claims (monorepos). */
  entities: RepositoryEntity[];
  /**
   * The entity its deployments belong to: the one without `dora/paths`
   * (when exactly one); deployments of a project shared without one are not read.
   */
  deploymentEntity?: { entityRef: string; annotations: Record<string, string> };
}

const SLUG = /^[\w.-]+(\/[\w.-]+)+$/;

/** The project an entity names, by slug (preferred) or id; undefined when neither is valid. */
export function projectKeyOf(
  entity: Entity,
): { key: string; apiRef: string; label: string } | string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const slug = annotations[ANNOTATION_GITLAB_PROJECT_SLUG]?.trim();
  if (slug !== undefined) {
    if (!SLUG.test(slug)) {
      return `has ${ANNOTATION_GITLAB_PROJECT_SLUG} "${slug}", which is not group/project`;
    }
    return {
      key: slug.toLocaleLowerCase('en-US'),
      apiRef: encodeURIComponent(slug),
      label: slug,
    };
  }
  const id = annotations[ANNOTATION_GITLAB_PROJECT_ID]?.trim();
  if (id !== undefined) {
    if (!/^\d+$/.test(id)) {
      return `has ${ANNOTATION_GITLAB_PROJECT_ID} "${id}", which is not a number`;
    }
    return { key: `id:${id}`, apiRef: id, label: `project ${id}` };
  }
  return undefined;
}

/**
 * The entities with `gitlab.com/project-slug` or `gitlab.com/project-id`,
 * grouped by project. Several entities may share a project when they claim
 * paths (`dora/paths`); several without claims are refused (their changes
 * would have no owner to go to) with a warning. An entity naming its
 * project by id and another by slug are two projects here: name a shared
 * project the same way on every entity.
 */
export async function findProjectTargets(deps: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Promise<ProjectTarget[]> {
  const credentials = await deps.auth.getOwnServiceCredentials();
  const found = [
    ...(await findEntitiesByAnnotation(
      deps.catalog,
      { annotation: ANNOTATION_GITLAB_PROJECT_SLUG },
      credentials,
    )),
    ...(await findEntitiesByAnnotation(
      deps.catalog,
      { annotation: ANNOTATION_GITLAB_PROJECT_ID },
      credentials,
    )),
  ];
  const seen = new Set<string>();
  const byProject = new Map<
    string,
    { apiRef: string; label: string; entities: Entity[] }
  >();
  for (const entity of found) {
    const ref = lowerCaseEntityRef(entity);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const project = projectKeyOf(entity);
    if (project === undefined) continue;
    if (typeof project === 'string') {
      deps.logger.warn(`GitLab: ${ref} ${project}; skipped`);
      continue;
    }
    const group = byProject.get(project.key) ?? { ...project, entities: [] };
    group.entities.push(entity);
    byProject.set(project.key, group);
  }

  const targets: ProjectTarget[] = [];
  for (const { apiRef, label, entities } of byProject.values()) {
    const members = entities.map(entity => ({
      entityRef: lowerCaseEntityRef(entity),
      paths: parseClaimedPaths(entity.metadata.annotations?.[ANNOTATION_PATHS]),
      annotations: entity.metadata.annotations ?? {},
    }));
    const defaults = members.filter(m => m.paths === null);
    if (defaults.length > 1) {
      deps.logger.warn(
        `GitLab: ${label} is the project of ${defaults.length} entities without ${ANNOTATION_PATHS} (${defaults.map(d => d.entityRef).join(', ')}); skipped, give it to one entity or claim paths`,
      );
      continue;
    }
    targets.push({
      apiRef,
      label,
      entities: members.map(({ entityRef, paths }) => ({ entityRef, paths })),
      deploymentEntity: defaults[0]
        ? {
            entityRef: defaults[0].entityRef,
            annotations: defaults[0].annotations,
          }
        : undefined,
    });
  }
  return targets.sort((a, b) => a.label.localeCompare(b.label));
}
