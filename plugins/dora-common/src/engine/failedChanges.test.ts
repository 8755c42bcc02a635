import { DoraEvent } from '../events/schemas';
import {
  after,
  change,
  deployment,
  HOUR,
  incident,
  metricsOf,
  MINUTE,
} from '../__testUtils__/eventFactories';
import { countDeployments, FailureSignal } from './countedDeployments';
import { markFailedChanges } from './failedChanges';
import { linkChanges } from './linkChanges';
import { buildTimeline } from './timeline';

/** The failure signals of each counted deployment (only the failed ones listed). */
function signalsOf(
  events: DoraEvent[],
  attributionWindowSeconds: number | null = 3600,
) {
  const timeline = buildTimeline(events);
  const { production, counted } = countDeployments(timeline.deployments, [
    'production',
  ]);
  const shippedBy = linkChanges(counted, timeline.changes);
  markFailedChanges(
    timeline,
    production,
    counted,
    shippedBy,
    attributionWindowSeconds,
  );
  const failed: Record<string, FailureSignal[]> = {};
  const incidents: Record<string, string[]> = {};
  for (const c of counted) {
    if (c.failureSignals.size > 0) {
      failed[c.deployment.id] = [...c.failureSignals].sort();
      incidents[c.deployment.id] = c.incidents.map(i => i.id);
    }
  }
  return { failed, incidents };
}

const D1 = '2024-05-01T10:00:00Z';
const D2 = '2024-05-01T14:00:00Z';
const D3 = '2024-05-01T20:00:00Z';
const three = [
  deployment({ id: 'd1', finishedAt: D1, version: 'v1' }),
  deployment({ id: 'd2', finishedAt: D2, version: 'v2' }),
  deployment({ id: 'd3', finishedAt: D3, version: 'v3' }),
];

describe('markFailedChanges: (1) an incident names the deployment', () => {
  it('marks the deployment named in deploymentId, however long after it the incident opened', () => {
    expect(
      signalsOf([
        ...three,
        incident({
          id: 'i',
          openedAt: after(D3, 2 * HOUR),
          deploymentId: 'd1',
        }),
      ]).failed,
    ).toEqual({ d1: ['incident-names-deployment'] });
  });

  it('does nothing for an incident naming a redeploy: it is not counted, and the incident is linked so not attributed by time', () => {
    expect(
      signalsOf([
        deployment({ id: 'd1', finishedAt: D1, version: 'v1' }),
        deployment({
          id: 'again',
          finishedAt: after(D1, 10 * MINUTE),
          version: 'v1',
        }),
        incident({
          id: 'i',
          openedAt: after(D1, 20 * MINUTE),
          deploymentId: 'again',
        }),
      ]).failed,
    ).toEqual({});
  });

  it('does nothing for an incident naming an unknown or failed deployment', () => {
    expect(
      signalsOf([
        ...three,
        deployment({
          id: 'broken',
          finishedAt: after(D1, 5 * MINUTE),
          status: 'failure',
        }),
        incident({
          id: 'i1',
          openedAt: after(D1, 10 * MINUTE),
          deploymentId: 'nope',
        }),
        incident({
          id: 'i2',
          openedAt: after(D1, 10 * MINUTE),
          deploymentId: 'broken',
        }),
      ]).failed,
    ).toEqual({});
  });
});

describe('markFailedChanges: (2) an incident names a change the deployment shipped', () => {
  it('marks the deployment that shipped the named change', () => {
    expect(
      signalsOf([
        change({ id: 'c1', mergedAt: '2024-05-01T09:00:00Z' }),
        deployment({ id: 'd1', finishedAt: D1, changeIds: ['c1'] }),
        deployment({ id: 'd2', finishedAt: D2, changeIds: [] }),
        incident({ id: 'i', openedAt: after(D2, 10 * MINUTE), changeId: 'c1' }),
      ]).failed,
    ).toEqual({ d1: ['incident-names-change'] });
  });

  it('does nothing when the named change was never shipped, even inside the attribution window', () => {
    expect(
      signalsOf([
        ...three,
        change({ id: 'c9', openedAt: '2024-05-01T09:00:00Z' }),
        incident({ id: 'i', openedAt: after(D1, 10 * MINUTE), changeId: 'c9' }),
      ]).failed,
    ).toEqual({});
  });
});

