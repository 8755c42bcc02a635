import { change, deployment, metricsOf } from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };

describe('deployment rework rate', () => {
  it('counts hotfix and rollback deployments, and deployments shipping a hotfix-labelled (any case) or reverting change', () => {
    const body = metricsOf(
      [
        change({
          id: 'c1',
          mergedAt: '2024-05-01T00:30:00Z',
          labels: ['HotFix'],
        }),
        deployment({
          id: 'labelled',
          finishedAt: '2024-05-01T01:00:00Z',
          changeIds: ['c1'],
        }),
        deployment({
          id: 'hotfix',
          finishedAt: '2024-05-01T02:00:00Z',
          deploymentKind: 'hotfix',
          changeIds: [],
        }),
        deployment({
          id: 'rollback',
          finishedAt: '2024-05-01T03:00:00Z',
          deploymentKind: 'rollback',
          changeIds: [],
        }),
        change({ id: 'c4', mergedAt: '2024-05-01T03:30:00Z', revertOf: 'c1' }),
        deployment({
          id: 'revert',
          finishedAt: '2024-05-01T04:00:00Z',
          changeIds: ['c4'],
        }),
        change({
          id: 'c5',
          mergedAt: '2024-05-01T04:30:00Z',
          labels: ['feature', 'hotfixes'],
        }),
        deployment({
          id: 'feature',
          finishedAt: '2024-05-01T05:00:00Z',
          changeIds: ['c5'],
        }),
        deployment({
          id: 'plain',
          finishedAt: '2024-05-01T06:00:00Z',
          deploymentKind: 'normal',
          changeIds: [],
        }),
      ],
      window,
    );
    expect(body.reworkRate).toEqual({ rework: 4, total: 6, ratio: 4 / 6 });
  });

  it('counts only counted deployments in the window: a redeployed hotfix and one outside the window are not rework', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'old',
          finishedAt: '2024-04-30T23:00:00Z',
          deploymentKind: 'hotfix',
          version: 'v0',
        }),
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T01:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'again',
          finishedAt: '2024-05-01T02:00:00Z',
          version: 'v1',
          deploymentKind: 'hotfix',
        }),
        deployment({
          id: 'failedHotfix',
          finishedAt: '2024-05-01T03:00:00Z',
          version: 'v2',
          status: 'failure',
          deploymentKind: 'hotfix',
        }),
      ],
      window,
    );
    expect(body.reworkRate).toEqual({ rework: 0, total: 1, ratio: 0 });
  });

  it('has a null ratio when nothing was deployed', () => {
    expect(metricsOf([], window).reworkRate).toEqual({
      rework: 0,
      total: 0,
      ratio: null,
    });
  });
});
