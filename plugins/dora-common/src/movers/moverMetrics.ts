import type { MetricsBody } from '../engine/computeMetrics';
import type { Band } from '../metrics/bands';

/** The four DORA metrics compared window to window. */
export const moverMetrics = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
] as const;
export type MoverMetric = (typeof moverMetrics)[number];

/** What a mover reads of a metrics body (an entity's, a team's, a rollup row). */
export type MoverBody = Pick<
  MetricsBody,
  'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore'
>;

/**
 * Below this many events in either window a change is marked as a small
 * sample and never ranked: deployments for deployment frequency and change
 * failure rate, shipped changes for lead time, restored incidents for time
 * to restore (incidents are rarer, hence the lower bar).
 */
export const MOVER_MIN_SAMPLE: Record<MoverMetric, number> = {
  deploymentFrequency: 5,
  leadTime: 5,
  changeFailureRate: 5,
  timeToRestore: 3,
};

/** How one metric is read for a mover. */
export interface MoverMetricReading {
  value: number | null;
  sample: number;
  band: Band | null;
}

/** How a metric's change is told: in % of the previous value, or in percentage points (ratios). */
export type ChangeUnit = 'percent' | 'points';

export const moverMetricDefinitions: Record<
  MoverMetric,
  {
    title: string;
    better: 'higher' | 'lower';
    unit: ChangeUnit;
    read(body: MoverBody): MoverMetricReading;
  }
> = {
  deploymentFrequency: {
    title: 'Deployment frequency',
    better: 'higher',
    unit: 'percent',
    read: body => ({
      value: body.deploymentFrequency.perDay,
      sample: body.deploymentFrequency.count,
      band: body.deploymentFrequency.band,
    }),
  },
  leadTime: {
    title: 'Lead time (median)',
    better: 'lower',
    unit: 'percent',
    read: body => ({
      value: body.leadTime.median,
      sample: body.leadTime.sampleSize,
      band: body.leadTime.band,
    }),
  },
  changeFailureRate: {
    title: 'Change failure rate',
    better: 'lower',
    unit: 'points',
    read: body => ({
      value: body.changeFailureRate.ratio,
      sample: body.changeFailureRate.total,
      band: body.changeFailureRate.band,
    }),
  },
  timeToRestore: {
    title: 'Time to restore (median)',
    better: 'lower',
    unit: 'percent',
    read: body => ({
      value: body.timeToRestore.median,
      sample: body.timeToRestore.sampleSize ?? 0,
      band: body.timeToRestore.band,
    }),
  },
};
