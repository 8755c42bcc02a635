import {
  BenchmarkDefinition,
  evaluateBenchmark,
  MetricsBody,
} from '@dora-metrics/plugin-dora-common';
import { capitalize, formatMetricValue } from '../format';

/*
 * A body placed on a DORA report's levels, in words: the level (or why there
 * is none), and per metric its value, the report's words for the range it
 * falls in and that range's level. The levels come from evaluateBenchmark,
 * never from the order of the thresholds: the 2024 change failure rates are
 * not monotonic.
 */

const METRIC_NAMES: Record<string, string> = {
  'deploymentFrequency.perDay': 'Deployment frequency',
  'leadTime.median': 'Lead time',
  'changeFailureRate.ratio': 'Change failure rate',
  'failedDeploymentRecoveryTime.median': 'Failed deployment recovery time',
};

export interface ReportMetricLine {
  metric: string;
  name: string;
  /** e.g. `Lead time (2.1 days): Between one day and one week → Medium`. */
  text: string;
  /** The highest level whose range holds the value, for the colour. */
  level: string | null;
}

export interface ReportLevelView {
  year: number;
  /** `null`: no level (see `summary`). */
  level: string | null;
  /** On the badge: `DORA 2024: High`, `DORA 2024: no level`. */
  badge: string;
  /** Beside the badge: `High (DORA 2024)`, or why there is no level. */
  summary: string;
  metrics: ReportMetricLine[];
  source: { title: string; url: string };
}

const levelLabel = (benchmark: BenchmarkDefinition, level: string) =>
  benchmark.levels.find(l => l.level === level)?.label ?? capitalize(level);

export function reportLevelView(
  benchmark: BenchmarkDefinition,
  metrics: MetricsBody,
): ReportLevelView {
  const result = evaluateBenchmark(benchmark, metrics);
  const lines = result.metrics.map((m): ReportMetricLine => {
    const name = METRIC_NAMES[m.metric] ?? m.metric;
    if (m.actual === null) {
      return { metric: m.metric, name, text: `${name}: no data`, level: null };
    }
    const value = formatMetricValue(m.actual, m.metric);
    if (m.levels.length === 0) {
      return {
        metric: m.metric,
        name,
        text: `${name} (${value}): outside every level the report defines`,
        level: null,
      };
    }
    // A value on a shared boundary matches several levels: name them all.
    const range = benchmark.levels.find(l => l.level === m.levels[0])!.ranges[
      m.metric
    ];
    return {
      metric: m.metric,
      name,
      text: `${name} (${value}): ${range.reportText} → ${m.levels
        .map(capitalize)
        .join(' or ')}`,
      level: m.levels[0],
    };
  });
  let summary: string;
  if (result.level) summary = levelLabel(benchmark, result.level);
  else if (result.closest) {
    summary = `no level: metrics fall in different levels (closest: ${capitalize(
      result.closest,
    )})`;
  } else {
    summary = 'no level: no metric falls in a level of the report';
  }
  return {
    year: benchmark.year,
    level: result.level,
    badge: `DORA ${benchmark.year}: ${
      result.level ? capitalize(result.level) : 'no level'
    }`,
    summary,
    metrics: lines,
    source: benchmark.source,
  };
}
