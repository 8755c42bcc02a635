import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A group above an entity and its annotations. */
export interface GroupLink {
  groupRef: string;
  annotations: Record<string, string>;
}

/** How a group is shown: its ref as the catalog spells it, its display name and type. */
export interface GroupInfo {
  groupRef: string;
  title?: string;
  type?: string;
}

/** The display name of a group: its profile's, else its title. */
function titleOf(group: Entity): string | undefined {
  const profile = (group.spec?.profile ?? {}) as { displayName?: unknown };
  if (typeof profile.displayName === 'string') return profile.displayName;
  return group.metadata.title;
}

/** The catalog's groups and their parent/child relations, for walking up and down. */
export class GroupTree {
  private readonly children = new Map<string, string[]>();
  private readonly parent = new Map<string, string>();
  private readonly annotations = new Map<string, Record<string, string>>();
  private readonly infos = new Map<string, GroupInfo>();

  constructor(groups: Entity[]) {
    for (const group of groups) {
      const ref = lower(stringifyEntityRef(group));
      this.annotations.set(ref, group.metadata.annotations ?? {});
      const type = group.spec?.type;
      this.infos.set(ref, {
        groupRef: stringifyEntityRef(group),
        title: titleOf(group),
        type: typeof type === 'string' ? type : undefined,
      });
      for (const relation of group.relations ?? []) {
        const target = lower(relation.targetRef);
        if (relation.type === RELATION_PARENT_OF) {
          this.children.set(ref, [...(this.children.get(ref) ?? []), target]);
          if (!this.parent.has(target)) this.parent.set(target, ref);
        } else if (relation.type === RELATION_CHILD_OF) {
          this.parent.set(ref, target);
        }
      }
    }
  }

  /** Every group, lower-cased refs, in the catalog's order. */
  all(): string[] {
    return [...this.infos.keys()];
  }

  /** The group's ref as spelled, display name and type; undefined for a group not in the tree. */
  info(groupRef: string): GroupInfo | undefined {
    return this.infos.get(lower(groupRef));
  }

  /** The lower-cased refs of the groups directly below. */
  childrenOf(groupRef: string): string[] {
    return this.children.get(lower(groupRef)) ?? [];
  }

  /** The lower-cased ref of the group directly above, if any. */
  parentOf(groupRef: string): string | undefined {
    return this.parent.get(lower(groupRef));
  }

  /** The group and every group below it, at any depth. */
  descendants(groupRef: string): string[] {
    const refs = [lower(groupRef)];
    const seen = new Set(refs);
    for (let i = 0; i < refs.length; i++) {
      for (const child of this.children.get(refs[i]) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          refs.push(child);
        }
      }
    }
    return refs;
  }

  /** The group, then its parent, and so on up to the root. */
  chainUp(groupRef: string): GroupLink[] {
    const chain: GroupLink[] = [];
    const seen = new Set<string>();
    for (
      let ref: string | undefined = lower(groupRef);
      ref && !seen.has(ref);
      ref = this.parent.get(ref)
    ) {
      seen.add(ref);
      chain.push({
        groupRef: ref,
        annotations: this.annotations.get(ref) ?? {},
      });
    }
    return chain;
  }

  /** The owner groups of an entity and all their ancestors, nearest first. */
  ownerChain(entity: Entity): GroupLink[] {
    const owner = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
    return owner ? this.chainUp(owner.targetRef) : [];
  }
}
