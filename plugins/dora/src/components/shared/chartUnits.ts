import { Band, MetricsBody } from '@dora-metrics/plugin-dora-common';
import { durationUnitFor, DurationUnit } from '../format';

/** One unit per duration tile, shared by its chart, tooltips and agreements. */
export interface DurationUnits {
  leadTime: DurationUnit;
  timeToRestore: DurationUnit;
}

/**
 * The unit of each duration metric, from its chart series and its tile's
 * value together, so the tile and the chart read in the same unit.
 */
export function durationUnits(metrics: MetricsBody): DurationUnits {
  return {
    leadTime: durationUnitFor([
      ...metrics.series.map(point => point.leadTimeMedian),
      metrics.leadTime.median,
    ]),
    timeToRestore: durationUnitFor([
      ...metrics.series.map(point => point.timeToRestoreMedian),
      metrics.timeToRestore.median,
    ]),
  };
}

/** A labelled line on a chart, its value in the metric's own unit (seconds, ratio, count). */
export interface ChartReference {
  label: string;
  value: number;
}

const HOUR = 3600;
const DAY = 86400;

type Limits = Record<Exclude<Band, 'low'>, { value: number; text: string }>;

// The band limits of dora-common's bands.ts, as lines to aim for.
const LEAD_TIME: Limits = {
  elite: { value: DAY, text: 'under 1 day' },
  high: { value: 7 * DAY, text: 'under 7 days' },
  medium: { value: 30 * DAY, text: 'under 30 days' },
};
const TIME_TO_RESTORE: Limits = {
  elite: { value: HOUR, text: 'under 1 hour' },
  high: { value: DAY, text: 'under 1 day' },
  medium: { value: 7 * DAY, text: 'under 7 days' },
};
const CHANGE_FAILURE_RATE: Limits = {
  elite: { value: 0.05, text: 'up to 5 %' },
  high: { value: 0.1, text: 'up to 10 %' },
  medium: { value: 0.15, text: 'up to 15 %' },
};

const BETTER: Record<Band, Exclude<Band, 'low'> | undefined> = {
  elite: undefined,
  high: 'elite',
  medium: 'high',
  low: 'medium',
};

const BAND_NAME: Record<Exclude<Band, 'low'>, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
};

/** The limit of the next better band, or none when elite or without a band. */
function nextBand(band: Band | null, limits: Limits): ChartReference[] {
  const target = band ? BETTER[band] : undefined;
  if (!target) return [];
  return [
    {
      label: `${BAND_NAME[target]}: ${limits[target].text}`,
      value: limits[target].value,
    },
  ];
}

/** Per trend chart, the band to reach next as a reference line. */
export function bandTargets(metrics: MetricsBody) {
  return {
    leadTime: nextBand(metrics.leadTime.band, LEAD_TIME),
    changeFailureRate: nextBand(
      metrics.changeFailureRate.band,
      CHANGE_FAILURE_RATE,
    ),
    timeToRestore: nextBand(metrics.timeToRestore.band, TIME_TO_RESTORE),
  };
}
