import { EntityAnalysis } from '../engine/analyzeEntity';
import { MedianP75, medianAndP75 } from '../stats/percentiles';
import { pooled } from './pooled';

export interface PullRequests {
  merged: number;
  timeToFirstReview: MedianP75;
  timeToMerge: MedianP75;
  /** Lines changed: additions + deletions. */
  size: MedianP75;
  /** Merged changes without review, among those whose review count is known. */
  unreviewedRatio: number | null;
}

/** Working-agreement metrics over changes merged in the window, deployed or not. */
export function pullRequests(analyses: EntityAnalysis[]): PullRequests {
  const samples = analyses.map(a => a.pullRequests);
  let merged = 0;
  let known = 0;
  let unreviewed = 0;
  for (const sample of samples) {
    merged += sample.merged;
    known += sample.reviewCountKnown;
    unreviewed += sample.unreviewed;
  }
  return {
    merged,
    timeToFirstReview: medianAndP75(
      pooled(samples.map(s => s.timeToFirstReview)),
    ),
    timeToMerge: medianAndP75(pooled(samples.map(s => s.timeToMerge))),
    size: medianAndP75(pooled(samples.map(s => s.size))),
    unreviewedRatio: known === 0 ? null : unreviewed / known,
  };
}
