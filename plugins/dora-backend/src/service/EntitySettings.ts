import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DoraSettings,
  ExclusionRules,
  NO_EXCLUSIONS,
  ResolvedSettings,
  exclusionsOf,
  resolveSettings,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from './EntityCatalog';
import { GroupLink, GroupTree } from './GroupTree';

/**
 * The groups above an entity, nearest first: the owner (its ownedBy
 * relation, else spec.owner) and the owner's parents up to the root.
 */
export function ownerGroups(entity: Entity, tree: GroupTree): GroupLink[] {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return tree.chainUp(relation.targetRef);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return tree.chainUp(stringifyEntityRef(ref));
  } catch {
    return [];
  }
}

function sameRules(a: ExclusionRules, b: ExclusionRules): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An entity's settings: config defaults, then the exclusion annotations of
 * the groups above it from the root down, then its own annotations. The
 * nearest wins per kind of rule (`none` empties one). Problems of a group's
 * annotations are reported with the group's ref.
 */
export function resolveEntitySettings(
  entity: Entity | undefined,
  tree: GroupTree,
  defaults: DoraSettings,
): ResolvedSettings {
  const base = defaults.exclusions ?? NO_EXCLUSIONS;
  let rules = base;
  const problems: string[] = [];
  const chain = entity ? ownerGroups(entity, tree) : [];
  for (const group of [...chain].reverse()) {
    const applied = exclusionsOf(group.annotations, rules);
    rules = applied.rules;
    const shown = tree.info(group.groupRef)?.groupRef ?? group.groupRef;
    problems.push(...applied.problems.map(p => `${shown}: ${p}`));
  }
  // Rules equal to the defaults keep the defaults' shape, so the settings
  // key (and the facts built with it) stays the same.
  const inherited = sameRules(rules, base)
    ? defaults
    : { ...defaults, exclusions: rules };
  const own = resolveSettings(entity?.metadata.annotations, inherited);
  return { settings: own.settings, problems: [...problems, ...own.problems] };
}

/**
 * Resolves settings for the facts service and the metrics: the one place
 * where defaults, group annotations and entity annotations meet.
 */
export class EntitySettings {
  constructor(
    private readonly catalog: EntityCatalog,
    private readonly defaults: DoraSettings,
  ) {}

  /** One entity's settings under the given group tree. */
  resolve(entity: Entity | undefined, tree: GroupTree): ResolvedSettings {
    return resolveEntitySettings(entity, tree, this.defaults);
  }

  /**
   * The settings of a batch of (lower-cased) refs, from one read of the
   * entities and one of the group tree; defaults for refs the catalog lacks.
   */
  async ofRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, DoraSettings>> {
    const [entities, tree] = await Promise.all([
      this.catalog.entitiesByRefs(refs, credentials),
      this.catalog.groupTree(credentials),
    ]);
    return new Map(
      refs.map(ref => [ref, this.resolve(entities.get(ref), tree).settings]),
    );
  }
}
