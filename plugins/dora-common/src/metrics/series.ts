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

interface Accumulator {
  deployments: number;
  leadTimes: number[];
  failed: number;
  total: number;
  restores: number[];
}

/**
 * The metrics per calendar bucket (day, ISO week or month in the request's
 * timezone; the first and last buckets are clipped to the window). Each
 * value uses the same rules and samples as the window's headline.
 */
export function series(
  analyses: EntityAnalysis[],
  boundaries: number[],
  timezone: string,
): SeriesPoint[] {
  const buckets: Accumulator[] = [];
  for (let i = 0; i < boundaries.length - 1; i++) {
    buckets.push({
      deployments: 0,
      leadTimes: [],
      failed: 0,
      total: 0,
      restores: [],
    });
  }
  const bucketAt = (at: number) => buckets[pieceIndex(boundaries, at)];

  for (const analysis of analyses) {
    for (const { at } of analysis.deployments) bucketAt(at).deployments++;
    for (const { at, seconds } of analysis.leadTimes) {
      bucketAt(at).leadTimes.push(seconds);
    }
    const changes =
      analysis.changeFailureMode === 'pipeline'
        ? analysis.pipelineRuns
        : analysis.deployments;
    for (const { at, failed } of changes) {
      const bucket = bucketAt(at);
      bucket.total++;
      if (failed) bucket.failed++;
    }
    if (analysis.hasIncidentSource) {
      for (const { at, seconds } of analysis.restores) {
        bucketAt(at).restores.push(seconds);
      }
    }
  }

  return buckets.map((bucket, i) => ({
    start: toZonedIso(boundaries[i], timezone),
    end: toZonedIso(boundaries[i + 1], timezone),
    deployments: bucket.deployments,
    leadTimeSampleSize: bucket.leadTimes.length,
    leadTimeMedian: median(bucket.leadTimes),
    failedChanges: bucket.failed,
    changeTotal: bucket.total,
    changeFailureRate: bucket.total === 0 ? null : bucket.failed / bucket.total,
    incidentsResolved: bucket.restores.length,
    timeToRestoreMedian: median(bucket.restores),
  }));
}
