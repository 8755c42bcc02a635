import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR } from '../time/durations';
import { parseDurationSeconds } from '../time/durations';
import {
  RATE_PERIOD_DAYS,
  RatePeriod,
  ScorecardMetric,
} from './scorecardMetrics';

/*
 * Thresholds are written the way people say them, and stored in the unit of
 * the metric they compare with:
 * - duration metrics: `90s`, `30m`, `24h`, `2d`, `1w`; a bare number is seconds;
 * - ratio metrics: `15%`; a bare number in [0, 1] is the ratio itself;
 * - count metrics: a plain number (`400`);
 * - rate metrics: `1/day`, `2/week`, `1/month` (also `1/d`, `1/w`, `1/mo`),
 *   converted into the metric's own period (a month is 30 days, as in the
 *   engine); a bare number is already in the metric's own period.
 */

const NUMBER = /^\s*(\d+(?:\.\d+)?)\s*$/;
const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;
const RATE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(day|d|week|wk|w|month|mo)\s*$/i;

const RATE_PERIOD_OF: Record<string, RatePeriod> = {
  day: 'day',
  d: 'day',
  week: 'week',
  wk: 'week',
  w: 'week',
  month: 'month',
  mo: 'month',
};

/** What a threshold of the metric looks like, for error messages. */
export function thresholdExpectation(metric: ScorecardMetric): string {
  switch (metric.unit) {
    case 'duration':
      return 'a duration such as 24h or 2d';
    case 'ratio':
      return 'a percentage such as 15% (or a ratio between 0 and 1)';
    case 'count':
      return 'a number such as 400';
    case 'rate':
    default:
      return `a rate such as 1/day, 2/week or 1/month (a bare number is per ${metric.per ?? 'day'})`;
  }
}

function bareNumber(text: string | number): number | undefined {
  if (typeof text === 'number') {
    return Number.isFinite(text) && text >= 0 ? text : undefined;
  }
  const match = NUMBER.exec(text);
  return match ? Number(match[1]) : undefined;
}

function parseRate(text: string, per: RatePeriod): number | undefined {
  const match = RATE.exec(text);
  if (!match) return undefined;
  const period = RATE_PERIOD_OF[match[2].toLowerCase()];
  return (Number(match[1]) * RATE_PERIOD_DAYS[per]) / RATE_PERIOD_DAYS[period];
}

/**
 * Reads a threshold for a metric into the metric's unit (seconds, a ratio,
 * a count, or events per the metric's period). Returns an error message,
 * naming what the metric expects, when it cannot.
 */
export function parseThreshold(
  text: string | number,
  metric: ScorecardMetric,
): number | string {
  const fail = () =>
    `${JSON.stringify(text)} is not ${thresholdExpectation(metric)}`;
  if (typeof text !== 'number' && typeof text !== 'string') return fail();
  const plain = bareNumber(text);
  switch (metric.unit) {
    case 'duration': {
      if (plain !== undefined) return plain;
      return parseDurationSeconds(String(text)) ?? fail();
    }
    case 'ratio': {
      if (plain !== undefined) {
        return plain <= 1
          ? plain
          : `${JSON.stringify(text)} is not a ratio between 0 and 1; write a percentage such as 15%`;
      }
      const match = PERCENT.exec(String(text));
      if (!match) return fail();
      const percent = Number(match[1]);
      return percent <= 100
        ? percent / 100
        : `${JSON.stringify(text)} is more than 100%`;
    }
    case 'count':
      return plain ?? fail();
    case 'rate':
    default: {
      if (plain !== undefined) return plain;
      return parseRate(String(text), metric.per ?? 'day') ?? fail();
    }
  }
}

/** Up to two decimals, without trailing zeros. */
function short(value: number): string {
  return String(Number(value.toFixed(2)));
}

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) <= 1e-9 * Math.max(1, value);
}

const MINUTE = 60;
const WEEK = 7 * DAY;

function formatDuration(seconds: number): string {
  if (seconds >= 2 * DAY && isWhole(seconds / DAY)) {
    return seconds >= 2 * WEEK && isWhole(seconds / WEEK)
      ? `${Math.round(seconds / WEEK)}w`
      : `${Math.round(seconds / DAY)}d`;
  }
  if (seconds >= HOUR && isWhole(seconds / HOUR)) {
    return `${Math.round(seconds / HOUR)}h`;
  }
  if (seconds >= MINUTE && isWhole(seconds / MINUTE)) {
    return `${Math.round(seconds / MINUTE)}m`;
  }
  if (seconds < HOUR && isWhole(seconds)) return `${Math.round(seconds)}s`;
  if (seconds >= DAY) return `${short(seconds / DAY)}d`;
  if (seconds >= HOUR) return `${short(seconds / HOUR)}h`;
  if (seconds >= MINUTE) return `${short(seconds / MINUTE)}m`;
  return `${short(seconds)}s`;
}

function formatRate(value: number, per: RatePeriod): string {
  const perDay = value / RATE_PERIOD_DAYS[per];
  for (const period of ['day', 'week', 'month'] as const) {
    const count = perDay * RATE_PERIOD_DAYS[period];
    if (count >= 1 - 1e-9 && isWhole(count)) {
      return `${Math.round(count)}/${period}`;
    }
  }
  return `${short(value)}/${per}`;
}

/**
 * Writes a threshold (in the metric's unit) back the way people say it:
 * `24h`, `2d`, `15%`, `400`, `1/week`. Whole durations use the largest
 * natural unit (seconds under an hour, hours up to 24h, days from 2d,
 * weeks from 2w), else up to two decimals; rates use the
 * shortest period in which they are a whole number.
 */
export function formatThreshold(
  value: number,
  metric: ScorecardMetric,
): string {
  switch (metric.unit) {
    case 'duration':
      return formatDuration(value);
    case 'ratio':
      return `${short(value * 100)}%`;
    case 'count':
      return short(value);
    case 'rate':
    default:
      return formatRate(value, metric.per ?? 'day');
  }
}
