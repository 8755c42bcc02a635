import { MedianP75 } from '../stats/percentiles';
import { WindowStats } from './windowStats';

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
export function pullRequests(stats: WindowStats): PullRequests {
  const { merged, timeToFirstReview, timeToMerge, size } = stats.pullRequests;
  const { reviewCountKnown, unreviewed } = stats.pullRequests;
  return {
    merged,
    timeToFirstReview,
    timeToMerge,
    size,
    unreviewedRatio:
      reviewCountKnown === 0 ? null : unreviewed / reviewCountKnown,
  };
}
