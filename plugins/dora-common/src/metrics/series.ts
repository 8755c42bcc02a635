import { EntityAnalysis } from '../engine/analyzeEntity';
import { median } from '../stats/percentiles';
import { pieceIndex, toZonedIso } from '../time/calendar';

/** One calendar bucket of the trend charts. */
export interface SeriesPoint {
  start: string;
  end: string;
  deployments: number;
  leadTimeSampleSize: number;
  leadTimeMedian: number | null;
  failedChanges: number;
  changeTotal: number;
  changeFailureRate: number | null;
  incidentsResolved: number;
  timeToRestoreMedian: number | null;
}

/** One bucket's counts and medians, before they are dated. */
export interface BucketStats {
  deployments: number;
  leadTimeSampleSize: number;
  leadTimeMedian: number | null;
  failedChanges: number;
  changeTotal: number;
  incidentsResolved: number;
  timeToRestoreMedian: number | null;
}

export const emptyBucket = (): BucketStats => ({
  deployments: 0,
  leadTimeSampleSize: 0,
  leadTimeMedian: null,
  failedChanges: 0,
  changeTotal: 0,
  incidentsResolved: 0,
  timeToRestoreMedian: null,
});

/**
 * The metrics per calendar bucket (day, ISO week or month in the request's
 * timezone; the first and last buckets are clipped to the window). Each
 * value uses the same rules and samples as the window's headline.
 */
export function bucketStats(
  analyses: EntityAnalysis[],
  boundaries: number[],
): BucketStats[] {
  const count = boundaries.length - 1;
  const buckets = Array.from({ length: count }, emptyBucket);
  const leadTimes: number[][] = Array.from({ length: count }, () => []);
  const restores: number[][] = Array.from({ length: count }, () => []);
  const indexOf = (at: number) => pieceIndex(boundaries, at);

  for (const analysis of analyses) {
    for (const { at } of analysis.deployments)
      buckets[indexOf(at)].deployments++;
    for (const { at, seconds } of analysis.leadTimes) {
      leadTimes[indexOf(at)].push(seconds);
    }
    const changes =
      analysis.changeFailureMode === 'pipeline'
        ? analysis.pipelineRuns
        : analysis.deployments;
    for (const { at, failed } of changes) {
      const bucket = buckets[indexOf(at)];
      bucket.changeTotal++;
      if (failed) bucket.failedChanges++;
    }
    if (analysis.hasIncidentSource) {
      for (const { at, seconds } of analysis.restores) {
        restores[indexOf(at)].push(seconds);
      }
    }
  }
  buckets.forEach((bucket, i) => {
    bucket.leadTimeSampleSize = leadTimes[i].length;
    bucket.leadTimeMedian = median(leadTimes[i]);
    bucket.incidentsResolved = restores[i].length;
    bucket.timeToRestoreMedian = median(restores[i]);
  });
  return buckets;
}

/** The buckets dated in the request's timezone, with their ratios. */
export function series(
  buckets: BucketStats[],
  boundaries: number[],
  timezone: string,
): SeriesPoint[] {
  return buckets.map((bucket, i) => ({
    start: toZonedIso(boundaries[i], timezone),
    end: toZonedIso(boundaries[i + 1], timezone),
    deployments: bucket.deployments,
    leadTimeSampleSize: bucket.leadTimeSampleSize,
    leadTimeMedian: bucket.leadTimeMedian,
    failedChanges: bucket.failedChanges,
    changeTotal: bucket.changeTotal,
    changeFailureRate:
      bucket.changeTotal === 0
        ? null
        : bucket.failedChanges / bucket.changeTotal,
    incidentsResolved: bucket.incidentsResolved,
    timeToRestoreMedian: bucket.timeToRestoreMedian,
  }));
}
