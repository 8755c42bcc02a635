import { SampleSummary } from '../stats/percentiles';
import { Band, leadTimeBand } from './bands';
import { WindowStats } from './windowStats';

export interface LeadTimeBreakdown {
  coding: number | null;
  pickup: number | null;
  review: number | null;
  deploy: number | null;
}

export interface LeadTime extends SampleSummary {
  band: Band | null;
  breakdown: LeadTimeBreakdown;
}

/**
 * First commit to production deployment, over the changes shipped by counted
 * deployments finished in the window, pooled across entities. The medians of
 * the breakdown are each over the samples that have both of its instants.
 */
export function leadTime(stats: WindowStats): LeadTime {
  return {
    ...stats.leadTime,
    band: leadTimeBand(stats.leadTime.median),
    breakdown: { ...stats.breakdown },
  };
}
