import { InitiativeSnapshot, initiativeProgress } from './initiativeProgress';

const initiative = {
  id: 'payments-silver',
  targetShare: 0.8,
  startsAt: '2026-01-05T00:00:00Z',
  deadline: '2026-03-30T00:00:00Z',
};

/** A week with `meeting` of `total` services meeting the target (svc-0 … first). */
function week(
  at: string,
  total: number,
  meetingRefs: number[],
): InitiativeSnapshot {
  return {
    at,
    entities: Array.from({ length: total }, (_, i) => ({
      entityRef: `component:default/svc-${i}`,
      meets: meetingRefs.includes(i),
      misses: meetingRefs.includes(i) ? [] : ['lead-day'],
    })),
  };
}
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i);

// 10 services; 5 meet at the start (share 0.5), target 0.8: the gap is 3 services.
const snapshots = [
  week('2026-01-19T00:00:00Z', 10, range(0, 7)),
  week('2025-12-29T00:00:00Z', 10, range(0, 4)),
  week('2026-01-05T00:00:00Z', 10, range(0, 5)),
  week('2026-01-12T00:00:00Z', 10, range(0, 6)),
  week('2026-01-26T00:00:00Z', 10, range(0, 9)),
];

describe('initiativeProgress', () => {
  it('measures from the week of the start: share then and now, week by week, ignoring weeks after `at`', () => {
    const p = initiativeProgress(initiative, snapshots, '2026-01-20T12:00:00Z');
    expect(p.start).toMatchObject({
      at: '2026-01-05T00:00:00Z',
      share: 0.5,
      wayToTarget: 0,
    });
    expect(p.now).toMatchObject({
      at: '2026-01-19T00:00:00Z',
      share: 0.7,
      meeting: 7,
    });
    expect(p.weeks.map(w => w.share)).toEqual([0.5, 0.6, 0.7]);
    expect(p.weeks[1].wayToTarget).toBeCloseTo(1 / 3, 12);
  });

  it('paid down N of M since start: M missed at the start, N of them meet now', () => {
    const p = initiativeProgress(initiative, snapshots, '2026-01-20T00:00:00Z');
    expect(p.missingAtStart).toBe(5);
    expect(p.paidDown).toBe(2);
    expect(p.wayToTarget).toBeCloseTo(2 / 3, 12);
    expect(p.stillNeeded).toBe(1);
    expect(p.targetMet).toBe(false);
    expect(p.missing).toEqual(
      range(7, 10).map(i => ({
        entityRef: `component:default/svc-${i}`,
        misses: ['lead-day'],
      })),
    );
  });

  it('reaching the target is 100 % of the way or more, and nothing is still needed', () => {
    const p = initiativeProgress(initiative, snapshots, '2026-02-01T00:00:00Z');
    expect(p.now?.share).toBe(0.9);
    expect(p.wayToTarget).toBeCloseTo(4 / 3, 12);
    expect(p.targetMet).toBe(true);
    expect(p.stillNeeded).toBe(0);
  });

  it('progress is negative when the share slips below the start', () => {
    const slipped = [
      ...snapshots.slice(1, 3),
      week('2026-01-12T00:00:00Z', 10, range(0, 3)),
    ];
    const p = initiativeProgress(initiative, slipped, '2026-01-13T00:00:00Z');
    expect(p.wayToTarget).toBeCloseTo(-2 / 3, 12);
    expect(p.paidDown).toBe(0);
  });

  it('an entity that leaves the scope is not paid down; a newcomer is not part of M', () => {
    const start = week('2026-01-05T00:00:00Z', 4, [0]);
    const later: InitiativeSnapshot = {
      at: '2026-01-12T00:00:00Z',
      entities: [
        { entityRef: 'component:default/svc-0', meets: true, misses: [] },
        { entityRef: 'Component:default/SVC-1', meets: true, misses: [] },
        {
          entityRef: 'component:default/svc-2',
          meets: false,
          misses: ['lead-week'],
        },
        { entityRef: 'component:default/new', meets: true, misses: [] },
      ],
    };
    const p = initiativeProgress(
      initiative,
      [start, later],
      '2026-01-12T00:00:00Z',
    );
    expect(p.missingAtStart).toBe(3);
    expect(p.paidDown).toBe(1);
  });

  it('days left count whole days to the deadline from `at`, negative once it has passed', () => {
    expect(
      initiativeProgress(initiative, snapshots, '2026-03-29T12:00:00Z')
        .daysLeft,
    ).toBe(1);
    expect(
      initiativeProgress(initiative, snapshots, '2026-03-30T00:00:00Z')
        .daysLeft,
    ).toBe(0);
    expect(
      initiativeProgress(initiative, snapshots, '2026-04-02T00:00:00Z')
        .daysLeft,
    ).toBe(-3);
  });

  it('a start without an earlier snapshot is measured from the first one after it', () => {
    const p = initiativeProgress(
      initiative,
      snapshots.slice(3),
      '2026-02-01T00:00:00Z',
    );
    expect(p.start?.at).toBe('2026-01-12T00:00:00Z');
  });

  it('without snapshots there is no share, and no way to the target', () => {
    const p = initiativeProgress(initiative, [], '2026-01-20T00:00:00Z');
    expect(p).toMatchObject({
      start: null,
      now: null,
      weeks: [],
      wayToTarget: null,
      daysLeft: 69,
    });
  });

  it('a start that already meets the target has no way to go', () => {
    const p = initiativeProgress(
      { ...initiative, targetShare: 0.5 },
      snapshots,
      '2026-01-20T00:00:00Z',
    );
    expect(p.wayToTarget).toBeNull();
    expect(p.targetMet).toBe(true);
  });
});
