import {
  Band,
  DeploymentFrequency,
  findScorecardMetric,
  RuleStatus,
  ScorecardOperator,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';

/** What a missing value reads as. */
export const NO_VALUE = '—';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** At most one decimal, without a trailing `.0`. */
export function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Seconds in human units: `45 s`, `12 min`, `2.1 h`, `3.4 days`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return NO_VALUE;
  }
  const abs = Math.abs(seconds);
  if (abs < MINUTE) return `${Math.round(seconds)} s`;
  if (abs < HOUR) return `${Math.round(seconds / MINUTE)} min`;
  if (abs < 2 * DAY) return `${oneDecimal(seconds / HOUR)} h`;
  const days = oneDecimal(seconds / DAY);
  return `${days} ${days === '1' ? 'day' : 'days'}`;
}

/** A duration unit, chosen once for a tile, its chart, tooltips and agreements. */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

const UNIT_SECONDS: Record<DurationUnit, number> = {
  seconds: 1,
  minutes: MINUTE,
  hours: HOUR,
  days: DAY,
};

/** The unit's short label: `s`, `min`, `h`, `days`. */
export const durationUnitLabel: Record<DurationUnit, string> = {
  seconds: 's',
  minutes: 'min',
  hours: 'h',
  days: 'days',
};

/**
 * The unit that reads best for a set of durations: the one formatDuration
 * would pick for their typical (median) value, so a chart of hours with one
 * two-day outlier still reads in hours.
 */
export function durationUnitFor(
  seconds: ReadonlyArray<number | null | undefined>,
): DurationUnit {
  const values = seconds
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .map(Math.abs)
    .sort((a, b) => a - b);
  if (values.length === 0) return 'hours';
  const typical = values[Math.floor((values.length - 1) / 2)];
  if (typical < MINUTE) return 'seconds';
  if (typical < HOUR) return 'minutes';
  if (typical < 2 * DAY) return 'hours';
  return 'days';
}

/** Seconds as a plain number of the unit (for chart axes). */
export function inDurationUnit(seconds: number, unit: DurationUnit): number {
  return seconds / UNIT_SECONDS[unit];
}

/** Seconds written in a given unit: `36 h`, `1.5 days`, `1 day`. */
export function formatDurationIn(
  seconds: number | null | undefined,
  unit: DurationUnit,
): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return NO_VALUE;
  }
  const amount = inDurationUnit(seconds, unit);
  const text =
    unit === 'seconds' || unit === 'minutes'
      ? String(Math.round(amount))
      : oneDecimal(amount);
  if (unit === 'days') return `${text} ${text === '1' ? 'day' : 'days'}`;
  return `${text} ${durationUnitLabel[unit]}`;
}

/** A ratio in [0, 1] as a percentage: `12 %`, `8.3 %`. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return NO_VALUE;
  }
  const percent = ratio * 100;
  return `${
    Math.abs(percent) >= 10 ? Math.round(percent) : oneDecimal(percent)
  } %`;
}

/** Deployments per the most natural period: `2.1/day`, `4.2/week`, `1.3/month`. */
export function formatDeploymentFrequency(
  frequency: Pick<DeploymentFrequency, 'count' | 'perDay'>,
): string {
  const { perDay } = frequency;
  if (frequency.count === 0) return '0/week';
  if (perDay >= 1) return `${oneDecimal(perDay)}/day`;
  if (perDay * 7 >= 1) return `${oneDecimal(perDay * 7)}/week`;
  return `${oneDecimal(perDay * 30)}/month`;
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return NO_VALUE;
  }
  return Number.isInteger(value) ? String(value) : oneDecimal(value);
}

/**
 * A scorecard metric's value in human units, by the metric's unit: a
 * duration, a percentage, a count or a rate per the metric's own period.
 */
export function formatMetricValue(
  value: number | null | undefined,
  metricPath: string,
): string {
  if (value === null || value === undefined) return NO_VALUE;
  const metric = findScorecardMetric(metricPath);
  switch (metric?.unit) {
    case 'duration':
      return formatDuration(value);
    case 'ratio':
      return formatPercent(value);
    case 'rate':
      return `${oneDecimal(value)}/${metric.per ?? 'day'}`;
    case 'count':
    default:
      return formatCount(value);
  }
}

