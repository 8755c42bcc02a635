import { ScorecardFilter } from './types';

/** The parts of a catalog entity a scorecard filter looks at. */
export interface FilterableEntity {
  kind: string;
  spec?: { type?: unknown; lifecycle?: unknown; owner?: unknown };
  metadata: { tags?: string[] };
}

/**
 * A lower-case full entity ref, `group` and `default` filled in when left
 * out: `Team-A` → `group:default/team-a`, `group:ops/sre` stays itself.
 */
export function normalizeGroupRef(ref: string): string {
  const text = ref.trim().toLowerCase();
  const colon = text.indexOf(':');
  const kind = colon === -1 ? 'group' : text.slice(0, colon);
  const rest = colon === -1 ? text : text.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash === -1 ? 'default' : rest.slice(0, slash);
  const name = slash === -1 ? rest : rest.slice(slash + 1);
  return `${kind}:${namespace}/${name}`;
}

function given(list: string[] | undefined): list is string[] {
  return list !== undefined && list.length > 0;
}

function oneOf(list: string[], value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const wanted = value.toLowerCase();
  return list.some(item => item.toLowerCase() === wanted);
}

/**
 * Whether a scorecard grades an entity: every criterion the filter gives must
 * hold. Kinds, `spec.type` and `spec.lifecycle` compare case-insensitively;
 * tags match when the entity carries any of them. Owners match when one of
 * the filter's groups is the entity's owner or one of its owner's ancestors:
 * the caller resolves the catalog's group tree and passes the owner's ref and
 * its ancestors' (`spec.owner` itself is always considered too).
 */
export function matchesFilter(
  filter: ScorecardFilter | undefined,
  entity: FilterableEntity,
  ownerGroupRefsWithAncestors: string[],
): boolean {
  if (!filter) return true;
  if (given(filter.kinds) && !oneOf(filter.kinds, entity.kind)) return false;
  if (given(filter.types) && !oneOf(filter.types, entity.spec?.type)) {
    return false;
  }
  if (
    given(filter.lifecycles) &&
    !oneOf(filter.lifecycles, entity.spec?.lifecycle)
  ) {
    return false;
  }
  if (given(filter.tags)) {
    const tags = entity.metadata.tags ?? [];
    if (!tags.some(tag => oneOf(filter.tags!, tag))) return false;
  }
  if (given(filter.owners)) {
    const owners = new Set(ownerGroupRefsWithAncestors.map(normalizeGroupRef));
    const owner = entity.spec?.owner;
    if (typeof owner === 'string' && owner.trim()) {
      owners.add(normalizeGroupRef(owner));
    }
    if (!filter.owners.some(ref => owners.has(normalizeGroupRef(ref)))) {
      return false;
    }
  }
  return true;
}
