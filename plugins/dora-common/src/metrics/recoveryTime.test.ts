import { deployment, incident, metricsOf } from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };

describe('failed deployment recovery time, incidents mode', () => {
  it('uses the first incident (by opening) of each failed deployment, when it resolved in the window', () => {
    const body = metricsOf(
      [
        deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
        // listed first but opened second, resolved first
        incident({
          id: 'second',
          openedAt: '2024-05-01T10:20:00Z',
          resolvedAt: '2024-05-01T10:40:00Z',
          deploymentId: 'd1',
        }),
        incident({
          id: 'first',
          openedAt: '2024-05-01T10:10:00Z',
          resolvedAt: '2024-05-01T12:10:00Z',
          deploymentId: 'd1',
        }),
        deployment({ id: 'd2', finishedAt: '2024-05-01T14:00:00Z' }),
        incident({
          id: 'unlinked',
          openedAt: '2024-05-01T14:30:00Z',
          resolvedAt: '2024-05-01T15:30:00Z',
        }),
        deployment({ id: 'd3', finishedAt: '2024-05-01T20:00:00Z' }),
        incident({
          id: 'resolvedLater',
          openedAt: '2024-05-01T21:00:00Z',
          resolvedAt: '2024-05-02T01:00:00Z',
          deploymentId: 'd3',
        }),
      ],
      window,
    );
    // d1: first = 2 h; d2: 1 h; d3: resolved after the window.
    expect(body.failedDeploymentRecoveryTime).toEqual({
      source: 'incidents',
      sampleSize: 2,
      median: 5400,
      mean: 5400,
      p90: expect.closeTo(3600 + 0.9 * 3600, 6),
    });
    expect(body.changeFailureRate.failed).toBe(3);
    // Time to restore takes every incident resolved in the window.
    expect(body.timeToRestore.sampleSize).toBe(3);
  });

  it('has no sample for a deployment failed only by a rollback', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'rb',
          finishedAt: '2024-05-01T11:00:00Z',
          version: 'v0',
          rollbackOf: 'd1',
        }),
      ],
      window,
      { settings: { incidentSource: 'pagerduty' } },
    );
    expect(body.changeFailureRate.failed).toBe(1);
    expect(body.failedDeploymentRecoveryTime).toEqual({
      source: 'incidents',
      sampleSize: 0,
      median: null,
      mean: null,
      p90: null,
    });
  });

  it('has a null source without an incident source', () => {
    const body = metricsOf(
      [deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' })],
      window,
    );
    expect(body.failedDeploymentRecoveryTime).toMatchObject({
      source: null,
      median: null,
    });
  });
});
