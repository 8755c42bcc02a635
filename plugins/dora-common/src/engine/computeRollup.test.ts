import { DoraEvent } from '../events/schemas';
import { median } from '../stats/percentiles';
import {
  after,
  change,
  deployment,
  entityInput,
  EntityOptions,
  HOUR,
  incident,
  request,
} from '../__testUtils__/eventFactories';
import { computeEntityMetrics } from './computeMetrics';
import { computeRollup } from './computeRollup';

const A = 'component:default/a';
const B = 'component:default/b';
const START = '2024-05-01T00:00:00Z';
const req = request(START, '2024-05-08T00:00:00Z', { bucket: 'day' });

/** One deployment per lead time (in hours), each shipping one change. */
function shipping(leadHours: number[], prefix: string): DoraEvent[] {
  return leadHours.flatMap((hours, i) => {
    const deployedAt = after(START, (i + 1) * 24 * HOUR);
    return [
      change({
        id: `${prefix}-c${i}`,
        firstCommitAt: after(deployedAt, -hours * HOUR),
        mergedAt: after(deployedAt, -HOUR / 2),
      }),
      deployment({ id: `${prefix}-d${i}`, finishedAt: deployedAt }),
    ];
  });
}

function rollup(entities: [string, DoraEvent[], EntityOptions?][]) {
  return computeRollup(
    'group:default/team',
    entities.map(([entityRef, events, options]) =>
      entityInput(events, { ...options, entityRef }),
    ),
    req,
  );
}

describe('computeRollup', () => {
  const eventsA = shipping([1, 2, 3], 'a');
  const eventsB = shipping([10], 'b');

  it('takes the median over the pooled samples, not the median of per-entity medians', () => {
    const team = rollup([
      [A, eventsA],
      [B, eventsB],
    ]);
    // pooled [1, 2, 3, 10] h -> 2.5 h; per-entity medians 2 h and 10 h -> 6 h
    expect(team.leadTime.median).toBe(2.5 * 3600);
    const perEntity = team.entities.map(e => e.leadTime.median!);
    expect(perEntity).toEqual([2 * 3600, 10 * 3600]);
    expect(median(perEntity)).toBe(6 * 3600);
    expect(team.leadTime.median).not.toBe(median(perEntity));
    expect(team.leadTime.mean).toBe(((1 + 2 + 3 + 10) * 3600) / 4);
    expect(team.leadTime.sampleSize).toBe(4);
  });

  it('sums the counts of its entities', () => {
    const team = rollup([
      [
        A,
        [
          ...eventsA,
          incident({
            id: 'i',
            openedAt: after(START, 24 * HOUR + 60_000),
            deploymentId: 'a-d0',
          }),
        ],
      ],
      [B, eventsB],
    ]);
    expect(team.deploymentFrequency.count).toBe(4);
    expect(team.deploymentFrequency.perDay).toBeCloseTo(4 / 7, 12);
    expect(team.changeFailureRate).toMatchObject({
      failed: 1,
      total: 4,
      ratio: 0.25,
    });
    expect(team.reworkRate.total).toBe(4);
    expect(team.pullRequests.merged).toBe(4);
  });

  it('counts a day with deployments of two entities once in deployment days', () => {
    // a-d0 and b-d0 both deploy on 2 May
    expect(
      rollup([
        [A, eventsA],
        [B, eventsB],
      ]).deploymentFrequency.deploymentDays,
    ).toBe(3);
  });

  it('has one row per entity, each the entity’s own metrics', () => {
    const team = rollup([
      [A, eventsA],
      [B, eventsB, { settings: { changeFailureMode: 'pipeline' } }],
    ]);
    expect(team.groupRef).toBe('group:default/team');
    expect(team.entities.map(e => e.entityRef)).toEqual([A, B]);
    const own = computeEntityMetrics(
      entityInput(eventsB, {
        entityRef: B,
        settings: { changeFailureMode: 'pipeline' },
      }),
      req,
    );
    const rowB = team.entities[1];
    expect(rowB.deploymentFrequency).toEqual(own.deploymentFrequency);
    expect(rowB.leadTime).toEqual(own.leadTime);
    expect(rowB.changeFailureRate).toEqual(own.changeFailureRate);
    expect(rowB.timeToRestore).toEqual(own.timeToRestore);
  });

  it('keeps each entity’s own settings: one in pipeline mode makes the change failure rate mode mixed', () => {
    const team = rollup([
      [
        A,
        [
          ...eventsA,
          incident({
            id: 'i',
            openedAt: after(START, 24 * HOUR + 60_000),
            deploymentId: 'a-d0',
          }),
        ],
      ],
      [
        B,
        [
          ...eventsB,
          deployment({
            id: 'b-f',
            finishedAt: after(START, 30 * HOUR),
            status: 'failure',
          }),
          deployment({
            id: 'b-a',
            finishedAt: after(START, 31 * HOUR),
            status: 'aborted',
          }),
        ],
        { settings: { changeFailureMode: 'pipeline' } },
      ],
    ]);
    expect(team.entities.map(e => e.changeFailureRate.mode)).toEqual([
      'incidents',
      'pipeline',
    ]);
    // A: 1 failed of 3 deployments; B: 1 failed of 2 runs (aborted ignored)
    expect(team.changeFailureRate).toMatchObject({
      mode: 'mixed',
      failed: 2,
      total: 5,
      ratio: 0.4,
    });
    expect(team.failedDeploymentRecoveryTime.source).toBe('mixed');
  });

  it('keeps each entity’s own production environments', () => {
    const team = rollup([
      [
        A,
        [
          deployment({
            id: 'x',
            finishedAt: after(START, HOUR),
            environment: 'prod',
          }),
        ],
      ],
      [
        B,
        [
          deployment({
            id: 'y',
            finishedAt: after(START, HOUR),
            environment: 'prod',
          }),
        ],
        { settings: { productionEnvironments: ['prod'] } },
      ],
    ]);
    expect(team.entities.map(e => e.deploymentFrequency.count)).toEqual([0, 1]);
    expect(team.deploymentFrequency.count).toBe(1);
  });

  it('is mixed in mode when one entity is measured from merges', () => {
    const team = rollup([
      [A, eventsA],
      [
        B,
        [
          change({
            id: 'm',
            firstCommitAt: START,
            mergedAt: after(START, HOUR),
          }),
        ],
      ],
    ]);
    expect(team.mode).toBe('mixed');
    expect(team.entities.map(e => e.mode)).toEqual([
      'deployments',
      'pull-requests',
    ]);
    expect(team.deploymentFrequency.count).toBe(4);
  });

  it('reports time to restore over the entities with an incident source only', () => {
    const team = rollup([
      [
        A,
        [
          incident({
            id: 'i',
            openedAt: after(START, HOUR),
            resolvedAt: after(START, 2 * HOUR),
          }),
        ],
      ],
      [B, eventsB],
    ]);
    expect(team.timeToRestore).toMatchObject({
      source: 'incidents',
      sampleSize: 1,
      median: 3600,
    });
    expect(team.entities[1].timeToRestore.source).toBeNull();
  });

  it('has a series over the pooled events', () => {
    const team = rollup([
      [A, eventsA],
      [B, eventsB],
    ]);
    expect(team.series).toHaveLength(7);
    expect(team.series.map(r => r.deployments)).toEqual([0, 2, 1, 1, 0, 0, 0]);
  });
});
