import {
  change,
  deployment,
  metricsOf,
  warningOf,
} from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };

describe('lead time for changes', () => {
  it('runs from the first commit, not the pull request’s opening, to the production deployment', () => {
    const body = metricsOf(
      [
        change({
          id: 'c1',
          firstCommitAt: '2024-05-01T08:00:00Z',
          openedAt: '2024-05-01T09:00:00Z',
          firstReviewAt: '2024-05-01T10:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-01T12:00:00Z' }),
      ],
      window,
    );
    expect(body.leadTime).toEqual({
      sampleSize: 1,
      median: 4 * 3600,
      mean: 4 * 3600,
      p90: 4 * 3600,
      band: 'elite',
      breakdown: { coding: 3600, pickup: 3600, review: 3600, deploy: 3600 },
    });
  });

  it('falls back to openedAt, then mergedAt, without a first commit, and counts those changes in LEAD_TIME_FALLBACK_START', () => {
    const body = metricsOf(
      [
        change({
          id: 'opened',
          openedAt: '2024-05-01T09:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        change({ id: 'mergedOnly', mergedAt: '2024-05-01T11:30:00Z' }),
        change({
          id: 'full',
          firstCommitAt: '2024-05-01T06:00:00Z',
          openedAt: '2024-05-01T07:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-01T12:00:00Z' }),
      ],
      window,
    );
    // 3 h (from opening), 0.5 h (from merge), 6 h (from first commit)
    expect(body.leadTime.sampleSize).toBe(3);
    expect(body.leadTime.median).toBe(3 * 3600);
    expect(body.leadTime.mean).toBe(((3 + 0.5 + 6) * 3600) / 3);
    expect(warningOf(body, 'LEAD_TIME_FALLBACK_START')?.count).toBe(2);
  });

  it('drops a negative lead time and counts it in NEGATIVE_LEAD_TIME, but keeps a zero one', () => {
    const body = metricsOf(
      [
        change({
          id: 'skewed',
          firstCommitAt: '2024-05-01T13:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        change({
          id: 'instant',
          firstCommitAt: '2024-05-01T12:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T12:00:00Z',
          changeIds: ['skewed', 'instant'],
        }),
      ],
      window,
    );
    expect(body.leadTime.sampleSize).toBe(1);
    expect(body.leadTime.median).toBe(0);
    expect(body.leadTime.band).toBe('elite');
    expect(warningOf(body, 'NEGATIVE_LEAD_TIME')?.count).toBe(1);
  });

  it('counts only changes shipped by deployments finished in the window', () => {
    const body = metricsOf(
      [
        change({
          id: 'before',
          firstCommitAt: '2024-04-29T00:00:00Z',
          mergedAt: '2024-04-29T10:00:00Z',
        }),
        deployment({ id: 'd0', finishedAt: '2024-04-30T23:59:59Z' }),
        change({
          id: 'inside',
          firstCommitAt: '2024-05-01T00:00:00Z',
          mergedAt: '2024-05-01T01:00:00Z',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-01T02:00:00Z' }),
        change({
          id: 'atEnd',
          firstCommitAt: '2024-05-07T00:00:00Z',
          mergedAt: '2024-05-07T01:00:00Z',
        }),
        deployment({ id: 'd2', finishedAt: '2024-05-08T00:00:00Z' }),
      ],
      window,
    );
    expect(body.leadTime.sampleSize).toBe(1);
    expect(body.leadTime.median).toBe(2 * 3600);
  });

  it('takes each breakdown part’s median over the changes with both instants, clamping negative parts to 0', () => {
    const body = metricsOf(
      [
        change({
          id: 'c1',
          firstCommitAt: '2024-05-01T00:00:00Z',
          openedAt: '2024-05-01T02:00:00Z',
          firstReviewAt: '2024-05-01T03:00:00Z',
          mergedAt: '2024-05-01T05:00:00Z',
        }),
        change({
          id: 'c2',
          firstCommitAt: '2024-05-01T01:00:00Z',
          mergedAt: '2024-05-01T06:00:00Z',
        }),
        change({
          id: 'c3',
          firstCommitAt: '2024-05-01T04:00:00Z',
          openedAt: '2024-05-01T03:00:00Z', // before the first commit: coding 0
          firstReviewAt: '2024-05-01T02:00:00Z', // before opening: pickup 0
          mergedAt: '2024-05-01T07:00:00Z',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-01T12:00:00Z' }),
      ],
      window,
    );
    // Lead times 12 h, 11 h, 8 h.
    expect(body.leadTime.sampleSize).toBe(3);
    expect(body.leadTime.median).toBe(11 * 3600);
    expect(body.leadTime.mean).toBeCloseTo(((12 + 11 + 8) * 3600) / 3, 6);
    expect(body.leadTime.p90).toBeCloseTo(11 * 3600 + 0.8 * 3600, 6);
    expect(body.leadTime.breakdown).toEqual({
      coding: (7200 + 0) / 2,
      pickup: (3600 + 0) / 2,
      review: (7200 + 18000) / 2,
      deploy: 21600, // median of 7 h, 6 h, 5 h
    });
  });

  it('leaves changes dropped from the sample out of the breakdown too', () => {
    const body = metricsOf(
      [
        change({
          id: 'skewed',
          firstCommitAt: '2024-05-01T13:00:00Z',
          mergedAt: '2024-05-01T11:00:00Z',
        }),
        change({
          id: 'ok',
          firstCommitAt: '2024-05-01T08:00:00Z',
          mergedAt: '2024-05-01T09:00:00Z',
        }),
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T12:00:00Z',
          changeIds: ['skewed', 'ok'],
        }),
      ],
      window,
    );
    expect(body.leadTime.breakdown.deploy).toBe(3 * 3600);
  });

  it('bands the median: two days is high', () => {
    const body = metricsOf(
      [
        change({
          id: 'c1',
          firstCommitAt: '2024-05-01T00:00:00Z',
          mergedAt: '2024-05-02T00:00:00Z',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-03T00:00:00Z' }),
      ],
      window,
    );
    expect(body.leadTime.median).toBe(2 * 86400);
    expect(body.leadTime.band).toBe('high');
  });

  it('reports nulls, never 0, and no band when nothing shipped in the window', () => {
    const body = metricsOf(
      [deployment({ id: 'd1', finishedAt: '2024-05-01T12:00:00Z' })],
      window,
    );
    expect(body.leadTime).toEqual({
      sampleSize: 0,
      median: null,
      mean: null,
      p90: null,
      band: null,
      breakdown: { coding: null, pickup: null, review: null, deploy: null },
    });
  });
});