describe('markFailedChanges: (3) an unlinked incident in the attribution window', () => {
  it('blames the latest counted deployment finished at or before the incident opened', () => {
    expect(
      signalsOf([
        ...three,
        incident({ id: 'i', openedAt: after(D2, 30 * MINUTE) }),
      ]).failed,
    ).toEqual({ d2: ['incident-in-attribution-window'] });
  });

  it('counts an incident opened exactly at the deployment’s finish', () => {
    expect(
      signalsOf([...three, incident({ id: 'i', openedAt: D2 })]).failed,
    ).toEqual({ d2: ['incident-in-attribution-window'] });
  });

  it('counts an incident opened exactly one window after the finish, and not one millisecond later', () => {
    expect(
      signalsOf([...three, incident({ id: 'i', openedAt: after(D2, HOUR) })])
        .failed,
    ).toEqual({ d2: ['incident-in-attribution-window'] });
    expect(
      signalsOf([
        ...three,
        incident({ id: 'i', openedAt: after(D2, HOUR + 1) }),
      ]).failed,
    ).toEqual({});
  });

  it('uses the configured window length', () => {
    const events = [
      ...three,
      incident({ id: 'i', openedAt: after(D1, 3 * HOUR) }),
    ];
    expect(signalsOf(events, 3600).failed).toEqual({});
    expect(signalsOf(events, 4 * 3600).failed).toEqual({
      d1: ['incident-in-attribution-window'],
    });
    expect(signalsOf(events, 1800).failed).toEqual({});
  });

  it('does not blame an earlier deployment when the latest one is too long ago', () => {
    // 30 min after d1 would be in d1's window, but a later counted deployment
    // exists: the incident at d2 + 2 h is blamed on nobody.
    expect(
      signalsOf([
        ...three,
        incident({ id: 'i', openedAt: after(D2, 2 * HOUR) }),
      ]).failed,
    ).toEqual({});
  });

  it('blames only counted deployments: a failed run or redeploy after the last counted one does not move the blame', () => {
    expect(
      signalsOf([
        deployment({ id: 'd1', finishedAt: D1, version: 'v1' }),
        deployment({
          id: 'again',
          finishedAt: after(D1, 2 * HOUR),
          version: 'v1',
        }),
        deployment({
          id: 'broken',
          finishedAt: after(D1, 2 * HOUR + MINUTE),
          status: 'failure',
        }),
        incident({ id: 'i', openedAt: after(D1, 2 * HOUR + 10 * MINUTE) }),
      ]).failed,
    ).toEqual({});
  });

  it('blames nobody for an incident opened before the first deployment', () => {
    expect(
      signalsOf([...three, incident({ id: 'i', openedAt: after(D1, -MINUTE) })])
        .failed,
    ).toEqual({});
  });

  it('never blames with causedByDeployment: false, even inside the window', () => {
    expect(
      signalsOf([
        ...three,
        incident({
          id: 'i',
          openedAt: after(D2, 5 * MINUTE),
          causedByDeployment: false,
        }),
      ]).failed,
    ).toEqual({});
  });

  it('lifts the window with causedByDeployment: true, blaming the latest deployment', () => {
    expect(
      signalsOf([
        ...three,
        incident({
          id: 'i',
          openedAt: after(D2, 5 * HOUR),
          causedByDeployment: true,
        }),
      ]).failed,
    ).toEqual({ d2: ['incident-in-attribution-window'] });
  });

  it('blames nobody by time with the window none, unless causedByDeployment is true', () => {
    expect(
      signalsOf(
        [...three, incident({ id: 'i', openedAt: after(D2, MINUTE) })],
        null,
      ).failed,
    ).toEqual({});
    expect(
      signalsOf(
        [
          ...three,
          incident({
            id: 'i',
            openedAt: after(D2, 3 * HOUR),
            causedByDeployment: true,
          }),
        ],
        null,
      ).failed,
    ).toEqual({ d2: ['incident-in-attribution-window'] });
  });
});

