import { ScorecardMetric } from './scorecardMetrics';
import {
  formatThreshold,
  parseThreshold,
  thresholdExpectation,
} from './thresholds';

/*
 * The threshold field of the rule editor and of the API: one reader, so the
 * editor (as you type) and the API (on save) say the same thing. It accepts
 * what `parseThreshold` accepts plus the way people say a rate aloud
 * (`2 per month`, `3 a week`, `1/weeks`), and when it refuses it names what
 * the text looks like (a percentage where a duration is wanted, a negative
 * number, nothing at all) before saying what is accepted.
 */

export type ThresholdReading =
  { ok: true; value: number; text: string } | { ok: false; message: string };

const SPOKEN_RATE =
  /^\s*(\d+(?:\.\d+)?)\s*(?:\/|per\b|a\b|an\b|every\b)\s*(days?|d|weeks?|wk|w|months?|mo)\s*$/i;

/** Shapes a person may type, and the unit they belong to (none: wrong for every metric). */
const LOOKS_LIKE: Array<{ pattern: RegExp; what: string; unit?: string }> = [
  {
    pattern: /^-\s*\d/,
    what: 'a negative number; thresholds are never below 0',
  },
  { pattern: /%\s*$/, what: 'a percentage', unit: 'ratio' },
  { pattern: /(\/|\bper\b)/i, what: 'a rate', unit: 'rate' },
  {
    pattern: /^\d+(?:\.\d+)?\s*[smhdw]$/i,
    what: 'a duration',
    unit: 'duration',
  },
];

/** What a metric's thresholds look like, with examples for each unit. */
export function acceptedThresholdText(metric: ScorecardMetric): string {
  switch (metric.unit) {
    case 'duration':
      return 'a duration such as 45s, 90m, 24h, 1.5 h or 2d (a bare number is seconds)';
    case 'ratio':
      return 'a percentage such as 15% or 15 % (or a ratio between 0 and 1 such as 0.15)';
    case 'count':
      return 'a whole or decimal number such as 400';
    case 'rate':
    default:
      return `a rate such as 1/week, 3/day or 2 per month (a bare number is per ${metric.per ?? 'day'})`;
  }
}

/** Rewrites a spoken rate (`2 per months`) as the `2/month` the core parser reads. */
function normalizeSpokenRate(text: string): string {
  const match = SPOKEN_RATE.exec(text);
  if (!match) return text;
  const unit = match[2].toLowerCase().replace(/s$/, '');
  return `${match[1]}/${unit}`;
}

/**
 * Reads a threshold typed by a person into the metric's API unit (seconds,
 * a ratio in [0, 1], a count, events per the metric's period). On refusal,
 * the message quotes the text, says what is wrong and what is accepted, e.g.
 * `"15%" is a percentage, but Lead time for changes (median) is a duration: write a duration such as …`.
 */
export function readThresholdText(
  text: string | number,
  metric: ScorecardMetric,
): ThresholdReading {
  const input = typeof text === 'string' ? normalizeSpokenRate(text) : text;
  const parsed = parseThreshold(input, metric);
  if (typeof parsed === 'number') {
    return { ok: true, value: parsed, text: formatThreshold(parsed, metric) };
  }
  const quoted = JSON.stringify(text);
  const accepted = acceptedThresholdText(metric);
  const fail = (message: string): ThresholdReading => ({ ok: false, message });
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) {
      return fail(`${String(text)} is not a finite number: write ${accepted}`);
    }
    if (text < 0) return fail(`${quoted} is negative: write ${accepted}`);
  } else {
    const trimmed = text.trim();
    if (trimmed === '')
      return fail(`the threshold is empty: write ${accepted}`);
    const seen = LOOKS_LIKE.find(l => l.pattern.test(trimmed));
    if (seen && seen.unit !== metric.unit) {
      const but = seen.unit ? `, but ${metric.title} is a ${metric.unit}` : '';
      return fail(`${quoted} is ${seen.what}${but}: write ${accepted}`);
    }
  }
  // The right kind but unreadable, or a value out of range (150%, a ratio of 15).
  if (parsed === `${quoted} is not ${thresholdExpectation(metric)}`) {
    return fail(`${quoted} is not ${accepted}`);
  }
  return fail(
    parsed.includes('; write') ? parsed : `${parsed}; write ${accepted}`,
  );
}

/** The inverse: a value in the metric's API unit written the way people say it (`24h`, `15%`, `1/week`). */
export function thresholdToText(
  value: number,
  metric: ScorecardMetric,
): string {
  return formatThreshold(value, metric);
}
