import { DeploymentStatus } from '../events/schemas';
import {
  HOUR,
  after,
  deployment,
  metricsOf,
  ms,
} from '../__testUtils__/eventFactories';
import { pipelineRecoveries } from './pipelineRecoveries';
import { buildTimeline } from './timeline';

const T = '2024-05-01T00:00:00Z';

/** Production runs one hour apart with the given statuses (s, f, a). */
function runs(statuses: string) {
  const byLetter: Record<string, DeploymentStatus> = {
    s: 'success',
    f: 'failure',
    a: 'aborted',
  };
  return [...statuses].map((letter, i) =>
    deployment({
      id: `r${i}`,
      finishedAt: after(T, i * HOUR),
      status: byLetter[letter],
    }),
  );
}

/** Recoveries as [failed run index, recovering run index]. */
function recoveries(statuses: string) {
  return pipelineRecoveries(buildTimeline(runs(statuses)).deployments).map(
    r => [(r.failedAt - ms(T)) / HOUR, (r.recoveredAt - ms(T)) / HOUR],
  );
}

describe('pipelineRecoveries', () => {
  it('opens a failure at a failure after a success and closes it at the next success', () => {
    expect(recoveries('sfs')).toEqual([[1, 2]]);
  });

  it('counts consecutive failures once, from the first', () => {
    expect(recoveries('sfffs')).toEqual([[1, 4]]);
  });

  it('opens a failure at a failure that starts the history', () => {
    expect(recoveries('ffs')).toEqual([[0, 2]]);
  });

  it('leaves out a failure never closed', () => {
    expect(recoveries('sfsff')).toEqual([[1, 2]]);
    expect(recoveries('ff')).toEqual([]);
  });

  it('ignores aborted runs: they neither open nor close a failure', () => {
    expect(recoveries('safas')).toEqual([[2, 4]]);
  });

  it('finds each separate failure', () => {
    expect(recoveries('fsfsffs')).toEqual([
      [0, 1],
      [2, 3],
      [4, 6],
    ]);
  });

  it('finds nothing in an all-green history', () => {
    expect(recoveries('sss')).toEqual([]);
  });
});

describe('failed deployment recovery time in pipeline mode', () => {
  it('counts a recovery when its closing success is in the window, even if the failure was before it', () => {
    // f at 22:00 on 30 April, s at 02:00 on 1 May (in), f at 10:00, s at 11:00
    // (in), f at 23:00, s at 01:00 on 2 May (out).
    const events = [
      deployment({
        id: 'f1',
        finishedAt: '2024-04-30T22:00:00Z',
        status: 'failure',
      }),
      deployment({ id: 's1', finishedAt: '2024-05-01T02:00:00Z' }),
      deployment({
        id: 'f2',
        finishedAt: '2024-05-01T10:00:00Z',
        status: 'failure',
      }),
      deployment({ id: 's2', finishedAt: '2024-05-01T11:00:00Z' }),
      deployment({
        id: 'f3',
        finishedAt: '2024-05-01T23:00:00Z',
        status: 'failure',
      }),
      deployment({ id: 's3', finishedAt: '2024-05-02T01:00:00Z' }),
    ];
    const body = metricsOf(
      events,
      { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' },
      { settings: { changeFailureMode: 'pipeline' } },
    );
    expect(body.failedDeploymentRecoveryTime).toEqual({
      source: 'pipeline',
      sampleSize: 2,
      median: (4 * 3600 + 3600) / 2,
      mean: (4 * 3600 + 3600) / 2,
      p90: expect.closeTo(3600 + 0.9 * (4 * 3600 - 3600), 6),
    });
  });

  it('closes a failure with a redeploy success too (redeploys are runs)', () => {
    const body = metricsOf(
      [
        deployment({
          id: 's1',
          finishedAt: '2024-05-01T01:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'f1',
          finishedAt: '2024-05-01T02:00:00Z',
          version: 'v2',
          status: 'failure',
        }),
        deployment({
          id: 's2',
          finishedAt: '2024-05-01T03:30:00Z',
          version: 'v1',
        }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' },
      { settings: { changeFailureMode: 'pipeline' } },
    );
    expect(body.failedDeploymentRecoveryTime.sampleSize).toBe(1);
    expect(body.failedDeploymentRecoveryTime.median).toBe(5400);
  });
});
