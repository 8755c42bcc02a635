import { DoraEvent } from '../events/schemas';
import {
  change,
  classify,
  deployment,
  metricsOf,
  warningOf,
} from '../__testUtils__/eventFactories';
import {
  countDeployments,
  measurementMode,
  mergesAsDeployments,
} from './countedDeployments';
import { buildTimeline } from './timeline';

const countedIds = (
  events: DoraEvent[],
  productionEnvironments = ['production'],
) => {
  const { counted } = countDeployments(
    buildTimeline(events).deployments,
    productionEnvironments,
  );
  return counted.map(c => c.deployment.id);
};

const redeployIds = (events: DoraEvent[]) =>
  [
    ...countDeployments(buildTimeline(events).deployments, ['production'])
      .redeploys,
  ].map(d => d.id);

describe('countDeployments', () => {
  it('counts every successful production deployment of distinct versions', () => {
    expect(
      countedIds([
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T11:00:00Z',
          version: 'v2',
        }),
        deployment({ id: 'd3', finishedAt: '2024-05-01T12:00:00Z' }),
      ]),
    ).toEqual(['d1', 'd2', 'd3']);
  });

  it('does not count a success that redeploys the version of the previous success', () => {
    const events = [
      deployment({
        id: 'd1',
        finishedAt: '2024-05-01T10:00:00Z',
        version: 'v1',
      }),
      deployment({
        id: 'd2',
        finishedAt: '2024-05-01T11:00:00Z',
        version: 'v1',
      }),
      deployment({
        id: 'd3',
        finishedAt: '2024-05-01T12:00:00Z',
        version: 'v1',
      }),
    ];
    expect(countedIds(events)).toEqual(['d1']);
    expect(redeployIds(events)).toEqual(['d2', 'd3']);
  });

  it('compares commitSha when there is no version', () => {
    expect(
      countedIds([
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          commitSha: 'abc',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T11:00:00Z',
          commitSha: 'abc',
        }),
        deployment({
          id: 'd3',
          finishedAt: '2024-05-01T12:00:00Z',
          commitSha: 'def',
        }),
      ]),
    ).toEqual(['d1', 'd3']);
  });

  it('compares the version, not the commitSha, when there is a version', () => {
    expect(
      countedIds([
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
          commitSha: 'abc',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T11:00:00Z',
          version: 'v2',
          commitSha: 'abc',
        }),
      ]),
    ).toEqual(['d1', 'd2']);
  });

  it('compares only with the immediately previous success: going back to an older version counts', () => {
    expect(
      countedIds([
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T11:00:00Z',
          version: 'v2',
        }),
        deployment({
          id: 'd3',
          finishedAt: '2024-05-01T12:00:00Z',
          version: 'v1',
        }),
      ]),
    ).toEqual(['d1', 'd2', 'd3']);
  });

  it('ignores failed, aborted and staging runs when finding the previous successful production deployment', () => {
    expect(
      countedIds([
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'f1',
          finishedAt: '2024-05-01T10:30:00Z',
          version: 'v2',
          status: 'failure',
        }),
        deployment({
          id: 'a1',
          finishedAt: '2024-05-01T10:40:00Z',
          version: 'v3',
          status: 'aborted',
        }),
        deployment({
          id: 's1',
          finishedAt: '2024-05-01T10:50:00Z',
          version: 'v4',
          environment: 'staging',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T11:00:00Z',
          version: 'v1',
        }),
      ]),
    ).toEqual(['d1']);
  });

  it('never counts a deployment without version and commitSha as a redeploy', () => {
    expect(
      countedIds([
        deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
        deployment({ id: 'd2', finishedAt: '2024-05-01T11:00:00Z' }),
      ]),
    ).toEqual(['d1', 'd2']);
  });

  it('never counts failed, aborted or staging deployments', () => {
    expect(
      countedIds([
        deployment({
          id: 'f',
          finishedAt: '2024-05-01T10:00:00Z',
          status: 'failure',
        }),
        deployment({
          id: 'a',
          finishedAt: '2024-05-01T11:00:00Z',
          status: 'aborted',
        }),
        deployment({
          id: 's',
          finishedAt: '2024-05-01T12:00:00Z',
          environment: 'staging',
        }),
      ]),
    ).toEqual([]);
  });

  it('counts only the entity’s own production environments', () => {
    const events = [
      deployment({
        id: 'p1',
        finishedAt: '2024-05-01T10:00:00Z',
        environment: 'prod',
      }),
      deployment({
        id: 'p2',
        finishedAt: '2024-05-01T11:00:00Z',
        environment: 'production-eu',
      }),
      deployment({ id: 'x', finishedAt: '2024-05-01T12:00:00Z' }),
    ];
    expect(countedIds(events, ['prod', 'production-eu'])).toEqual(['p1', 'p2']);
    expect(countedIds(events)).toEqual(['x']);
  });

  it('takes deployments in finishedAt order, not input order', () => {
    expect(
      countedIds([
        deployment({
          id: 'late',
          finishedAt: '2024-05-01T12:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'early',
          finishedAt: '2024-05-01T10:00:00Z',
          version: 'v1',
        }),
      ]),
    ).toEqual(['early']);
  });

  it('lists production deployments of any status', () => {
    const { production } = countDeployments(
      buildTimeline([
        deployment({
          id: 'f',
          finishedAt: '2024-05-01T10:00:00Z',
          status: 'failure',
        }),
        deployment({
          id: 's',
          finishedAt: '2024-05-01T11:00:00Z',
          environment: 'staging',
        }),
        deployment({
          id: 'a',
          finishedAt: '2024-05-01T12:00:00Z',
          status: 'aborted',
        }),
      ]).deployments,
      ['production'],
    );
    expect(production.map(d => d.id)).toEqual(['f', 'a']);
  });
});

