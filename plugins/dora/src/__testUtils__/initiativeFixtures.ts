/*
 * Initiatives for the frontend tests (issue 16): each entry's progress is
 * computed by `initiativeProgress` of `@dora-metrics/plugin-dora-common`
 * from weekly snapshots, as the backend does, at the tests' FIXED_NOW.
 */
import {
  Initiative,
  InitiativeEntry,
  InitiativeSnapshot,
  initiativeProgress,
  parseInitiative,
} from '@dora-metrics/plugin-dora-common';
import { CHECKOUT, FIXED_NOW, PAYMENTS, TEAM } from './fixtures';

const WEEK = 7 * 86_400_000;
const iso = (millis: number) => new Date(millis).toISOString();

export function initiativeOf(raw: unknown): Initiative {
  const parsed = parseInitiative(raw);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.initiative;
}

const ref = (i: number) => `component:default/svc-${i}`;

/**
 * `count` entities, the first `meeting` of them meet the target; the others
 * miss `misses(i)`.
 */
function snapshot(
  at: number,
  count: number,
  meeting: number,
  misses: (i: number) => string[],
): InitiativeSnapshot {
  return {
    at: iso(at),
    entities: Array.from({ length: count }, (_, i) =>
      i < meeting
        ? { entityRef: ref(i), meets: true, misses: [] }
        : { entityRef: ref(i), meets: false, misses: misses(i) },
    ),
  };
}

function entryOf(
  initiative: Initiative,
  snapshots: InitiativeSnapshot[],
  team?: InitiativeEntry['team'],
): InitiativeEntry {
  return {
    initiative,
    progress: initiativeProgress(initiative, snapshots, FIXED_NOW),
    ...(team && { team }),
    createdAt: initiative.startsAt,
    updatedAt: initiative.startsAt,
    updatedBy: 'user:default/platform',
  };
}

/**
 * 80 % of the commerce services at Silver: 2 of 10 at the start (March 1),
 * 5 of 10 four weeks later, so paid down 3 of 8, 50 % of the way, 3 more
 * needed, 91 days left.
 */
export const silverInitiative = initiativeOf({
  id: 'commerce-silver',
  title: 'Commerce at Silver',
  description: 'Every commerce service restores within a day.',
  target: { scorecardId: 'delivery', level: 'silver' },
  scope: { owners: ['group:default/commerce'], kinds: ['component'] },
  targetShare: '80%',
  owner: 'group:default/commerce',
  startsAt: '2026-03-01T00:00:00Z',
  deadline: '2026-06-30T00:00:00Z',
});

const START = Date.parse(silverInitiative.startsAt);
export const silverEntry = entryOf(
  silverInitiative,
  [2, 3, 3, 4, 5].map((meeting, week) =>
    snapshot(START + week * WEEK, 10, meeting, i =>
      i % 2 ? ['time-to-restore'] : ['change-failure-rate', 'time-to-restore'],
    ),
  ),
);

/**
 * Everyone's first review within a day: 10 of 20 at the start, 9 now, so
 * it slipped 10 % below the start; the deadline passed 11 days ago.
 */
export const slippingInitiative = initiativeOf({
  id: 'first-review-everywhere',
  title: 'First review everywhere',
  target: { scorecardId: 'delivery', ruleId: 'first-review' },
  scope: {},
  targetShare: 1,
  owner: 'user:default/platform',
  startsAt: '2026-02-01T00:00:00Z',
  deadline: '2026-03-20T00:00:00Z',
});

export const slippingEntry = entryOf(slippingInitiative, [
  snapshot(Date.parse('2026-02-01T00:00:00Z'), 20, 10, () => ['first-review']),
  snapshot(Date.parse('2026-03-29T00:00:00Z'), 20, 9, () => ['first-review']),
]);

/** `silverEntry` asked for the commerce team: 1 of its 3 services meets it. */
export const silverEntryForTeam: InitiativeEntry = {
  ...silverEntry,
  team: {
    groupRef: TEAM,
    entities: 3,
    meeting: 1,
    missing: [
      { entityRef: CHECKOUT, misses: ['time-to-restore'] },
      { entityRef: PAYMENTS, misses: ['change-failure-rate'] },
    ],
  },
};
