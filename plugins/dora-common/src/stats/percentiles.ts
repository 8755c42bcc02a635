/**
 * Percentiles by linear interpolation between closest ranks (Hyndman-Fan
 * R-7, like SQL `PERCENTILE_CONT`): `[10,20,30,40]` has median 25.
 * Every function takes an ascending sorted sample and returns `null` for an
 * empty one, never 0.
 */
export function percentileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
): number | null {
  if (sorted.length === 0) {
    return null;
  }
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
}

export function meanOf(sample: ArrayLike<number>): number | null {
  if (sample.length === 0) {
    return null;
  }
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i];
  return sum / sample.length;
}

/** Sorts a copy ascending (typed arrays sort numerically, and fast). */
export function sortedCopy(sample: ArrayLike<number>): Float64Array {
  return Float64Array.from(sample).sort();
}

export function median(sample: number[]): number | null {
  return percentileOfSorted(sortedCopy(sample), 0.5);
}

/** The summary reported for a duration sample: size, median, mean and p90. */
export interface SampleSummary {
  sampleSize: number;
  median: number | null;
  mean: number | null;
  p90: number | null;
}

export function summarizeSample(sample: number[]): SampleSummary {
  const sorted = sortedCopy(sample);
  return {
    sampleSize: sorted.length,
    median: percentileOfSorted(sorted, 0.5),
    mean: meanOf(sample),
    p90: percentileOfSorted(sorted, 0.9),
  };
}

/** Median and p75, as reported for working-agreement metrics. */
export interface MedianP75 {
  median: number | null;
  p75: number | null;
}

export function medianAndP75(sample: number[]): MedianP75 {
  const sorted = sortedCopy(sample);
  return {
    median: percentileOfSorted(sorted, 0.5),
    p75: percentileOfSorted(sorted, 0.75),
  };
}
