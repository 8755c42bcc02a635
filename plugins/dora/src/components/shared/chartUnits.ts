import { Band, MetricsBody } from '@dora-metrics/plugin-dora-common';
import { durationUnitFor, DurationUnit } from '../format';
import { nextBandLimit } from './bandLimits';
import { TileKind } from './metricDocs';

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

/** The limit of the next better band as a line to aim for; none when elite or without a band. */
function nextBand(kind: TileKind, band: Band | null): ChartReference[] {
  const next = nextBandLimit(kind, band);
  return next ? [{ label: next.label, value: next.value }] : [];
}

/** Per trend chart, the band to reach next as a reference line. */
export function bandTargets(metrics: MetricsBody) {
  return {
    leadTime: nextBand('leadTime', metrics.leadTime.band),
    changeFailureRate: nextBand(
      'changeFailureRate',
      metrics.changeFailureRate.band,
    ),
    timeToRestore: nextBand('timeToRestore', metrics.timeToRestore.band),
  };
}
