import { MAX_INITIATIVE_WEEKS, snapshotInstants } from './snapshotInstants';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T07:00:00Z');

describe('snapshotInstants (issue 16)', () => {
  it('steps back a week at a time from now to the first instant at or before the start, oldest first', () => {
    expect(snapshotInstants(NOW - 15 * DAY, NOW)).toEqual([
      NOW - 21 * DAY,
      NOW - 14 * DAY,
      NOW - 7 * DAY,
      NOW,
    ]);
    // A start exactly on a week's end is that snapshot.
    expect(snapshotInstants(NOW - 14 * DAY, NOW)).toEqual([
      NOW - 14 * DAY,
      NOW - 7 * DAY,
      NOW,
    ]);
  });

  it('is only now for an initiative that has not started yet', () => {
    expect(snapshotInstants(NOW + 3 * DAY, NOW)).toEqual([NOW]);
  });

  it('looks at most 52 weeks back, however old the start', () => {
    const instants = snapshotInstants(NOW - 3 * 365 * DAY, NOW);
    expect(instants).toHaveLength(MAX_INITIATIVE_WEEKS + 1);
    expect(instants[0]).toBe(NOW - 52 * 7 * DAY);
    expect(instants[instants.length - 1]).toBe(NOW);
  });
});
