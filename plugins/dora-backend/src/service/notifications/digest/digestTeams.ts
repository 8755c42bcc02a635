import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { GroupTree } from '../../GroupTree';

/** A team that gets a digest: an owning group and the entities it owns. */
export interface DigestTeam {
  /** As the catalog spells it (the notification's recipient, the link). */
  groupRef: string;
  title?: string;
  entities: Entity[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The groups of the catalog that own at least one of the entities (their
 * `ownedBy` relation, from `spec.owner`), each with the entities it owns
 * itself, by ref. Owners that are no group of the catalog get no digest:
 * nobody would receive it.
 */
export function digestTeams(entities: Entity[], tree: GroupTree): DigestTeam[] {
  const owned = new Map<string, Entity[]>();
  for (const entity of entities) {
    for (const relation of entity.relations ?? []) {
      if (relation.type !== RELATION_OWNED_BY) continue;
      const owner = lower(relation.targetRef);
      owned.set(owner, [...(owned.get(owner) ?? []), entity]);
    }
  }
  return [...owned.entries()]
    .flatMap(([owner, ownedEntities]) => {
      const info = tree.info(owner);
      return info
        ? [
            {
              groupRef: info.groupRef,
              title: info.title,
              entities: ownedEntities,
            },
          ]
        : [];
    })
    .sort((a, b) => lower(a.groupRef).localeCompare(lower(b.groupRef)));
}
