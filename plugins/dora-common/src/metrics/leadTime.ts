import { EntityAnalysis, LeadTimeSample } from '../engine/analyzeEntity';
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

type Part = keyof LeadTimeBreakdown;
const parts: Part[] = ['coding', 'pickup', 'review', 'deploy'];

/** Median of one part over the samples that have both of its instants. */
function partMedian(samples: LeadTimeSample[], part: Part): number | null {
  const values: number[] = [];
  for (const sample of samples) {
    const value = sample[part];
    if (value !== null) values.push(value);
  }
  return median(values);
}

/**
 * First commit to production deployment, over the changes shipped by counted
 * deployments finished in the window, pooled across entities.
 */
export function leadTime(analyses: EntityAnalysis[]): LeadTime {
  const samples = analyses.flatMap(a => a.leadTimes);
  const summary = summarizeSample(samples.map(s => s.seconds));
  const breakdown = {} as LeadTimeBreakdown;
  for (const part of parts) breakdown[part] = partMedian(samples, part);
  return { ...summary, band: leadTimeBand(summary.median), breakdown };
}
