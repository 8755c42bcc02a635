import {
  after,
  deployment,
  incident,
  metricsOf,
  MINUTE,
} from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };

describe('change failure rate, incidents mode', () => {
  it('divides failed changes by counted deployments in the window (redeploys, failures and staging left out)', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T02:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'again',
          finishedAt: '2024-05-01T03:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'broken',
          finishedAt: '2024-05-01T04:00:00Z',
          version: 'v2',
          status: 'failure',
        }),
        deployment({
          id: 'stage',
          finishedAt: '2024-05-01T04:30:00Z',
          environment: 'staging',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T05:00:00Z',
          version: 'v2',
        }),
        deployment({
          id: 'd3',
          finishedAt: '2024-05-01T06:00:00Z',
          version: 'v3',
        }),
        deployment({
          id: 'd4',
          finishedAt: '2024-05-01T07:00:00Z',
          version: 'v4',
        }),
        incident({
          id: 'i1',
          openedAt: after('2024-05-01T05:00:00Z', 10 * MINUTE),
        }),
      ],
      window,
    );
    expect(body.changeFailureRate).toEqual({
      mode: 'incidents',
      failed: 1,
      total: 4,
      ratio: 0.25,
      band: 'low',
    });
  });

  it('leaves out deployments outside the window, failed or not', () => {
    const body = metricsOf(
      [
        deployment({ id: 'before', finishedAt: '2024-04-30T23:00:00Z' }),
        incident({
          id: 'i0',
          openedAt: '2024-04-30T23:10:00Z',
          deploymentId: 'before',
        }),
        deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
        deployment({ id: 'atEnd', finishedAt: '2024-05-02T00:00:00Z' }),
        incident({
          id: 'i1',
          openedAt: '2024-05-02T00:10:00Z',
          deploymentId: 'atEnd',
        }),
      ],
      window,
    );
    expect(body.changeFailureRate).toMatchObject({
      failed: 0,
      total: 1,
      ratio: 0,
    });
  });

  it('has a null ratio and band when nothing was deployed', () => {
    const body = metricsOf(
      [incident({ id: 'i1', openedAt: '2024-05-01T10:00:00Z' })],
      window,
    );
    expect(body.changeFailureRate).toEqual({
      mode: 'incidents',
      failed: 0,
      total: 0,
      ratio: null,
      band: null,
    });
  });

  it('bands exactly 1 failed of 20 as elite and 2 of 20 as high', () => {
    const twenty = (failed: number) =>
      metricsOf(
        [
          ...Array.from({ length: 20 }, (_, i) =>
            deployment({
              id: `d${i}`,
              finishedAt: after('2024-05-01T00:00:00Z', i * 60 * MINUTE),
            }),
          ),
          ...Array.from({ length: failed }, (_, i) =>
            incident({
              id: `i${i}`,
              openedAt: '2024-05-01T23:00:00Z',
              deploymentId: `d${i}`,
            }),
          ),
        ],
        window,
      ).changeFailureRate;
    expect(twenty(1)).toMatchObject({ ratio: 0.05, band: 'elite' });
    expect(twenty(2)).toMatchObject({ ratio: 0.1, band: 'high' });
    expect(twenty(3)).toMatchObject({ ratio: 0.15, band: 'medium' });
    expect(twenty(4)).toMatchObject({ ratio: 0.2, band: 'low' });
  });
});

describe('change failure rate, pipeline mode', () => {
  it('divides failed production runs by successful and failed ones in the window: aborted ignored, redeploys kept', () => {
    const body = metricsOf(
      [
        deployment({
          id: 's1',
          finishedAt: '2024-05-01T01:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 's2',
          finishedAt: '2024-05-01T02:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'f1',
          finishedAt: '2024-05-01T03:00:00Z',
          status: 'failure',
        }),
        deployment({
          id: 'a1',
          finishedAt: '2024-05-01T04:00:00Z',
          status: 'aborted',
        }),
        deployment({
          id: 'stage',
          finishedAt: '2024-05-01T05:00:00Z',
          status: 'failure',
          environment: 'staging',
        }),
        deployment({
          id: 'old',
          finishedAt: '2024-04-30T05:00:00Z',
          status: 'failure',
        }),
        // An incident is not a failure in pipeline mode.
        incident({
          id: 'i1',
          openedAt: '2024-05-01T01:10:00Z',
          deploymentId: 's1',
        }),
      ],
      window,
      { settings: { changeFailureMode: 'pipeline' } },
    );
    expect(body.changeFailureRate).toEqual({
      mode: 'pipeline',
      failed: 1,
      total: 3,
      ratio: 1 / 3,
      band: 'low',
    });
    // Deployment frequency still counts deployments, not runs.
    expect(body.deploymentFrequency.count).toBe(1);
  });
});