describe('measurementMode (pull-request mode)', () => {
  const merged = change({
    id: 'c1',
    firstCommitAt: '2024-05-01T08:00:00Z',
    mergedAt: '2024-05-01T10:00:00Z',
  });

  it('is pull-requests for an entity with changes and no deployment event at all', () => {
    expect(measurementMode(buildTimeline([merged]), false)).toBe(
      'pull-requests',
    );
    expect(classify([merged]).mode).toBe('pull-requests');
  });

  it('is deployments as soon as one deployment event of any status or environment exists', () => {
    for (const status of ['success', 'failure', 'aborted'] as const) {
      const events = [
        merged,
        deployment({
          id: 'd',
          finishedAt: '2024-04-01T00:00:00Z',
          environment: 'staging',
          status,
        }),
      ];
      expect(classify(events).mode).toBe('deployments');
    }
  });

  it('is deployments when the store says a deployment was ever ingested, even if none is passed in', () => {
    expect(measurementMode(buildTimeline([merged]), true)).toBe('deployments');
    expect(
      classify([merged], { history: { deploymentEverIngested: true } }).mode,
    ).toBe('deployments');
  });

  it('is deployments for an entity without changes', () => {
    expect(measurementMode(buildTimeline([]), false)).toBe('deployments');
  });
});

describe('mergesAsDeployments', () => {
  it('turns each merged change into a successful production deployment at its merge that ships exactly it', () => {
    const timeline = buildTimeline([
      change({
        id: 'c1',
        mergedAt: '2024-05-01T10:00:00Z',
        mergeCommitSha: 'aaa',
      }),
      change({ id: 'open', openedAt: '2024-05-01T09:00:00Z' }),
    ]);
    const deployments = mergesAsDeployments(timeline.changes, 'prod');
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({
      id: 'c1',
      environment: 'prod',
      status: 'success',
      finishedAt: Date.parse('2024-05-01T10:00:00Z'),
      changeIds: ['c1'],
      rollbackOf: null,
      deploymentKind: 'normal',
    });
  });

  it('measures an entity in pull-request mode from merges, with deploy time 0 and a warning', () => {
    const body = metricsOf(
      [
        change({
          id: 'c1',
          firstCommitAt: '2024-05-01T06:00:00Z',
          mergedAt: '2024-05-01T10:00:00Z',
        }),
        change({
          id: 'c2',
          firstCommitAt: '2024-05-02T06:00:00Z',
          mergedAt: '2024-05-02T08:00:00Z',
        }),
        change({ id: 'open', firstCommitAt: '2024-05-02T06:00:00Z' }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' },
    );
    expect(body.mode).toBe('pull-requests');
    expect(body.deploymentFrequency.count).toBe(2);
    expect(body.leadTime.sampleSize).toBe(2);
    // 4 h and 2 h -> 3 h
    expect(body.leadTime.median).toBe(3 * 3600);
    expect(body.leadTime.breakdown.deploy).toBe(0);
    expect(warningOf(body, 'PULL_REQUEST_MODE')).toBeDefined();
  });

  it('does not use pull-request mode once any deployment was ingested, and then counts nothing from merges', () => {
    const events = [
      change({
        id: 'c1',
        firstCommitAt: '2024-05-01T06:00:00Z',
        mergedAt: '2024-05-01T10:00:00Z',
      }),
    ];
    const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };
    const body = metricsOf(events, window, {
      history: { deploymentEverIngested: true },
    });
    expect(body.mode).toBe('deployments');
    expect(body.deploymentFrequency.count).toBe(0);
    expect(warningOf(body, 'PULL_REQUEST_MODE')).toBeUndefined();
  });
});

describe('countDeployments with production rules', () => {
  const at = (id: string, environment: string, hour: number) =>
    deployment({
      id,
      environment,
      version: id,
      finishedAt: `2024-05-01T${String(hour).padStart(2, '0')}:00:00Z`,
    });

  it('counts deployments to environments a glob or a regex matches, not the others', () => {
    expect(
      countedIds(
        [
          at('eu', 'prod-eu-1', 1),
          at('us', 'prod-us-2', 2),
          at('canary', 'production-canary', 3),
          at('staging', 'staging', 4),
          at('preprod', 'preprod', 5),
        ],
        ['prod*', '/^prod-[a-z]+-\\d$/'],
      ),
    ).toEqual(['eu', 'us', 'canary']);
  });
});
