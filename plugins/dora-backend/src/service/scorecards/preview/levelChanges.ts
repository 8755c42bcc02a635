import { PreviewLevelChange } from '@dora-metrics/plugin-dora-common';
import { GradedEntity } from './WeeklyGrading';

/**
 * Entities whose level under the draft differs from the saved version's at
 * the same instant. `up`/`down` by the draft's level order (no level, or a
 * level the draft no longer has, ranks below its lowest); `new` when the
 * saved version does not grade the entity (or there is none), `gone` when
 * the draft no longer does. Sorted by entity ref.
 */
export function levelChanges(
  draftLevels: readonly string[],
  draft: readonly GradedEntity[],
  saved: readonly GradedEntity[] | undefined,
): PreviewLevelChange[] {
  const rank = (level: string | null) =>
    level === null ? -1 : draftLevels.indexOf(level);
  const before = new Map((saved ?? []).map(s => [s.entityRef, s.result.level]));
  const after = new Map(draft.map(d => [d.entityRef, d.result.level]));
  const changes: PreviewLevelChange[] = [];
  for (const [entityRef, level] of after) {
    if (!before.has(entityRef)) {
      changes.push({
        entityRef,
        current: null,
        draft: level,
        direction: 'new',
      });
      continue;
    }
    const current = before.get(entityRef)!;
    if (current === level) continue;
    changes.push({
      entityRef,
      current,
      draft: level,
      direction: rank(level) > rank(current) ? 'up' : 'down',
    });
  }
  for (const [entityRef, current] of before) {
    if (!after.has(entityRef)) {
      changes.push({ entityRef, current, draft: null, direction: 'gone' });
    }
  }
  return changes.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
