import { DAY_MS } from '@dora-metrics/plugin-dora-common';

const WEEK_MS = 7 * DAY_MS;

/** Weeks a preview covers when the request does not say. */
export const DEFAULT_PREVIEW_WEEKS = 12;

/**
 * The instants a preview grades at, oldest first: the latest is `now`
 * itself (what an evaluation now would store), each earlier one exactly 7
 * days (7 × 24 h, no calendar) before the next. Each is the END of a window
 * of the scorecard's length, so windows longer than a week overlap.
 */
export function previewInstants(now: number, weeks: number): number[] {
  return Array.from(
    { length: weeks },
    (_, i) => now - (weeks - 1 - i) * WEEK_MS,
  );
}
