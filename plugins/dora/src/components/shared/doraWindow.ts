import { Bucket, DAY_MS } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { MetricsQuery } from '../../api/types';

export const WINDOW_PRESETS = [7, 30, 90, 180, 365] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number] | 'custom';

/** What the window picker shows and the metrics are asked for. */
export interface DoraWindow {
  preset: WindowPreset;
  /** Epoch milliseconds, `[from, to)`. */
  from: number;
  to: number;
  timezone: string;
  bucket: Bucket;
}

/** The bucket that gives a readable number of points for a window length. */
export function defaultBucket(days: number): Bucket {
  if (days <= 14) return 'day';
  if (days <= 120) return 'week';
  return 'month';
}

/** The last `days` days up to now. */
export function presetWindow(
  days: number,
  timezone: string,
  bucket?: Bucket,
): DoraWindow {
  const to = DateTime.now().toMillis();
  return {
    preset: days as WindowPreset,
    from: to - days * DAY_MS,
    to,
    timezone,
    bucket: bucket ?? defaultBucket(days),
  };
}

/**
 * Whole days (`yyyy-MM-dd`) in the timezone, `toDay` inclusive; `undefined`
 * for a day that does not exist or a range that ends before it starts.
 */
export function customWindow(
  fromDay: string,
  toDay: string,
  timezone: string,
  bucket?: Bucket,
): DoraWindow | undefined {
  const from = DateTime.fromISO(fromDay, { zone: timezone });
  const to = DateTime.fromISO(toDay, { zone: timezone });
  if (!from.isValid || !to.isValid || to < from) return undefined;
  const fromMillis = from.startOf('day').toMillis();
  const toMillis = to.plus({ days: 1 }).startOf('day').toMillis();
  return {
    preset: 'custom',
    from: fromMillis,
    to: toMillis,
    timezone,
    bucket: bucket ?? defaultBucket((toMillis - fromMillis) / DAY_MS),
  };
}

const iso = (millis: number) => new Date(millis).toISOString();

export function windowDays(window: Pick<DoraWindow, 'from' | 'to'>): number {
  return Math.round((window.to - window.from) / DAY_MS);
}

/** The query of a window and of the window of the same length just before it. */
export function windowQueries(window: DoraWindow): {
  current: MetricsQuery;
  previous: MetricsQuery;
} {
  const length = window.to - window.from;
  const base = { timezone: window.timezone, bucket: window.bucket };
  return {
    current: { ...base, from: iso(window.from), to: iso(window.to) },
    previous: {
      ...base,
      from: iso(window.from - length),
      to: iso(window.from),
    },
  };
}
