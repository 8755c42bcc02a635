import { MetricsBody } from '../engine/computeMetrics';

/**
 * How a metric's value is written in a threshold:
 * - `duration`: seconds (`90s`, `30m`, `24h`, `2d`, `1w`);
 * - `ratio`: a share in [0, 1] (`15%`);
 * - `count`: a plain number (`400`);
 * - `rate`: events per the metric's own period (`1/day`, `2/week`, `1/month`).
 */
export type ScorecardMetricUnit = 'duration' | 'ratio' | 'count' | 'rate';

/** The period of a rate; a month is 30 days, as in the engine's `perMonth`. */
export type RatePeriod = 'day' | 'week' | 'month';

/** Days in each rate period. */
export const RATE_PERIOD_DAYS: Record<RatePeriod, number> = {
  day: 1,
  week: 7,
  month: 30,
};

/** A metric a scorecard rule may name: a path into the metrics body. */
export interface ScorecardMetric {
  path: string;
  title: string;
  unit: ScorecardMetricUnit;
  /** The path whose number is the sample behind the value (for `minSampleSize`). */
  sampleSizePath: string;
  /** For a rate: the period its value is counted per. */
  per?: RatePeriod;
}

const DF_SAMPLE = 'deploymentFrequency.count';
const LT_SAMPLE = 'leadTime.sampleSize';
const TTR_SAMPLE = 'timeToRestore.sampleSize';
const FDRT_SAMPLE = 'failedDeploymentRecoveryTime.sampleSize';
const PR_SAMPLE = 'pullRequests.merged';

/** Every metric a rule may name, in the order a picker would show them. */
export const scorecardMetrics: readonly ScorecardMetric[] = [
  {
    path: 'deploymentFrequency.perDay',
    title: 'Deployments per day',
    unit: 'rate',
    per: 'day',
    sampleSizePath: DF_SAMPLE,
  },
  {
    path: 'deploymentFrequency.perWeek',
    title: 'Deployments per week',
    unit: 'rate',
    per: 'week',
    sampleSizePath: DF_SAMPLE,
  },
  {
    path: 'deploymentFrequency.perMonth',
    title: 'Deployments per month',
    unit: 'rate',
    per: 'month',
    sampleSizePath: DF_SAMPLE,
  },
  {
    path: 'deploymentFrequency.count',
    title: 'Deployments in the window',
    unit: 'count',
    sampleSizePath: DF_SAMPLE,
  },
  {
    path: 'leadTime.median',
    title: 'Lead time for changes (median)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.mean',
    title: 'Lead time for changes (mean)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.p90',
    title: 'Lead time for changes (p90)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.breakdown.coding',
    title: 'Coding time (median)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.breakdown.pickup',
    title: 'Pickup time (median)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.breakdown.review',
    title: 'Review time (median)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'leadTime.breakdown.deploy',
    title: 'Deploy time (median)',
    unit: 'duration',
    sampleSizePath: LT_SAMPLE,
  },
  {
    path: 'changeFailureRate.ratio',
    title: 'Change failure rate',
    unit: 'ratio',
    sampleSizePath: 'changeFailureRate.total',
  },
  {
    path: 'timeToRestore.median',
    title: 'Time to restore service (median)',
    unit: 'duration',
    sampleSizePath: TTR_SAMPLE,
  },
  {
    path: 'timeToRestore.mean',
    title: 'Time to restore service (mean)',
    unit: 'duration',
    sampleSizePath: TTR_SAMPLE,
  },
  {
    path: 'timeToRestore.p90',
    title: 'Time to restore service (p90)',
    unit: 'duration',
    sampleSizePath: TTR_SAMPLE,
  },
  {
    path: 'failedDeploymentRecoveryTime.median',
    title: 'Failed deployment recovery time (median)',
    unit: 'duration',
    sampleSizePath: FDRT_SAMPLE,
  },
  {
    path: 'failedDeploymentRecoveryTime.mean',
    title: 'Failed deployment recovery time (mean)',
    unit: 'duration',
    sampleSizePath: FDRT_SAMPLE,
  },
  {
    path: 'failedDeploymentRecoveryTime.p90',
    title: 'Failed deployment recovery time (p90)',
    unit: 'duration',
    sampleSizePath: FDRT_SAMPLE,
  },
  {
    path: 'reworkRate.ratio',
    title: 'Deployment rework rate',
    unit: 'ratio',
    sampleSizePath: 'reworkRate.total',
  },
  {
    path: 'pullRequests.timeToFirstReview.median',
    title: 'Time to first review (median)',
    unit: 'duration',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.timeToFirstReview.p75',
    title: 'Time to first review (p75)',
    unit: 'duration',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.timeToMerge.median',
    title: 'Time to merge (median)',
    unit: 'duration',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.timeToMerge.p75',
    title: 'Time to merge (p75)',
    unit: 'duration',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.size.median',
    title: 'Pull request size, lines changed (median)',
    unit: 'count',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.size.p75',
    title: 'Pull request size, lines changed (p75)',
    unit: 'count',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.unreviewedRatio',
    title: 'Share of merged pull requests without review',
    unit: 'ratio',
    sampleSizePath: PR_SAMPLE,
  },
  {
    path: 'pullRequests.merged',
    title: 'Merged pull requests',
    unit: 'count',
    sampleSizePath: PR_SAMPLE,
  },
];

const byPath = new Map(scorecardMetrics.map(m => [m.path, m]));

/** The catalog entry of a metric path, or `undefined` when a rule may not name it. */
export function findScorecardMetric(path: string): ScorecardMetric | undefined {
  return byPath.get(path);
}

/** The number at a dotted path of a metrics body; `null` when absent or not a finite number. */
export function numberAtPath(body: MetricsBody, path: string): number | null {
  let node: unknown = body;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/** A metric's value and the size of the sample behind it, read from a metrics body. */
export function readScorecardMetric(
  body: MetricsBody,
  metric: ScorecardMetric,
): { actual: number | null; sampleSize: number | null } {
  return {
    actual: numberAtPath(body, metric.path),
    sampleSize: numberAtPath(body, metric.sampleSizePath),
  };
}
