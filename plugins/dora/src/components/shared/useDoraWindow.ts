import { Bucket, DAY_MS } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { useCallback, useMemo, useState } from 'react';
import { MetricsQuery } from '../../api/types';
import { viewerTimeZone } from '../format';

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

function presetWindow(
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

/**
 * The state of the window picker: a preset length ending now or a custom
 * range of days, in the viewer's timezone, and the chart bucket.
 */
export function useDoraWindow(initialDays: number = 30) {
  const [window, setWindow] = useState<DoraWindow>(() =>
    presetWindow(initialDays, viewerTimeZone()),
  );

  const setPreset = useCallback((preset: WindowPreset) => {
    setWindow(current => {
      if (preset === 'custom') return { ...current, preset };
      return presetWindow(preset, current.timezone);
    });
  }, []);

  /** Whole days in the window's timezone, `to` inclusive. */
  const setCustomRange = useCallback((fromDay: string, toDay: string) => {
    setWindow(current => {
      const from = DateTime.fromISO(fromDay, { zone: current.timezone });
      const to = DateTime.fromISO(toDay, { zone: current.timezone });
      if (!from.isValid || !to.isValid || to < from) return current;
      const fromMillis = from.startOf('day').toMillis();
      const toMillis = to.plus({ days: 1 }).startOf('day').toMillis();
      return {
        ...current,
        preset: 'custom',
        from: fromMillis,
        to: toMillis,
        bucket: defaultBucket((toMillis - fromMillis) / DAY_MS),
      };
    });
  }, []);

  const setBucket = useCallback((bucket: Bucket) => {
    setWindow(current => ({ ...current, bucket }));
  }, []);

  const queries = useMemo(() => windowQueries(window), [window]);

  return { window, setPreset, setCustomRange, setBucket, ...queries };
}
