import {
  deployment,
  incident,
  metricsOf,
  warningOf,
} from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };

describe('time to restore service', () => {
  const events = [
    // resolved in the window, opened before it: 2 h
    incident({
      id: 'i1',
      openedAt: '2024-04-30T23:00:00Z',
      resolvedAt: '2024-05-01T01:00:00Z',
      deploymentId: 'unknown',
    }),
    // resolved in the window, not change-caused: 30 min
    incident({
      id: 'i2',
      openedAt: '2024-05-01T10:00:00Z',
      resolvedAt: '2024-05-01T10:30:00Z',
      causedByDeployment: false,
    }),
    // resolved exactly at `to`: not in the sample, still open at `to`
    incident({
      id: 'i3',
      openedAt: '2024-05-01T20:00:00Z',
      resolvedAt: '2024-05-02T00:00:00Z',
    }),
    // unresolved, opened in the window: open
    incident({ id: 'i4', openedAt: '2024-05-01T22:00:00Z' }),
    // resolved before the window: neither
    incident({
      id: 'i5',
      openedAt: '2024-04-29T00:00:00Z',
      resolvedAt: '2024-04-30T00:00:00Z',
    }),
    // opened after the window: not open
    incident({ id: 'i6', openedAt: '2024-05-02T01:00:00Z' }),
    // opened long before, never resolved: open
    incident({ id: 'i7', openedAt: '2024-04-20T00:00:00Z' }),
    // resolved after the window: open at `to`
    incident({
      id: 'i8',
      openedAt: '2024-04-30T00:00:00Z',
      resolvedAt: '2024-05-02T05:00:00Z',
    }),
  ];

  it('measures every incident resolved in the window, change-caused or not, from opened to resolved', () => {
    const body = metricsOf(events, window);
    expect(body.timeToRestore).toMatchObject({
      source: 'incidents',
      sampleSize: 2,
      median: (7200 + 1800) / 2,
      mean: (7200 + 1800) / 2,
      band: 'high',
    });
    expect(body.timeToRestore.p90).toBeCloseTo(1800 + 0.9 * 5400, 6);
  });

  it('counts as open the incidents opened before `to` and not resolved by `to`, including one resolved exactly at `to`', () => {
    expect(metricsOf(events, window).timeToRestore.open).toBe(4);
  });

  it('bands a median under one hour as elite', () => {
    const body = metricsOf(
      [
        incident({
          id: 'i',
          openedAt: '2024-05-01T10:00:00Z',
          resolvedAt: '2024-05-01T10:59:59Z',
        }),
      ],
      window,
    );
    expect(body.timeToRestore.band).toBe('elite');
  });

  it('drops an incident resolved before it opened and counts it in NEGATIVE_RESTORE_TIME', () => {
    const body = metricsOf(
      [
        incident({
          id: 'bad',
          openedAt: '2024-05-01T12:00:00Z',
          resolvedAt: '2024-05-01T11:00:00Z',
        }),
        incident({
          id: 'good',
          openedAt: '2024-05-01T12:00:00Z',
          resolvedAt: '2024-05-01T12:20:00Z',
        }),
      ],
      window,
    );
    expect(body.timeToRestore.sampleSize).toBe(1);
    expect(body.timeToRestore.median).toBe(1200);
    expect(warningOf(body, 'NEGATIVE_RESTORE_TIME')?.count).toBe(1);
  });

  describe('without an incident source', () => {
    const noSource = metricsOf(
      [deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' })],
      window,
    );

    it('is never estimated from deployments: median, mean, p90, open and band are null, source is null, with NO_INCIDENT_SOURCE', () => {
      expect(noSource.timeToRestore).toMatchObject({
        source: null,
        median: null,
        mean: null,
        p90: null,
        open: null,
        band: null,
      });
      expect(warningOf(noSource, 'NO_INCIDENT_SOURCE')).toBeDefined();
    });

    it('reports every value as null, the sample size included', () => {
      expect(noSource.timeToRestore.sampleSize).toBeNull();
    });
  });

  it('has an incident source when the entity names one, even before any incident arrived', () => {
    const body = metricsOf(
      [deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' })],
      window,
      { settings: { incidentSource: 'pagerduty' } },
    );
    expect(body.timeToRestore).toEqual({
      source: 'incidents',
      sampleSize: 0,
      median: null,
      mean: null,
      p90: null,
      open: 0,
      band: null,
    });
    expect(warningOf(body, 'NO_INCIDENT_SOURCE')).toBeUndefined();
  });

  it('has an incident source when an incident was ever ingested, even outside the events passed in', () => {
    const body = metricsOf([], window, {
      history: { incidentEverIngested: true },
    });
    expect(body.timeToRestore.source).toBe('incidents');
    expect(warningOf(body, 'NO_INCIDENT_SOURCE')).toBeUndefined();
  });

  it('has an incident source when an incident outside the window was ingested', () => {
    const body = metricsOf(
      [
        incident({
          id: 'old',
          openedAt: '2024-03-01T00:00:00Z',
          resolvedAt: '2024-03-01T01:00:00Z',
        }),
      ],
      window,
    );
    expect(body.timeToRestore).toMatchObject({
      source: 'incidents',
      sampleSize: 0,
      median: null,
      open: 0,
    });
  });
});
