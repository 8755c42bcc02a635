import { ChangeEvent, attributeChange } from '@dora-metrics/plugin-dora-common';
import { TargetEntity } from './repositoryTargets';

/**
 * One copy of the change per entity it belongs to (same source and id,
 * each with its entityRef): the entities whose `dora/paths` it touched,
 * else the repository's default entity. Empty when it belongs to none.
 */
export function attributeToEntities(
  change: ChangeEvent,
  entities: readonly TargetEntity[],
): ChangeEvent[] {
  const { entityRefs } = attributeChange(change.paths, entities);
  return entityRefs.map(entityRef => ({ ...change, entityRef }));
}
