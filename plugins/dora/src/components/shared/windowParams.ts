import {
  Bucket,
  buckets,
  isValidTimeZone,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { viewerTimeZone } from '../format';
import {
  customWindow,
  DoraWindow,
  presetWindow,
  WINDOW_PRESETS,
} from './doraWindow';

/** The search params the window lives in; the page's other params are left alone. */
export const WINDOW_PARAMS = ['window', 'from', 'to', 'bucket', 'tz'] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function presetDays(value: string | null): number | undefined {
  const days = Number(value?.match(/^(\d+)d$/)?.[1]);
  return WINDOW_PRESETS.find(preset => preset === days);
}

/**
 * The window a URL asks for: `from`/`to` days, else a `window` preset, else
 * the last `defaultDays`. A param that does not parse is ignored, so a
 * hand-edited or stale link still shows a window.
 */
export function readWindow(
  params: URLSearchParams,
  defaultDays: number,
): DoraWindow {
  const tz = params.get('tz');
  const timezone = tz && isValidTimeZone(tz) ? tz : viewerTimeZone();
  const rawBucket = params.get('bucket') as Bucket | null;
  const bucket =
    rawBucket && buckets.includes(rawBucket) ? rawBucket : undefined;
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const custom =
    DAY.test(fromDay) && DAY.test(toDay)
      ? customWindow(fromDay, toDay, timezone, bucket)
      : undefined;
  return (
    custom ??
    presetWindow(
      presetDays(params.get('window')) ?? defaultDays,
      timezone,
      bucket,
    )
  );
}

const day = (millis: number, timezone: string) =>
  DateTime.fromMillis(millis, { zone: timezone }).toISODate() ?? '';

/** `params` with the window's own params replaced; a copy, the others kept. */
export function writeWindow(
  window: DoraWindow,
  params: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(params);
  WINDOW_PARAMS.forEach(name => next.delete(name));
  if (window.preset === 'custom') {
    next.set('from', day(window.from, window.timezone));
    next.set('to', day(window.to - 1, window.timezone));
  } else {
    next.set('window', `${window.preset}d`);
  }
  next.set('bucket', window.bucket);
  // The days of a custom range are those of this timezone.
  next.set('tz', window.timezone);
  return next;
}

/**
 * The window in another timezone, `undefined` for a zone that is not a
 * valid IANA name: a preset still ends now, a custom range keeps its days
 * (as read in the old zone), the bucket is kept.
 */
export function nextTimezone(
  window: DoraWindow,
  timezone: string,
): DoraWindow | undefined {
  if (!isValidTimeZone(timezone)) return undefined;
  if (window.preset !== 'custom') {
    return presetWindow(window.preset, timezone, window.bucket);
  }
  return customWindow(
    day(window.from, window.timezone),
    day(window.to - 1, window.timezone),
    timezone,
    window.bucket,
  );
}

/** Zones offered when the browser cannot list its own. */
const COMMON_TIME_ZONES = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Helsinki',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/**
 * The zones the timezone picker offers: the browser's first, then UTC, then
 * the IANA zones the browser knows (`Intl.supportedValuesOf`), else a short
 * list of common ones; the zone in use is always among them.
 */
export function timeZoneChoices(current: string, browser: string): string[] {
  const intl = Intl as typeof Intl & {
    supportedValuesOf?: (key: 'timeZone') => string[];
  };
  let known: string[];
  try {
    known = intl.supportedValuesOf?.('timeZone') ?? COMMON_TIME_ZONES;
  } catch {
    known = COMMON_TIME_ZONES;
  }
  const rest = [...known, current].filter(
    zone => zone !== browser && zone !== 'UTC',
  );
  return [browser, 'UTC', ...[...new Set(rest)].sort()].filter(
    (zone, index, all) => all.indexOf(zone) === index,
  );
}
