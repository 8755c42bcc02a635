import {
  after,
  change,
  deployment,
  HOUR,
  incident,
  metricsOf,
  MINUTE,
} from '../__testUtils__/eventFactories';
import { SeriesPoint } from './series';

const sum = (rows: SeriesPoint[], key: keyof SeriesPoint) =>
  rows.reduce((total, row) => total + (row[key] as number), 0);

describe('series', () => {
  const events = [
    // 1 May: two deployments, one failed (incident names it), two changes shipped
    change({
      id: 'c1',
      firstCommitAt: '2024-05-01T00:00:00Z',
      mergedAt: '2024-05-01T01:00:00Z',
    }),
    change({
      id: 'c2',
      firstCommitAt: '2024-05-01T02:00:00Z',
      mergedAt: '2024-05-01T03:00:00Z',
    }),
    deployment({ id: 'd1', finishedAt: '2024-05-01T04:00:00Z' }),
    incident({
      id: 'i1',
      openedAt: '2024-05-01T04:10:00Z',
      resolvedAt: '2024-05-01T04:40:00Z',
      deploymentId: 'd1',
    }),
    deployment({ id: 'd2', finishedAt: '2024-05-01T22:00:00Z', changeIds: [] }),
    // 2 May: nothing
    // 3 May: one deployment shipping one change; an incident resolved
    change({
      id: 'c3',
      firstCommitAt: '2024-05-03T01:00:00Z',
      mergedAt: '2024-05-03T02:00:00Z',
    }),
    deployment({ id: 'd3', finishedAt: '2024-05-03T05:00:00Z' }),
    incident({
      id: 'i2',
      openedAt: '2024-05-02T23:00:00Z',
      resolvedAt: '2024-05-03T01:00:00Z',
      causedByDeployment: false,
    }),
  ];
  const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-04T00:00:00Z' };

  it('has one row per calendar bucket, with its start and end', () => {
    const { series } = metricsOf(events, { ...window, bucket: 'day' });
    expect(series).toHaveLength(3);
    expect(series.map(r => [Date.parse(r.start), Date.parse(r.end)])).toEqual([
      [Date.parse('2024-05-01T00:00:00Z'), Date.parse('2024-05-02T00:00:00Z')],
      [Date.parse('2024-05-02T00:00:00Z'), Date.parse('2024-05-03T00:00:00Z')],
      [Date.parse('2024-05-03T00:00:00Z'), Date.parse('2024-05-04T00:00:00Z')],
    ]);
  });

  it('puts each value in the bucket of its instant', () => {
    const { series } = metricsOf(events, { ...window, bucket: 'day' });
    expect(series.map(r => r.deployments)).toEqual([2, 0, 1]);
    expect(series.map(r => r.leadTimeSampleSize)).toEqual([2, 0, 1]);
    // c1: 4 h, c2: 2 h -> 3 h; c3: 4 h
    expect(series.map(r => r.leadTimeMedian)).toEqual([
      3 * 3600,
      null,
      4 * 3600,
    ]);
    expect(series.map(r => r.failedChanges)).toEqual([1, 0, 0]);
    expect(series.map(r => r.changeTotal)).toEqual([2, 0, 1]);
    expect(series.map(r => r.changeFailureRate)).toEqual([0.5, null, 0]);
    expect(series.map(r => r.incidentsResolved)).toEqual([1, 0, 1]);
    expect(series.map(r => r.timeToRestoreMedian)).toEqual([1800, null, 7200]);
  });

  it('sums to the headline counts', () => {
    const body = metricsOf(events, { ...window, bucket: 'day' });
    expect(sum(body.series, 'deployments')).toBe(
      body.deploymentFrequency.count,
    );
    expect(sum(body.series, 'leadTimeSampleSize')).toBe(
      body.leadTime.sampleSize,
    );
    expect(sum(body.series, 'failedChanges')).toBe(
      body.changeFailureRate.failed,
    );
    expect(sum(body.series, 'changeTotal')).toBe(body.changeFailureRate.total);
    expect(sum(body.series, 'incidentsResolved')).toBe(
      body.timeToRestore.sampleSize,
    );
    expect(body.deploymentFrequency.count).toBe(3);
  });

  it('cuts buckets in the request’s timezone: 22:00 UTC on 1 May is 2 May in Berlin', () => {
    const { series } = metricsOf(events, {
      ...window,
      bucket: 'day',
      timezone: 'Europe/Berlin',
    });
    // Pieces: [1 May 00:00Z, 1 May 22:00Z), [.., 2 May 22:00Z), [.., 3 May 22:00Z), [.., 4 May 00:00Z)
    expect(series).toHaveLength(4);
    expect(series.map(r => r.deployments)).toEqual([1, 1, 1, 0]);
    expect(series[1].start).toMatch(/^2024-05-02T00:00:00(\.000)?\+02:00$/);
  });

  it('clips the first and last week to the window', () => {
    const { series } = metricsOf(events, {
      from: '2024-05-01T00:00:00Z', // Wednesday
      to: '2024-05-15T00:00:00Z', // Wednesday
      bucket: 'week',
    });
    expect(series.map(r => [Date.parse(r.start), Date.parse(r.end)])).toEqual([
      [Date.parse('2024-05-01T00:00:00Z'), Date.parse('2024-05-06T00:00:00Z')],
      [Date.parse('2024-05-06T00:00:00Z'), Date.parse('2024-05-13T00:00:00Z')],
      [Date.parse('2024-05-13T00:00:00Z'), Date.parse('2024-05-15T00:00:00Z')],
    ]);
    expect(series.map(r => r.deployments)).toEqual([3, 0, 0]);
  });

  it('counts production runs per bucket in pipeline mode', () => {
    const start = '2024-05-01T00:00:00Z';
    const { series, changeFailureRate } = metricsOf(
      [
        deployment({ id: 's1', finishedAt: after(start, HOUR) }),
        deployment({
          id: 'f1',
          finishedAt: after(start, 2 * HOUR),
          status: 'failure',
        }),
        deployment({
          id: 'a1',
          finishedAt: after(start, 3 * HOUR),
          status: 'aborted',
        }),
        deployment({
          id: 'f2',
          finishedAt: after(start, 25 * HOUR),
          status: 'failure',
        }),
        deployment({
          id: 's2',
          finishedAt: after(start, 25 * HOUR + 10 * MINUTE),
        }),
      ],
      { ...window, bucket: 'day' },
      { settings: { changeFailureMode: 'pipeline' } },
    );
    expect(series.map(r => r.changeTotal)).toEqual([2, 2, 0]);
    expect(series.map(r => r.failedChanges)).toEqual([1, 1, 0]);
    expect(sum(series, 'changeTotal')).toBe(changeFailureRate.total);
  });
});
