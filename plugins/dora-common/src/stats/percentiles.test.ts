import {
  meanOf,
  median,
  medianAndP75,
  percentileOfSorted,
  sortedCopy,
  summarizeSample,
} from './percentiles';

describe('percentileOfSorted', () => {
  it('interpolates the median of an even sample linearly: [10,20,30,40] -> 25', () => {
    expect(percentileOfSorted([10, 20, 30, 40], 0.5)).toBe(25);
  });

  it('takes the middle value as the median of an odd sample', () => {
    expect(percentileOfSorted([10, 20, 30], 0.5)).toBe(20);
  });

  it('computes p75 with the R-7 rule: rank (n-1)*0.75 between closest ranks', () => {
    // rank = 3 * 0.75 = 2.25 -> 30 + 0.25 * (40 - 30)
    expect(percentileOfSorted([10, 20, 30, 40], 0.75)).toBeCloseTo(32.5, 10);
  });

  it('computes p90 with the R-7 rule', () => {
    // rank = 3 * 0.9 = 2.7 -> 30 + 0.7 * (40 - 30)
    expect(percentileOfSorted([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 10);
    // rank = 9 * 0.9 = 8.1 -> 9 + 0.1 * (10 - 9)
    expect(
      percentileOfSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9),
    ).toBeCloseTo(9.1, 10);
  });

  it('gives the minimum at p0 and the maximum at p100', () => {
    expect(percentileOfSorted([3, 5, 11], 0)).toBe(3);
    expect(percentileOfSorted([3, 5, 11], 1)).toBe(11);
  });

  it('gives the only value of a one-element sample for every percentile', () => {
    for (const p of [0, 0.5, 0.75, 0.9, 1]) {
      expect(percentileOfSorted([42], p)).toBe(42);
    }
  });

  it('gives null, never 0, for an empty sample', () => {
    expect(percentileOfSorted([], 0.5)).toBeNull();
    expect(percentileOfSorted(new Float64Array(0), 0.9)).toBeNull();
  });
});

describe('meanOf', () => {
  it('is the arithmetic mean', () => {
    expect(meanOf([1, 2, 3, 4])).toBe(2.5);
    expect(meanOf([10, 20, 90])).toBe(40);
  });

  it('is 0 for a sample of zeros, and null for an empty sample', () => {
    expect(meanOf([0, 0])).toBe(0);
    expect(meanOf([])).toBeNull();
  });
});

describe('sortedCopy', () => {
  it('sorts numerically, not as strings, and leaves the input alone', () => {
    const input = [10, 9, 100, -5, 1];
    expect(Array.from(sortedCopy(input))).toEqual([-5, 1, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, -5, 1]);
  });
});

describe('median', () => {
  it('sorts an unsorted sample before interpolating', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([100, 9, 10])).toBe(10);
  });

  it('is 0 for a sample of zeros and null for an empty sample', () => {
    expect(median([0, 0, 0])).toBe(0);
    expect(median([])).toBeNull();
  });
});

describe('summarizeSample', () => {
  it('reports size, median, mean and p90 of an unsorted sample', () => {
    expect(summarizeSample([40, 10, 30, 20])).toEqual({
      sampleSize: 4,
      median: 25,
      mean: 25,
      p90: expect.closeTo(37, 10),
    });
  });

  it('does not reorder the caller’s array', () => {
    const sample = [3, 1, 2];
    summarizeSample(sample);
    expect(sample).toEqual([3, 1, 2]);
  });

  it('reports size 0 and null statistics, never 0, for an empty sample', () => {
    expect(summarizeSample([])).toEqual({
      sampleSize: 0,
      median: null,
      mean: null,
      p90: null,
    });
  });
});

describe('medianAndP75', () => {
  it('reports median and p75 of an unsorted sample', () => {
    const result = medianAndP75([40, 10, 30, 20]);
    expect(result.median).toBe(25);
    expect(result.p75).toBeCloseTo(32.5, 10);
  });

  it('reports nulls for an empty sample', () => {
    expect(medianAndP75([])).toEqual({ median: null, p75: null });
  });
});
