import { DAY_MS } from '../../time/durations';

/**
 * The start of the ISO week (Monday 00:00 UTC) that holds `at`, in epoch
 * milliseconds: a digest is sent once per team and per such week.
 */
export function isoWeekStart(at: number): number {
  const midnight = Math.floor(at / DAY_MS) * DAY_MS;
  // getUTCDay: 0 is Sunday; an ISO week starts on Monday.
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return midnight - sinceMonday * DAY_MS;
}

/** The week's start as a date, e.g. `2026-11-30`. */
export function isoWeekStartDate(at: number): string {
  return new Date(isoWeekStart(at)).toISOString().slice(0, 10);
}
