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

/**
 * The arithmetic mean of values with at most millisecond precision (every
 * duration here is a difference of millisecond instants, in seconds). The
 * sum is taken in whole thousandths, exactly, so it does not depend on the
 * order of the values: a database summing the same values agrees to the
 * last bit (see meanFromThousandths).
 */
export function meanOf(sample: ArrayLike<number>): number | null {
  if (sample.length === 0) {
    return null;
  }
  let thousandths = 0;
  for (let i = 0; i < sample.length; i++) {
    thousandths += Math.round(sample[i] * 1000);
  }
  return meanFromThousandths(thousandths, sample.length);
}

/** The mean from an exact sum of thousandths and a count. */
export function meanFromThousandths(
  thousandths: number,
  count: number,
): number | null {
  return count === 0 ? null : thousandths / count / 1000;
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
