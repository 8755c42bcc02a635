import { computeRollup } from '../engine/computeRollup';
import { DoraEvent } from '../events/schemas';
import {
  after,
  change,
  deployment,
  entityInput,
  EntityOptions,
  HOUR,
  incident,
  metricsOf,
  request,
  warningCodes,
  warningOf,
} from '../__testUtils__/eventFactories';

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' };
const START = '2024-05-01T00:00:00Z';

/** A healthy entity: deployments shipping well-formed changes, an incident source, one failure. */
function healthy(): DoraEvent[] {
  return [
    change({
      id: 'c1',
      firstCommitAt: after(START, HOUR),
      mergedAt: after(START, 2 * HOUR),
    }),
    deployment({ id: 'd1', finishedAt: after(START, 3 * HOUR) }),
    incident({
      id: 'i1',
      openedAt: after(START, 3 * HOUR + 60_000),
      resolvedAt: after(START, 4 * HOUR),
      deploymentId: 'd1',
    }),
  ];
}

const codesOf = (events: DoraEvent[], options?: EntityOptions) =>
  warningCodes(metricsOf(events, window, options));

/** `n` deployments an hour apart. */
const deployments = (n: number, status: 'success' | 'failure' = 'success') =>
  Array.from({ length: n }, (_, i) =>
    deployment({ id: `d${i}`, finishedAt: after(START, i * HOUR), status }),
  );

