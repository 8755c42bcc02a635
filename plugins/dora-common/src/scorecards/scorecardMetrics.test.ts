import { metricsOf } from '../__testUtils__/eventFactories';
import {
  findScorecardMetric,
  numberAtPath,
  readScorecardMetric,
  scorecardMetrics,
} from './scorecardMetrics';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-31T00:00:00Z' };
const emptyBody = metricsOf([], window);

describe('scorecard metric catalog', () => {
  it('names every metric path and its sample path as a real path of the metrics body', () => {
    const keysOf = (path: string) => {
      let node: unknown = emptyBody;
      for (const key of path.split('.')) {
        expect(node).not.toBeNull();
        expect(Object.keys(node as object)).toContain(key);
        node = (node as Record<string, unknown>)[key];
      }
    };
    for (const metric of scorecardMetrics) {
      keysOf(metric.path);
      keysOf(metric.sampleSizePath);
    }
  });

  it('has unique paths, and gives a rate its period', () => {
    const paths = scorecardMetrics.map(m => m.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(
      scorecardMetrics.filter(m => m.unit === 'rate').map(m => [m.path, m.per]),
    ).toEqual([
      ['deploymentFrequency.perDay', 'day'],
      ['deploymentFrequency.perWeek', 'week'],
      ['deploymentFrequency.perMonth', 'month'],
    ]);
  });

  it('holds the metrics of the issue with their units and sample paths', () => {
    expect(findScorecardMetric('pullRequests.timeToFirstReview.p75')).toEqual(
      expect.objectContaining({
        unit: 'duration',
        sampleSizePath: 'pullRequests.merged',
      }),
    );
    expect(findScorecardMetric('pullRequests.size.p75')?.unit).toBe('count');
    expect(findScorecardMetric('changeFailureRate.ratio')).toEqual(
      expect.objectContaining({
        unit: 'ratio',
        sampleSizePath: 'changeFailureRate.total',
      }),
    );
    expect(
      findScorecardMetric('leadTime.breakdown.review')?.sampleSizePath,
    ).toBe('leadTime.sampleSize');
    expect(findScorecardMetric('timeToRestore.median')?.sampleSizePath).toBe(
      'timeToRestore.sampleSize',
    );
    expect(findScorecardMetric('reworkRate.ratio')?.sampleSizePath).toBe(
      'reworkRate.total',
    );
  });

  it('knows no path outside the catalog', () => {
    expect(findScorecardMetric('leadTime.band')).toBeUndefined();
    expect(findScorecardMetric('leadTime')).toBeUndefined();
    expect(findScorecardMetric('nope')).toBeUndefined();
  });

  it('reads a missing value as null, and a missing sample size as null', () => {
    // No incident source: time to restore and its sample size are null.
    expect(
      readScorecardMetric(
        emptyBody,
        findScorecardMetric('timeToRestore.median')!,
      ),
    ).toEqual({ actual: null, sampleSize: null });
    expect(
      readScorecardMetric(
        emptyBody,
        findScorecardMetric('changeFailureRate.ratio')!,
      ),
    ).toEqual({ actual: null, sampleSize: 0 });
    expect(
      readScorecardMetric(
        emptyBody,
        findScorecardMetric('deploymentFrequency.perWeek')!,
      ),
    ).toEqual({ actual: 0, sampleSize: 0 });
    expect(numberAtPath(emptyBody, 'leadTime.median.deeper')).toBeNull();
    expect(numberAtPath(emptyBody, 'mode')).toBeNull();
  });
});
