import { lastCalendarPeriods } from './calendarPeriods';

const at = (iso: string) => Date.parse(iso);

describe('lastCalendarPeriods', () => {
  it('cuts quarters at the timezone’s midnights, oldest first, the current one up to now', () => {
    const now = at('2026-08-15T12:00:00Z');
    const periods = lastCalendarPeriods(now, 'Europe/Paris', 'quarter', 3);
    expect(
      periods.map(p => ({
        ...p,
        from: new Date(p.from).toISOString(),
        to: new Date(p.to).toISOString(),
      })),
    ).toEqual([
      {
        label: '2026-Q1',
        from: '2025-12-31T23:00:00.000Z',
        to: '2026-03-31T22:00:00.000Z',
        partial: false,
      },
      {
        label: '2026-Q2',
        from: '2026-03-31T22:00:00.000Z',
        to: '2026-06-30T22:00:00.000Z',
        partial: false,
      },
      {
        label: '2026-Q3',
        from: '2026-06-30T22:00:00.000Z',
        to: '2026-08-15T12:00:00.000Z',
        partial: true,
      },
    ]);
  });

  it('crosses a year back by months', () => {
    const periods = lastCalendarPeriods(
      at('2026-02-10T00:00:00Z'),
      'UTC',
      'month',
      3,
    );
    expect(periods.map(p => p.label)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periods[0].to).toBe(periods[1].from);
    expect(periods[2].partial).toBe(true);
  });

  it('ends with the whole period just over at the instant a new one starts', () => {
    const periods = lastCalendarPeriods(
      at('2026-07-01T00:00:00Z'),
      'UTC',
      'quarter',
      2,
    );
    expect(periods.map(p => [p.label, p.partial])).toEqual([
      ['2026-Q1', false],
      ['2026-Q2', false],
    ]);
    expect(periods[1].to).toBe(at('2026-07-01T00:00:00Z'));
  });
});
