import { DAY_MS } from '@dora-metrics/plugin-dora-common';

const WEEK_MS = 7 * DAY_MS;

/** The most weeks back an initiative's progress looks. */
export const MAX_INITIATIVE_WEEKS = 52;

/**
 * The instants an initiative's weekly snapshots stand for, oldest first:
 * weeks ending at `now`, `now` − 7 days, … back to the first at or before
 * `startsAt` (the start snapshot), and never more than 52 weeks back.
 */
export function snapshotInstants(startsAt: number, now: number): number[] {
  const instants = [now];
  for (
    let week = 1;
    week <= MAX_INITIATIVE_WEEKS && instants[instants.length - 1] > startsAt;
    week++
  ) {
    instants.push(now - week * WEEK_MS);
  }
  return instants.reverse();
}