describe('warnings', () => {
  it('gives no warning for a healthy entity', () => {
    expect(codesOf(healthy())).toEqual([]);
  });

  it('gives NO_EVENTS exactly when nothing was ingested for the entity', () => {
    expect(codesOf([])).toContain('NO_EVENTS');
    expect(codesOf(deployments(1))).not.toContain('NO_EVENTS');
  });

  it('gives PULL_REQUEST_MODE exactly when the entity is measured from merges', () => {
    const merged = [
      change({
        id: 'c1',
        firstCommitAt: after(START, HOUR),
        mergedAt: after(START, 2 * HOUR),
      }),
    ];
    expect(codesOf(merged)).toContain('PULL_REQUEST_MODE');
    expect(
      codesOf(merged, { history: { deploymentEverIngested: true } }),
    ).not.toContain('PULL_REQUEST_MODE');
    expect(codesOf(healthy())).not.toContain('PULL_REQUEST_MODE');
  });

  it('gives NO_INCIDENT_SOURCE exactly when the entity has no incident source', () => {
    expect(codesOf(deployments(1))).toContain('NO_INCIDENT_SOURCE');
    expect(
      codesOf(deployments(1), { settings: { incidentSource: 'opsgenie' } }),
    ).not.toContain('NO_INCIDENT_SOURCE');
    expect(
      codesOf(deployments(1), { history: { incidentEverIngested: true } }),
    ).not.toContain('NO_INCIDENT_SOURCE');
  });

  it('gives NO_PRODUCTION_DEPLOYMENTS naming the environments seen when none is production', () => {
    const body = metricsOf(
      [
        deployment({
          id: 's1',
          finishedAt: after(START, HOUR),
          environment: 'staging',
        }),
        deployment({
          id: 'q1',
          finishedAt: after(START, 2 * HOUR),
          environment: 'qa',
        }),
        deployment({
          id: 's2',
          finishedAt: after(START, 3 * HOUR),
          environment: 'staging',
        }),
      ],
      window,
    );
    const warning = warningOf(body, 'NO_PRODUCTION_DEPLOYMENTS');
    expect(warning?.message).toContain('qa, staging');
    expect(
      codesOf([
        deployment({
          id: 's1',
          finishedAt: after(START, HOUR),
          environment: 'staging',
        }),
        deployment({
          id: 'p1',
          finishedAt: after(START, 2 * HOUR),
          status: 'failure',
        }),
      ]),
    ).not.toContain('NO_PRODUCTION_DEPLOYMENTS');
  });

  it('gives LEAD_TIME_FALLBACK_START with the number of shipped changes without a first commit', () => {
    const body = metricsOf(
      [
        change({
          id: 'a',
          openedAt: after(START, HOUR),
          mergedAt: after(START, 2 * HOUR),
        }),
        change({ id: 'b', mergedAt: after(START, 2 * HOUR) }),
        change({
          id: 'c',
          firstCommitAt: after(START, HOUR),
          mergedAt: after(START, 2 * HOUR),
        }),
        deployment({ id: 'd1', finishedAt: after(START, 3 * HOUR) }),
      ],
      window,
    );
    expect(warningOf(body, 'LEAD_TIME_FALLBACK_START')?.count).toBe(2);
    expect(codesOf(healthy())).not.toContain('LEAD_TIME_FALLBACK_START');
  });

  it('gives LEAD_TIME_NO_START with the number of shipped changes without any instant', () => {
    const body = metricsOf(
      [
        change({ id: 'bare', title: 'no instants at all' }),
        deployment({
          id: 'd1',
          finishedAt: after(START, 3 * HOUR),
          changeIds: ['bare'],
        }),
      ],
      window,
    );
    expect(warningOf(body, 'LEAD_TIME_NO_START')?.count).toBe(1);
    expect(body.leadTime.sampleSize).toBe(0);
  });

  it('gives NEGATIVE_LEAD_TIME with the number of changes deployed before their first commit', () => {
    const body = metricsOf(
      [
        change({
          id: 'a',
          firstCommitAt: after(START, 5 * HOUR),
          mergedAt: after(START, HOUR),
        }),
        change({
          id: 'b',
          firstCommitAt: after(START, 6 * HOUR),
          mergedAt: after(START, HOUR),
        }),
        deployment({ id: 'd1', finishedAt: after(START, 3 * HOUR) }),
      ],
      window,
    );
    expect(warningOf(body, 'NEGATIVE_LEAD_TIME')?.count).toBe(2);
    expect(codesOf(healthy())).not.toContain('NEGATIVE_LEAD_TIME');
  });

  it('gives NEGATIVE_RESTORE_TIME with the number of incidents resolved before they opened', () => {
    const body = metricsOf(
      [
        incident({
          id: 'i1',
          openedAt: after(START, 5 * HOUR),
          resolvedAt: after(START, HOUR),
        }),
      ],
      window,
    );
    expect(warningOf(body, 'NEGATIVE_RESTORE_TIME')?.count).toBe(1);
    expect(codesOf(healthy())).not.toContain('NEGATIVE_RESTORE_TIME');
  });

  it('gives CHANGE_FAILURE_RATE_ZERO with the total when the ratio is 0 over at least 10 deployments', () => {
    const ten = metricsOf(deployments(10), window, {
      settings: { incidentSource: 'pagerduty' },
    });
    expect(warningOf(ten, 'CHANGE_FAILURE_RATE_ZERO')?.count).toBe(10);
    expect(codesOf(deployments(9))).not.toContain('CHANGE_FAILURE_RATE_ZERO');
    expect(
      codesOf([
        ...deployments(10),
        incident({
          id: 'i',
          openedAt: after(START, 10 * 60_000),
          deploymentId: 'd0',
        }),
      ]),
    ).not.toContain('CHANGE_FAILURE_RATE_ZERO');
  });

  it('gives CHANGE_FAILURE_RATE_ZERO in pipeline mode over 10 green runs', () => {
    expect(
      codesOf(deployments(10), { settings: { changeFailureMode: 'pipeline' } }),
    ).toContain('CHANGE_FAILURE_RATE_ZERO');
  });

  it('explains every warning in a message, and lists no entities for a single entity', () => {
    const body = metricsOf([], window);
    expect(body.warnings.length).toBeGreaterThan(0);
    for (const warning of body.warnings) {
      expect(warning.message.length).toBeGreaterThan(20);
      expect(warning.entityRefs).toBeUndefined();
    }
  });

  it('lists the affected entities of a team rollup in each warning', () => {
    const a = 'component:default/a';
    const b = 'component:default/b';
    const c = 'component:default/c';
    const team = computeRollup(
      'group:default/team',
      [
        entityInput(healthy(), { entityRef: a }),
        entityInput(deployments(2), { entityRef: b }),
        entityInput([change({ id: 'x', mergedAt: after(START, HOUR) })], {
          entityRef: c,
        }),
      ],
      request(window.from, window.to),
    );
    expect(warningOf(team, 'NO_INCIDENT_SOURCE')?.entityRefs).toEqual([b, c]);
    expect(warningOf(team, 'PULL_REQUEST_MODE')?.entityRefs).toEqual([c]);
    expect(warningOf(team, 'LEAD_TIME_FALLBACK_START')).toMatchObject({
      count: 1,
      entityRefs: [c],
    });
    expect(warningOf(team, 'NO_EVENTS')).toBeUndefined();
  });
});