describe('markFailedChanges: (4) a later deployment rolls it back', () => {
  it('marks the deployment named in rollbackOf', () => {
    expect(
      signalsOf([
        ...three,
        deployment({
          id: 'rb',
          finishedAt: after(D2, 2 * HOUR),
          version: 'v1',
          rollbackOf: 'd2',
          deploymentKind: 'rollback',
        }),
      ]).failed,
    ).toEqual({ d2: ['rolled-back'] });
  });

  it('does not mark a deployment from a rollbackOf of an earlier deployment', () => {
    expect(
      signalsOf([
        ...three,
        deployment({
          id: 'odd',
          finishedAt: after(D1, -HOUR),
          rollbackOf: 'd2',
        }),
      ]).failed,
    ).toEqual({});
  });

  it('does not take a staging deployment’s rollbackOf as evidence (staging never counts)', () => {
    expect(
      signalsOf([
        ...three,
        deployment({
          id: 'stage-rb',
          finishedAt: after(D2, HOUR),
          environment: 'staging',
          rollbackOf: 'd2',
        }),
      ]).failed,
    ).toEqual({});
  });
});

describe('markFailedChanges: (5) a later change reverts one it shipped', () => {
  it('marks the deployment that shipped the reverted change', () => {
    expect(
      signalsOf([
        change({ id: 'c1', mergedAt: '2024-05-01T09:00:00Z' }),
        deployment({ id: 'd1', finishedAt: D1 }),
        change({
          id: 'revert-c1',
          mergedAt: '2024-05-01T12:00:00Z',
          revertOf: 'c1',
        }),
        deployment({ id: 'd2', finishedAt: D2 }),
      ]).failed,
    ).toEqual({ d1: ['change-reverted'] });
  });
});

describe('markFailedChanges: each failed deployment once', () => {
  it('keeps every signal of a deployment, and its incidents earliest first, without duplicates', () => {
    const { failed, incidents } = signalsOf([
      change({ id: 'c1', mergedAt: '2024-05-01T09:00:00Z' }),
      deployment({ id: 'd1', finishedAt: D1, changeIds: ['c1'] }),
      incident({
        id: 'late',
        openedAt: after(D1, 40 * MINUTE),
        deploymentId: 'd1',
        changeId: 'c1',
      }),
      incident({ id: 'early', openedAt: after(D1, 10 * MINUTE) }),
      change({ id: 'r', mergedAt: '2024-05-01T11:00:00Z', revertOf: 'c1' }),
      deployment({
        id: 'rb',
        finishedAt: after(D1, 2 * HOUR),
        rollbackOf: 'd1',
        changeIds: ['r'],
      }),
    ]);
    expect(failed).toEqual({
      d1: [
        'change-reverted',
        'incident-in-attribution-window',
        'incident-names-change',
        'incident-names-deployment',
        'rolled-back',
      ],
    });
    expect(incidents).toEqual({ d1: ['early', 'late'] });
  });

  it('counts a deployment with several signals and incidents once in the change failure rate', () => {
    const body = metricsOf(
      [
        ...three,
        incident({
          id: 'i1',
          openedAt: after(D1, 5 * MINUTE),
          deploymentId: 'd1',
        }),
        incident({ id: 'i2', openedAt: after(D1, 10 * MINUTE) }),
        incident({
          id: 'i3',
          openedAt: after(D1, 20 * MINUTE),
          deploymentId: 'd1',
        }),
        deployment({
          id: 'rb',
          finishedAt: after(D1, 30 * MINUTE),
          version: 'v0',
          rollbackOf: 'd1',
        }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' },
    );
    // Counted: d1, rb, d2, d3. Failed: d1 only.
    expect(body.changeFailureRate).toMatchObject({ failed: 1, total: 4 });
    expect(body.changeFailureRate.ratio).toBe(0.25);
  });
});
