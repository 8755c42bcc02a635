import type { Band } from '../metrics/bands';
import { MetricChange, metricChange, regressionSize } from './metricChange';
import { MoverBody, MoverMetric, moverMetrics } from './moverMetrics';

/** A team or a service with its four metrics' changes. */
export interface MoverRow {
  ref: string;
  title?: string;
  changes: Record<MoverMetric, MetricChange>;
}

/** A team's or a service's bodies of the two windows. */
export interface MoverInput {
  ref: string;
  title?: string;
  current: MoverBody;
  previous: MoverBody;
}

/** The row of one team or service: every metric's change. */
export function moverRow(input: MoverInput): MoverRow {
  const changes = Object.fromEntries(
    moverMetrics.map(metric => [
      metric,
      metricChange(metric, input.current, input.previous),
    ]),
  ) as Record<MoverMetric, MetricChange>;
  return { ref: input.ref, title: input.title, changes };
}

/** Rows of one metric sorted for a manager: biggest regressions and biggest improvements first. */
export interface MoverRanking {
  metric: MoverMetric;
  /** Worse than before, the worst first. */
  regressions: MoverRow[];
  /** Better than before, the best first. */
  improvements: MoverRow[];
  /** Marked small samples: shown apart, never ranked. */
  smallSample: MoverRow[];
}

/** Ranks rows by one metric's change; ties keep the rows' order. Unchanged and valueless rows are in no list but small samples. */
export function rankMovers(
  rows: MoverRow[],
  metric: MoverMetric,
): MoverRanking {
  const ranked = rows
    .filter(row => !row.changes[metric].smallSample)
    .map(row => ({ row, size: regressionSize(row.changes[metric]) }))
    .filter(
      (entry): entry is { row: MoverRow; size: number } =>
        entry.size !== null && entry.size !== 0,
    );
  return {
    metric,
    regressions: ranked
      .filter(entry => entry.size > 0)
      .sort((a, b) => b.size - a.size)
      .map(entry => entry.row),
    improvements: ranked
      .filter(entry => entry.size < 0)
      .sort((a, b) => a.size - b.size)
      .map(entry => entry.row),
    smallSample: rows.filter(row => row.changes[metric].smallSample),
  };
}

/** How many rows sit in each band (`none`: no value), now and in the previous window. */
export interface BandDistribution {
  now: Record<Band | 'none', number>;
  then: Record<Band | 'none', number>;
}

const emptyCounts = (): Record<Band | 'none', number> => ({
  elite: 0,
  high: 0,
  medium: 0,
  low: 0,
  none: 0,
});

/** The band distribution of one metric over rows (a team's services). */
export function bandDistribution(
  rows: MoverRow[],
  metric: MoverMetric,
): BandDistribution {
  const distribution = { now: emptyCounts(), then: emptyCounts() };
  for (const row of rows) {
    const change = row.changes[metric];
    distribution.now[change.currentBand ?? 'none'] += 1;
    distribution.then[change.previousBand ?? 'none'] += 1;
  }
  return distribution;
}
