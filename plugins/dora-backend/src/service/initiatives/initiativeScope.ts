import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ParsedScorecard,
  ScorecardFilter,
  matchesFilter,
} from '@dora-metrics/plugin-dora-common';
import { GroupTree } from '../GroupTree';
import { lowerRef } from '../scorecards/lowerRef';

/** The kinds a scorecard grades, lower-cased: its filter's, else the configured ones. */
export function gradedKinds(
  scorecard: ParsedScorecard,
  defaultKinds: string[],
): string[] {
  return (scorecard.filter.kinds ?? defaultKinds).map(lowerRef);
}

/**
 * The entities an initiative is about now: those its scorecard grades (the
 * scorecard's filter) that also match the initiative's scope. Owners in
 * either filter include their subtrees, through the catalog's group tree.
 * Lower-cased refs, in the entities' order.
 */
export function entitiesInScope(options: {
  entities: Entity[];
  tree: GroupTree;
  scorecard: ParsedScorecard;
  scope: ScorecardFilter;
  defaultKinds: string[];
}): string[] {
  const { entities, tree, scorecard, scope, defaultKinds } = options;
  const graded = {
    ...scorecard.filter,
    kinds: gradedKinds(scorecard, defaultKinds),
  };
  const refs: string[] = [];
  for (const entity of entities) {
    const owners = tree.ownerChain(entity).map(link => link.groupRef);
    if (
      matchesFilter(graded, entity, owners) &&
      matchesFilter(scope, entity, owners)
    ) {
      refs.push(lowerRef(stringifyEntityRef(entity)));
    }
  }
  return refs;
}
