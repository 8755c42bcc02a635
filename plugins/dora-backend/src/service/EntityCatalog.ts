import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_GITLAB_PROJECT_SLUG,
  ANNOTATION_PATHS,
  RepositoryEntity,
  parseClaimedPaths,
} from '@dora-metrics/plugin-dora-common';
import {
  findEntitiesByAnnotation,
  lowerCaseEntityRef,
} from '@dora-metrics/plugin-dora-node';
import { GroupTree } from './GroupTree';

/** Entity refs are compared and stored lower-cased, as the catalog compares them. */
export function normalizeEntityRef(ref: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `"${ref}" is not an entity ref such as component:default/payments-api`,
    );
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/** The catalog lookups the dora plugin needs, on behalf of the caller. */
export class EntityCatalog {
  constructor(private readonly catalog: CatalogService) {}

  /** The entity, or a NotFoundError naming the ref. */
  async getEntity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.catalog.getEntityByRef(normalizeEntityRef(ref), {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return entity;
  }

  /** The entities of the given (lower-cased) refs that the catalog has, by ref. */
  async entitiesByRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        // Relations and owner: settings inherit from the owner's groups.
        fields: ['kind', 'metadata', 'relations', 'spec.owner'],
      },
      { credentials },
    );
    const found = new Map<string, Entity>();
    for (const entity of items) {
      if (entity) {
        found.set(lowerCaseEntityRef(entity), entity);
      }
    }
    return found;
  }

  /** Refs of the entities whose annotation has the value (case-insensitive). */
  async findByAnnotation(
    annotation: string,
    value: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const items = await findEntitiesByAnnotation(
      this.catalog,
      { annotation, value },
      credentials,
    );
    return items.map(lowerCaseEntityRef);
  }

  /**
   * The entities of a repository (its GitHub or GitLab project slug,
   * case-insensitive) and the paths each claims (`dora/paths`), by ref.
   */
  async repositoryEntities(
    repository: string,
    credentials: BackstageCredentials,
  ): Promise<RepositoryEntity[]> {
    const found = new Map<string, RepositoryEntity>();
    for (const annotation of [
      ANNOTATION_GITHUB_PROJECT_SLUG,
      ANNOTATION_GITLAB_PROJECT_SLUG,
    ]) {
      const items = await findEntitiesByAnnotation(
        this.catalog,
        { annotation, value: repository },
        credentials,
      );
      for (const entity of items) {
        const entityRef = lowerCaseEntityRef(entity);
        const paths = parseClaimedPaths(
          entity.metadata.annotations?.[ANNOTATION_PATHS],
        );
        found.set(entityRef, { entityRef, paths });
      }
    }
    return [...found.values()].sort((a, b) =>
      a.entityRef.localeCompare(b.entityRef),
    );
  }

  /** Every Group of the catalog, with relations and annotations. */
  async groupTree(credentials: BackstageCredentials): Promise<GroupTree> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata',
          'relations',
          'spec.type',
          'spec.profile.displayName',
        ],
      },
      { credentials },
    );
    return new GroupTree(items);
  }

  /** Every entity of the given kinds. */
  async entitiesOfKinds(
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      { filter: kinds.map(kind => ({ kind })) },
      { credentials },
    );
    return items;
  }

  /**
   * For each group asked (lower-cased refs of the tree), the entities of the
   * given kinds that it or a group below it owns: the same entities, in the
   * same order, as {@link teamEntities} gives, from one catalog read.
   */
  async entitiesOfTeams(
    tree: GroupTree,
    groupRefs: string[],
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity[]>> {
    const below = new Map(groupRefs.map(ref => [ref, tree.descendants(ref)]));
    const owners = [...new Set([...below.values()].flat())];
    const teams = new Map<string, Entity[]>(groupRefs.map(ref => [ref, []]));
    if (owners.length === 0) return teams;
    const entities = await this.ownedEntities(owners, kinds, credentials);
    for (const [ref, groups] of below) {
      const inTeam = new Set(groups);
      teams.set(
        ref,
        entities.filter(e =>
          (e.relations ?? []).some(
            r =>
              r.type === RELATION_OWNED_BY &&
              inTeam.has(r.targetRef.toLocaleLowerCase('en-US')),
          ),
        ),
      );
    }
    return teams;
  }

  /**
   * The group and every group below it (through `parentOf` relations), and
   * the entities of the given kinds that any of them owns.
   */
  async teamEntities(
    groupRef: string,
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<{
    group: Entity;
    groupRefs: string[];
    entities: Entity[];
    tree: GroupTree;
  }> {
    const group = await this.getEntity(groupRef, credentials);
    if (group.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(`${groupRef} is not a Group`);
    }
    const tree = await this.groupTree(credentials);
    const groupRefs = tree.descendants(stringifyEntityRef(group));
    const entities = await this.ownedEntities(groupRefs, kinds, credentials);
    return { group, groupRefs, entities, tree };
  }

  /** The entities of the given kinds that any of the owners owns, by ref. */
  private async ownedEntities(
    owners: string[],
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const { items } = await this.catalog.getEntities(
      { filter: { 'relations.ownedBy': owners } },
      { credentials },
    );
    const wanted = new Set(kinds.map(k => k.toLocaleLowerCase('en-US')));
    return items
      .filter(e => wanted.has(e.kind.toLocaleLowerCase('en-US')))
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
  }
}
