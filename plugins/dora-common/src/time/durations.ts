/** Milliseconds in a day (of 24 hours: instants, not calendar days). */
export const DAY_MS = 86_400_000;
/** Seconds in an hour and in a day of 24 hours (durations are reported in seconds). */
export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 86_400;

const SECONDS_PER_UNIT: Record<string, number> = {
  s: 1,
  m: 60,
  h: HOUR_SECONDS,
  d: DAY_SECONDS,
  w: 7 * DAY_SECONDS,
};

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i;

/**
 * Parses a duration written the way people say it (`90s`, `30m`, `1h`,
 * `2d`, `1w`) into seconds. Returns `undefined` when it is not one.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * SECONDS_PER_UNIT[match[2].toLowerCase()];
}
