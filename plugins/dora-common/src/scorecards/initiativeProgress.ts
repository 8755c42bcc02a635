import { DAY_MS } from '../time/durations';
import { InstantLike, instantMillis } from './instantMillis';
import { InitiativeStanding } from './initiativeTarget';
import { Initiative } from './initiatives';

/*
 * An initiative's progress, from weekly snapshots of which entities in scope
 * meet its target: the share now, at the start and week by week, how much of
 * the debt at the start has been paid down, how far along the way to the
 * target it is (negative when it slips), who still misses it and why, and
 * the days left. Pure: the instant is an argument.
 */

/** One week: every entity in scope then, and whether it met the target. */
export interface InitiativeSnapshot {
  /** ISO-8601 instant the snapshot stands for (e.g. the end of the week). */
  at: string;
  entities: Array<{ entityRef: string } & InitiativeStanding>;
}

export interface InitiativeWeek {
  at: string;
  entities: number;
  meeting: number;
  /** `null` when nothing is in scope. */
  share: number | null;
  /** (share − share at start) / (target − share at start); see `InitiativeProgress.wayToTarget`. */
  wayToTarget: number | null;
}

export interface InitiativeProgress {
  initiativeId: string;
  targetShare: number;
  /** The week progress is measured from: the last snapshot at or before the start, else the first after it. */
  start: InitiativeWeek | null;
  /** The last snapshot at or before `at`. */
  now: InitiativeWeek | null;
  /** From the start week to now, oldest first. */
  weeks: InitiativeWeek[];
  /** Entities that missed the target at the start (M). */
  missingAtStart: number;
  /** Of those, how many meet it now (N): "paid down N of M since start". An entity gone from scope is not paid down. */
  paidDown: number;
  /**
   * How far from the start share to the target share it has come: 0.4 is
   * 40 % of the way, 1 reached; negative when the share fell below the start.
   * `null` when the start already met the target (nothing to pay down) or
   * there is no data.
   */
  wayToTarget: number | null;
  targetMet: boolean;
  /** More entities that must meet it now for the share to reach the target. */
  stillNeeded: number;
  /** Entities that miss it now, and the rules they miss. */
  missing: Array<{ entityRef: string; misses: string[] }>;
  /** Whole days from `at` to the deadline, rounded up; negative once it has passed. */
  daysLeft: number;
}

const shareOf = (meeting: number, entities: number) =>
  entities === 0 ? null : meeting / entities;

function weekOf(
  snapshot: InitiativeSnapshot,
  startShare: number | null,
  target: number,
): InitiativeWeek {
  const meeting = snapshot.entities.filter(e => e.meets).length;
  const share = shareOf(meeting, snapshot.entities.length);
  const gap = startShare === null ? 0 : target - startShare;
  return {
    at: snapshot.at,
    entities: snapshot.entities.length,
    meeting,
    share,
    wayToTarget:
      share === null || startShare === null || gap <= 0
        ? null
        : (share - startShare) / gap,
  };
}

/** Progress of an initiative at `at`; snapshots in any order, later ones than `at` ignored. */
export function initiativeProgress(
  initiative: Pick<Initiative, 'id' | 'targetShare' | 'startsAt' | 'deadline'>,
  snapshots: readonly InitiativeSnapshot[],
  at: InstantLike,
): InitiativeProgress {
  const nowMs = instantMillis(at);
  const startMs = Date.parse(initiative.startsAt);
  const known = snapshots
    .filter(s => Date.parse(s.at) <= nowMs)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const before = known.filter(s => Date.parse(s.at) <= startMs);
  const startSnap = before.length ? before[before.length - 1] : known[0];
  const nowSnap = known[known.length - 1];
  const daysLeft = Math.ceil(
    (Date.parse(initiative.deadline) - nowMs) / DAY_MS,
  );
  const target = initiative.targetShare;
  if (!startSnap || !nowSnap) {
    return {
      initiativeId: initiative.id,
      targetShare: target,
      start: null,
      now: null,
      weeks: [],
      missingAtStart: 0,
      paidDown: 0,
      wayToTarget: null,
      targetMet: false,
      stillNeeded: 0,
      missing: [],
      daysLeft,
    };
  }
  const startShare = shareOf(
    startSnap.entities.filter(e => e.meets).length,
    startSnap.entities.length,
  );
  const weeks = known
    .filter(s => Date.parse(s.at) >= Date.parse(startSnap.at))
    .map(s => weekOf(s, startShare, target));
  const now = weeks[weeks.length - 1];
  const metNow = new Set(
    nowSnap.entities.filter(e => e.meets).map(e => e.entityRef.toLowerCase()),
  );
  const missedAtStart = startSnap.entities.filter(e => !e.meets);
  const tolerance = 1e-9;
  return {
    initiativeId: initiative.id,
    targetShare: target,
    start: weeks[0],
    now,
    weeks,
    missingAtStart: missedAtStart.length,
    paidDown: missedAtStart.filter(e => metNow.has(e.entityRef.toLowerCase()))
      .length,
    wayToTarget: now.wayToTarget,
    targetMet: now.share !== null && now.share >= target - tolerance,
    stillNeeded: Math.max(
      0,
      Math.ceil(target * now.entities - tolerance) - now.meeting,
    ),
    missing: nowSnap.entities
      .filter(e => !e.meets)
      .map(e => ({ entityRef: e.entityRef, misses: e.misses })),
    daysLeft,
  };
}
