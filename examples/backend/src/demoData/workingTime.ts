import { DAY_MS } from '@dora-metrics/plugin-dora-common';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = DAY_MS;
export const WEEK = 7 * DAY;
/** Working hours (UTC) in which people commit, review and deploy. */
export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 18;

/** ISO-8601 in UTC with a `Z`, whole seconds. */
export function iso(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

export function isWorkingTime(millis: number): boolean {
  const date = new Date(millis);
  const weekday = date.getUTCDay();
  const hour = date.getUTCHours();
  return (
    weekday >= 1 &&
    weekday <= 5 &&
    hour >= WORK_START_HOUR &&
    hour < WORK_END_HOUR
  );
}

/** The start of the next working period at or after `millis`. */
export function nextWorkingStart(millis: number): number {
  const date = new Date(millis);
  let day = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
  );
  for (;;) {
    const start = day + WORK_START_HOUR * HOUR;
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && start + 10 * HOUR > millis) {
      return Math.max(start, millis);
    }
    day += DAY;
  }
}
