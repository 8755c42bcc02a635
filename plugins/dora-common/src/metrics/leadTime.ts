import { EntityAnalysis } from '../engine/analyzeEntity';
import { SampleSummary, median, summarizeSample } from '../stats/percentiles';
import { Band, leadTimeBand } from './bands';

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
export function leadTime(analyses: EntityAnalysis[]): LeadTime {
  // One pass collects the lead times and every part of the breakdown (an
  // entity-year has ~50,000 samples; a pass per part showed in profiles).
  const seconds: number[] = [];
  const coding: number[] = [];
  const pickup: number[] = [];
  const review: number[] = [];
  const deploy: number[] = [];
  for (const analysis of analyses) {
    for (const sample of analysis.leadTimes) {
      seconds.push(sample.seconds);
      if (sample.coding !== null) coding.push(sample.coding);
      if (sample.pickup !== null) pickup.push(sample.pickup);
      if (sample.review !== null) review.push(sample.review);
      if (sample.deploy !== null) deploy.push(sample.deploy);
    }
  }
  const summary = summarizeSample(seconds);
  const breakdown: LeadTimeBreakdown = {
    coding: median(coding),
    pickup: median(pickup),
    review: median(review),
    deploy: median(deploy),
  };
  return { ...summary, band: leadTimeBand(summary.median), breakdown };
}
