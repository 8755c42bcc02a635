import { MetricsBody } from '../engine/computeMetrics';
import { findScorecardMetric, readScorecardMetric } from './scorecardMetrics';

/*
 * Benchmarks: performance levels as a report defines them, each level with
 * its own range on every metric. Unlike a scorecard (a stricter threshold
 * per higher level), nothing here assumes that a better value means a higher
 * level: the DORA 2024 report puts medium's change failure rate (10 %) below
 * high's (20 %), and a value matches the levels whose ranges contain it.
 */

/** A range of a metric's values (in the metric's API unit), with the report's words for it. */
export interface BenchmarkRange {
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
  /** As the report says it, e.g. `Between once per day and once per week`. */
  reportText: string;
}

export interface BenchmarkLevel {
  /** e.g. `elite`. */
  level: string;
  /** Shown beside the colour, e.g. `Elite (DORA 2024)`. */
  label: string;
  /** By metric path of the scorecard metric catalog. */
  ranges: Record<string, BenchmarkRange>;
}

export interface BenchmarkDefinition {
  /** Carries the year, e.g. `dora-2024`. */
  id: string;
  title: string;
  year: number;
  source: { title: string; url: string };
  /** Metric paths, in the order they are shown. */
  metrics: string[];
  /** Highest first. */
  levels: BenchmarkLevel[];
}

export interface BenchmarkMetricResult {
  metric: string;
  actual: number | null;
  /** Every level whose range contains the value, highest first (empty: no data, or outside all ranges). */
  levels: string[];
}

export interface BenchmarkResult {
  benchmarkId: string;
  /** The highest level whose ranges contain every metric that has a value; `null` when none does. */
  level: string | null;
  /** The level whose ranges contain the most metrics (ties: the lower level); `null` without data. */
  closest: string | null;
  /** Per level, how many metrics with a value fall in its ranges. */
  matches: Array<{ level: string; metrics: number }>;
  /** Metrics with a value. */
  measured: number;
  metrics: BenchmarkMetricResult[];
}

/** Whether a value lies in a range; an open end is unbounded. */
export function inBenchmarkRange(
  value: number,
  range: BenchmarkRange,
): boolean {
  if (range.min !== undefined) {
    if (range.minInclusive === false ? value <= range.min : value < range.min)
      return false;
  }
  if (range.max !== undefined) {
    if (range.maxInclusive === false ? value >= range.max : value > range.max)
      return false;
  }
  return true;
}

/**
 * Places one entity's metrics on a benchmark. Each metric matches the levels
 * whose range contains its value; the entity is at the highest level whose
 * ranges contain all its measured metrics. A metric without a value is left
 * out (never a match, never a miss).
 */
export function evaluateBenchmark(
  benchmark: BenchmarkDefinition,
  metrics: MetricsBody,
): BenchmarkResult {
  const perMetric = benchmark.metrics.map((path): BenchmarkMetricResult => {
    const metric = findScorecardMetric(path);
    const actual = metric ? readScorecardMetric(metrics, metric).actual : null;
    const levels =
      actual === null
        ? []
        : benchmark.levels
            .filter(
              l => l.ranges[path] && inBenchmarkRange(actual, l.ranges[path]),
            )
            .map(l => l.level);
    return { metric: path, actual, levels };
  });
  const measured = perMetric.filter(m => m.actual !== null);
  const matches = benchmark.levels.map(l => ({
    level: l.level,
    metrics: measured.filter(m => m.levels.includes(l.level)).length,
  }));
  const full = matches.find(
    m => measured.length > 0 && m.metrics === measured.length,
  );
  let closest: string | null = null;
  let most = 0;
  for (const m of matches) {
    // Levels are highest first: `>=` lets a lower level win a tie.
    if (m.metrics > 0 && m.metrics >= most) {
      most = m.metrics;
      closest = m.level;
    }
  }
  return {
    benchmarkId: benchmark.id,
    level: full?.level ?? null,
    closest,
    matches,
    measured: measured.length,
    metrics: perMetric,
  };
}
