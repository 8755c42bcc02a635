import {
  Band,
  BandLimits,
  bandLimits,
  LimitedBand,
  limitedBands,
} from '@dora-metrics/plugin-dora-common';
import { formatPercent, plural } from '../format';
import { TileKind } from './metricDocs';

const HOUR = 3600;
const DAY = 86400;

/**
 * A band limit in words, in the metric's own terms: a rate per day, week or
 * month; a duration in whole days or hours; a ratio as a percentage.
 */
function limitText(kind: TileKind, value: number): string {
  if (kind === 'deploymentFrequency') {
    const per = [
      { period: 'day', days: 1 },
      { period: 'week', days: 7 },
      { period: 'month', days: 30 },
    ].find(({ days }) => value * days >= 1 - 1e-9)!;
    return `${Math.round(value * per.days)} a ${per.period}`;
  }
  if (kind === 'changeFailureRate') return formatPercent(value);
  if (value % DAY === 0) return plural(value / DAY, 'day');
  return `${value / HOUR} h`;
}

/** One band's limit: "under 1 day", "up to 5 %", "more than 1 a week", "30 days or more". */
export function bandLimitText(kind: TileKind, band: Band): string {
  const bands: BandLimits = bandLimits[kind];
  if (band === 'low') {
    const last = limitText(kind, bands.limits.medium);
    if (bands.better === 'higher') return `${last} or less`;
    return bands.inclusive ? `over ${last}` : `${last} or more`;
  }
  const limit = limitText(kind, bands.limits[band]);
  if (bands.better === 'higher') return `more than ${limit}`;
  return bands.inclusive ? `up to ${limit}` : `under ${limit}`;
}

const NAMES: Record<Band, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** "Elite: under 1 day; High: under 7 days; …. Bands from the DORA 2023 report …" */
export function bandLimitsText(kind: TileKind): string {
  const bands: Band[] = [...limitedBands, 'low'];
  const list = bands
    .map(band => `${NAMES[band]}: ${bandLimitText(kind, band)}`)
    .join('; ');
  return `${list}. Bands from ${bandLimits[kind].source}.`;
}

/** The limit of the band better than this one, or none when elite or without a band. */
export function nextBandLimit(
  kind: TileKind,
  band: Band | null,
): { band: LimitedBand; value: number; label: string } | undefined {
  if (band === null || band === 'elite') return undefined;
  const better = limitedBands[[...limitedBands, 'low'].indexOf(band) - 1];
  return {
    band: better,
    value: bandLimits[kind].limits[better],
    label: `${NAMES[better]}: ${bandLimitText(kind, better)}`,
  };
}
