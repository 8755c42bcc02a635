import { change, deployment, metricsOf } from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };

describe('pull-request working-agreement metrics', () => {
  const events = [
    change({
      id: 'c1',
      openedAt: '2024-05-01T09:00:00Z',
      firstReviewAt: '2024-05-01T10:00:00Z',
      mergedAt: '2024-05-01T13:00:00Z',
      additions: 100,
      deletions: 20,
      reviewCount: 2,
    }),
    change({
      id: 'c2',
      openedAt: '2024-05-02T09:00:00Z',
      firstReviewAt: '2024-05-02T11:00:00Z',
      mergedAt: '2024-05-02T15:00:00Z',
      additions: 10,
      deletions: 0,
      reviewCount: 0,
    }),
    change({
      id: 'c3',
      openedAt: '2024-05-03T09:00:00Z',
      mergedAt: '2024-05-03T10:00:00Z',
      additions: 50,
      deletions: 50,
    }),
    // merged before the window
    change({
      id: 'c4',
      openedAt: '2024-04-29T09:00:00Z',
      mergedAt: '2024-04-30T09:00:00Z',
      additions: 1,
      deletions: 1,
      reviewCount: 0,
    }),
    // never merged
    change({
      id: 'c5',
      openedAt: '2024-05-04T09:00:00Z',
      firstReviewAt: '2024-05-04T09:30:00Z',
      reviewCount: 0,
    }),
    // only c1 is deployed; the others count anyway
    deployment({
      id: 'd1',
      finishedAt: '2024-05-01T14:00:00Z',
      changeIds: ['c1'],
    }),
  ];

  it('measures changes merged in the window, deployed or not', () => {
    const { pullRequests } = metricsOf(events, window);
    expect(pullRequests.merged).toBe(3);
    // time to first review: 1 h, 2 h
    expect(pullRequests.timeToFirstReview.median).toBe(5400);
    expect(pullRequests.timeToFirstReview.p75).toBeCloseTo(
      3600 + 0.75 * 3600,
      6,
    );
    // time to merge: 4 h, 6 h, 1 h
    expect(pullRequests.timeToMerge.median).toBe(4 * 3600);
    expect(pullRequests.timeToMerge.p75).toBeCloseTo(5 * 3600, 6);
    // size: 120, 10, 100
    expect(pullRequests.size.median).toBe(100);
    expect(pullRequests.size.p75).toBeCloseTo(110, 6);
  });

  it('divides merged changes without review by merged changes whose review count is known', () => {
    expect(metricsOf(events, window).pullRequests.unreviewedRatio).toBe(1 / 2);
  });

  it('has a null unreviewed ratio when no merged change has a known review count', () => {
    const { pullRequests } = metricsOf(
      [
        change({
          id: 'c1',
          openedAt: '2024-05-01T09:00:00Z',
          mergedAt: '2024-05-01T10:00:00Z',
        }),
      ],
      window,
    );
    expect(pullRequests.merged).toBe(1);
    expect(pullRequests.unreviewedRatio).toBeNull();
    expect(pullRequests.timeToFirstReview).toEqual({ median: null, p75: null });
    expect(pullRequests.size).toEqual({ median: null, p75: null });
  });

  it('reports 0 merged and null statistics when nothing merged in the window', () => {
    expect(metricsOf([], window).pullRequests).toEqual({
      merged: 0,
      timeToFirstReview: { median: null, p75: null },
      timeToMerge: { median: null, p75: null },
      size: { median: null, p75: null },
      unreviewedRatio: null,
    });
  });
});
