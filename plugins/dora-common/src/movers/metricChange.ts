import type { Band } from '../metrics/bands';
import {
  ChangeUnit,
  MOVER_MIN_SAMPLE,
  MoverBody,
  MoverMetric,
  moverMetricDefinitions,
} from './moverMetrics';

/** One metric of one team or service, this window against the previous one. */
export interface MetricChange {
  metric: MoverMetric;
  current: number | null;
  previous: number | null;
  currentSample: number;
  previousSample: number;
  currentBand: Band | null;
  previousBand: Band | null;
  /**
   * In % of the previous value (`unit: percent`) or in percentage points
   * (`unit: points`, ratios); `null` when either value is missing or the
   * previous value is 0 for a % change.
   */
  change: number | null;
  unit: ChangeUnit;
  /** Whether the change is for the better (by the metric's direction); `null` without a change. */
  direction: 'better' | 'worse' | 'same' | null;
  /** Either window has fewer events than the metric's minimum: shown, never ranked. */
  smallSample: boolean;
}

/** A metric's change from the previous window's body to the current one. */
export function metricChange(
  metric: MoverMetric,
  current: MoverBody,
  previous: MoverBody,
): MetricChange {
  const definition = moverMetricDefinitions[metric];
  const now = definition.read(current);
  const then = definition.read(previous);
  const change = changeOf(now.value, then.value, definition.unit);
  const minimum = MOVER_MIN_SAMPLE[metric];
  return {
    metric,
    current: now.value,
    previous: then.value,
    currentSample: now.sample,
    previousSample: then.sample,
    currentBand: now.band,
    previousBand: then.band,
    change,
    unit: definition.unit,
    direction: directionOf(now.value, then.value, definition.better),
    smallSample: now.sample < minimum || then.sample < minimum,
  };
}

function changeOf(
  now: number | null,
  then: number | null,
  unit: ChangeUnit,
): number | null {
  if (now === null || then === null) return null;
  if (unit === 'points') return (now - then) * 100;
  if (then === 0) return now === 0 ? 0 : null;
  return ((now - then) / then) * 100;
}

function directionOf(
  now: number | null,
  then: number | null,
  better: 'higher' | 'lower',
): MetricChange['direction'] {
  if (now === null || then === null) return null;
  if (now === then) return 'same';
  return now > then === (better === 'higher') ? 'better' : 'worse';
}

/**
 * How much worse the change is, positive for a regression and negative for
 * an improvement, in the change's own unit: the sort key of the rankings.
 */
export function regressionSize(change: MetricChange): number | null {
  if (change.change === null) return null;
  const better = moverMetricDefinitions[change.metric].better;
  return better === 'higher' ? -change.change : change.change;
}
