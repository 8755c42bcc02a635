import {
  DAY_MS,
  MetricChange,
  MoverMetric,
  MoversResponse,
} from '@dora-metrics/plugin-dora-common';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
  NO_VALUE,
  oneDecimal,
  plural,
} from '../format';
import { formatDay } from '../shared/Chips';

/** What each metric's sample counts, for "fewer than 5 deployments". */
export const sampleNoun: Record<MoverMetric, { one: string; many: string }> = {
  deploymentFrequency: { one: 'deployment', many: 'deployments' },
  leadTime: { one: 'shipped change', many: 'shipped changes' },
  changeFailureRate: { one: 'deployment', many: 'deployments' },
  timeToRestore: { one: 'restored incident', many: 'restored incidents' },
};

/** One side of a change in the metric's own units: `2.1/day`, `3.4 h`, `12 %`. */
export function moverValueText(
  change: MetricChange,
  side: 'current' | 'previous',
): string {
  const value = change[side];
  if (value === null) return NO_VALUE;
  const sample =
    side === 'current' ? change.currentSample : change.previousSample;
  switch (change.metric) {
    case 'deploymentFrequency':
      return formatDeploymentFrequency({ count: sample, perDay: value });
    case 'changeFailureRate':
      return formatPercent(value);
    default:
      return formatDuration(value);
  }
}

/** `3.4 h → 2.1 h`. */
export function fromToText(change: MetricChange): string {
  return `${moverValueText(change, 'previous')} → ${moverValueText(change, 'current')}`;
}

/**
 * The change as a manager reads it: `+12 %`, `−3.5 pts`, `no change`; a
 * change from 0 (no % of it) is `new`, a missing side `—`.
 */
export function changeText(change: MetricChange): string {
  if (change.change === null) {
    return change.previous === 0 && change.current !== null ? 'new' : NO_VALUE;
  }
  const size = Math.abs(change.change);
  const rounded = size >= 10 ? String(Math.round(size)) : oneDecimal(size);
  if (rounded === '0') return 'no change';
  const sign = change.change > 0 ? '+' : '−';
  return `${sign}${rounded} ${change.unit === 'points' ? 'pts' : '%'}`;
}

/** `18 → 22 deployments`: the events behind each side. */
export function sampleText(change: MetricChange): string {
  const noun = sampleNoun[change.metric];
  return `${change.previousSample} → ${plural(change.currentSample, noun.one, noun.many)}`;
}

/** The rule that keeps small samples out of the rankings, as the UI states it. */
export function minimumSampleText(
  metric: MoverMetric,
  minimumSample: MoversResponse['minimumSample'],
): string {
  const noun = sampleNoun[metric];
  const minimum = minimumSample[metric];
  return `Changes with fewer than ${minimum} ${
    minimum === 1 ? noun.one : noun.many
  } in either window are not ranked.`;
}

/**
 * The two windows compared: `Last 30 days against the 30 days before`, or
 * for a window that does not end now `Mar 1, 2026 – Mar 31, 2026 against
 * the 31 days before`.
 */
export function windowsText(
  window: MoversResponse['window'],
  timezone: string,
  now: number = Date.now(),
): string {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const days = Math.round((to - from) / DAY_MS);
  const before = `against the ${plural(days, 'day')} before`;
  if (Math.abs(now - to) < DAY_MS) {
    return `Last ${plural(days, 'day')} ${before}`;
  }
  const lastDay = new Date(to - 1).toISOString();
  return `${formatDay(window.from, timezone)} – ${formatDay(lastDay, timezone)} ${before}`;
}