export const operatorText: Record<ScorecardOperator, string> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

export const bandLabel: Record<Band, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const statusLabel: Record<RuleStatus, string> = {
  pass: 'Pass',
  warn: 'Warn',
  fail: 'Fail',
  'no-data': 'No data',
};

/** `bronze` → `Bronze`. */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** Whether a metric is better when it is higher or lower. */
export type Better = 'higher' | 'lower';

export interface Change {
  /** `+25 %`, `−2.1 pp`, or `no change`. */
  text: string;
  /** `null` when either side has no value. */
  direction: 'better' | 'worse' | 'same' | null;
}

/**
 * The change of a metric against the previous window: relative for rates and
 * durations, in percentage points for ratios (`unit: 'ratio'`).
 */
export function compareWith(
  current: number | null | undefined,
  previous: number | null | undefined,
  better: Better,
  unit: 'relative' | 'ratio' = 'relative',
): Change {
  if (
    current === null ||
    current === undefined ||
    previous === null ||
    previous === undefined
  ) {
    return { text: 'no previous value', direction: null };
  }
  const delta = current - previous;
  let text: string;
  if (unit === 'ratio') {
    const points = Math.round(delta * 1000) / 10;
    if (points === 0) return { text: 'no change', direction: 'same' };
    text = `${points > 0 ? '+' : '−'}${Math.abs(points)} pp`;
  } else {
    if (previous === 0) {
      if (current === 0) return { text: 'no change', direction: 'same' };
      text = 'new';
    } else {
      const percent = Math.round((delta / previous) * 100);
      if (percent === 0) return { text: 'no change', direction: 'same' };
      text = `${percent > 0 ? '+' : '−'}${Math.abs(percent)} %`;
    }
  }
  const improved = better === 'higher' ? delta > 0 : delta < 0;
  return { text, direction: improved ? 'better' : 'worse' };
}

/** The viewer's IANA timezone, `UTC` when the browser does not say. */
export function viewerTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** An instant as a short date and time in a timezone: `Mar 2, 2026, 10:07`. */
export function formatInstant(
  instant: string | number | null | undefined,
  timezone: string,
): string {
  if (instant === null || instant === undefined) return NO_VALUE;
  const time =
    typeof instant === 'number'
      ? DateTime.fromMillis(instant, { zone: timezone })
      : DateTime.fromISO(instant, { zone: timezone });
  if (!time.isValid) return String(instant);
  return time.toFormat('LLL d, yyyy, HH:mm');
}

/** A bucket's start as a chart label: `Mar 2` (day, week) or `Mar 2026` (month). */
/**
 * Whether a chart bucket is cut by the window (the window starts or ends
 * inside it), so its count covers less than a whole day, week or month.
 */
export function isPartialBucket(
  point: { start: string; end: string },
  timezone: string,
  bucket: 'day' | 'week' | 'month',
): boolean {
  const start = DateTime.fromISO(point.start, { zone: timezone });
  const whole = start.startOf(bucket);
  const wholeEnd = whole.plus({ [`${bucket}s`]: 1 });
  return (
    start.toMillis() !== whole.toMillis() ||
    DateTime.fromISO(point.end).toMillis() !== wholeEnd.toMillis()
  );
}

export function formatBucketLabel(
  start: string,
  timezone: string,
  bucket: 'day' | 'week' | 'month',
): string {
  const time = DateTime.fromISO(start, { zone: timezone });
  return bucket === 'month'
    ? time.toFormat('LLL yyyy')
    : time.toFormat('LLL d');
}

/**
 * A count with its noun, singular for exactly one: `1 incident`,
 * `2 incidents`, `0 changes`. Irregular plurals are passed in
 * (`plural(n, 'day', 'days')` is the default rule spelled out).
 */
export function plural(count: number, noun: string, many?: string): string {
  const text = Number.isInteger(count) ? String(count) : oneDecimal(count);
  return `${text} ${count === 1 ? noun : (many ?? `${noun}s`)}`;
}
