import { HOUR, ms } from '../__testUtils__/eventFactories';
import {
  calendarBoundaries,
  isValidTimeZone,
  pieceIndex,
  toZonedIso,
} from './calendar';

const cut = (
  from: string,
  to: string,
  timezone: string,
  unit: 'day' | 'week' | 'month',
) => calendarBoundaries(ms(from), ms(to), timezone, unit);

const isoList = (...instants: string[]) => instants.map(ms);

describe('calendarBoundaries in UTC', () => {
  it('cuts whole days at UTC midnight', () => {
    expect(
      cut('2024-05-01T00:00:00Z', '2024-05-04T00:00:00Z', 'UTC', 'day'),
    ).toEqual(
      isoList(
        '2024-05-01T00:00:00Z',
        '2024-05-02T00:00:00Z',
        '2024-05-03T00:00:00Z',
        '2024-05-04T00:00:00Z',
      ),
    );
  });

  it('clips the first and last day to the window', () => {
    expect(
      cut('2024-05-01T12:00:00Z', '2024-05-03T06:00:00Z', 'UTC', 'day'),
    ).toEqual(
      isoList(
        '2024-05-01T12:00:00Z',
        '2024-05-02T00:00:00Z',
        '2024-05-03T00:00:00Z',
        '2024-05-03T06:00:00Z',
      ),
    );
  });

  it('gives one clipped piece for a window inside one day', () => {
    expect(
      cut('2024-05-01T08:00:00Z', '2024-05-01T09:00:00Z', 'UTC', 'day'),
    ).toEqual(isoList('2024-05-01T08:00:00Z', '2024-05-01T09:00:00Z'));
  });

  it('starts ISO weeks on Monday (2024-05-01 is a Wednesday; 6 and 13 May are Mondays)', () => {
    expect(
      cut('2024-05-01T00:00:00Z', '2024-05-20T00:00:00Z', 'UTC', 'week'),
    ).toEqual(
      isoList(
        '2024-05-01T00:00:00Z',
        '2024-05-06T00:00:00Z',
        '2024-05-13T00:00:00Z',
        '2024-05-20T00:00:00Z',
      ),
    );
  });

  it('ends a week on Sunday night: Sunday and the next Monday are in different weeks', () => {
    expect(
      cut('2024-05-05T00:00:00Z', '2024-05-07T00:00:00Z', 'UTC', 'week'),
    ).toEqual(
      isoList(
        '2024-05-05T00:00:00Z',
        '2024-05-06T00:00:00Z',
        '2024-05-07T00:00:00Z',
      ),
    );
  });

  it('cuts calendar months of different lengths, including a leap February', () => {
    expect(
      cut('2024-01-15T00:00:00Z', '2024-04-10T00:00:00Z', 'UTC', 'month'),
    ).toEqual(
      isoList(
        '2024-01-15T00:00:00Z',
        '2024-02-01T00:00:00Z',
        '2024-03-01T00:00:00Z',
        '2024-04-01T00:00:00Z',
        '2024-04-10T00:00:00Z',
      ),
    );
  });
});

describe('calendarBoundaries in Europe/Berlin', () => {
  it('cuts days at Berlin midnight (22:00 UTC in summer), so 23:30 UTC is on the next day', () => {
    const boundaries = cut(
      '2024-05-01T00:00:00Z',
      '2024-05-03T00:00:00Z',
      'Europe/Berlin',
      'day',
    );
    expect(boundaries).toEqual(
      isoList(
        '2024-05-01T00:00:00Z',
        '2024-05-01T22:00:00Z',
        '2024-05-02T22:00:00Z',
        '2024-05-03T00:00:00Z',
      ),
    );
    const lateDeploy = ms('2024-05-01T23:30:00Z');
    expect(pieceIndex(boundaries, lateDeploy)).toBe(1);
    const utc = cut(
      '2024-05-01T00:00:00Z',
      '2024-05-03T00:00:00Z',
      'UTC',
      'day',
    );
    expect(pieceIndex(utc, lateDeploy)).toBe(0);
  });

  it('has a 23-hour day when summer time starts (Sunday 31 March 2024)', () => {
    const boundaries = cut(
      '2024-03-29T23:00:00Z', // Sat 30 March 00:00 +01:00
      '2024-04-01T22:00:00Z', // Tue 2 April 00:00 +02:00
      'Europe/Berlin',
      'day',
    );
    expect(boundaries).toEqual(
      isoList(
        '2024-03-29T23:00:00Z',
        '2024-03-30T23:00:00Z',
        '2024-03-31T22:00:00Z',
        '2024-04-01T22:00:00Z',
      ),
    );
    const lengths = boundaries
      .slice(1)
      .map((b, i) => (b - boundaries[i]) / HOUR);
    expect(lengths).toEqual([24, 23, 24]);
  });

  it('has a 25-hour day when summer time ends (Sunday 27 October 2024)', () => {
    const boundaries = cut(
      '2024-10-26T22:00:00Z', // Sun 27 October 00:00 +02:00
      '2024-10-28T23:00:00Z', // Tue 29 October 00:00 +01:00
      'Europe/Berlin',
      'day',
    );
    expect(boundaries).toEqual(
      isoList(
        '2024-10-26T22:00:00Z',
        '2024-10-27T23:00:00Z',
        '2024-10-28T23:00:00Z',
      ),
    );
  });

  it('cuts ISO weeks at Monday midnight Berlin time across the summer-time change (a 167-hour week)', () => {
    const boundaries = cut(
      '2024-03-20T00:00:00Z',
      '2024-04-10T00:00:00Z',
      'Europe/Berlin',
      'week',
    );
    expect(boundaries).toEqual(
      isoList(
        '2024-03-20T00:00:00Z',
        '2024-03-24T23:00:00Z', // Mon 25 March 00:00 +01:00
        '2024-03-31T22:00:00Z', // Mon 1 April 00:00 +02:00
        '2024-04-07T22:00:00Z', // Mon 8 April 00:00 +02:00
        '2024-04-10T00:00:00Z',
      ),
    );
    expect((boundaries[2] - boundaries[1]) / HOUR).toBe(7 * 24 - 1);
    // Sunday 31 March 23:30 Berlin (21:30 UTC) is still in the DST week.
    expect(pieceIndex(boundaries, ms('2024-03-31T21:30:00Z'))).toBe(1);
    // Monday 1 April 00:30 Berlin (22:30 UTC on the 31st) is the next week.
    expect(pieceIndex(boundaries, ms('2024-03-31T22:30:00Z'))).toBe(2);
  });

  it('cuts months at Berlin midnight of the 1st, clipping the last piece', () => {
    expect(
      cut(
        '2024-03-01T00:00:00Z',
        '2024-05-01T00:00:00Z',
        'Europe/Berlin',
        'month',
      ),
    ).toEqual(
      isoList(
        '2024-03-01T00:00:00Z',
        '2024-03-31T22:00:00Z', // 1 April 00:00 +02:00
        '2024-04-30T22:00:00Z', // 1 May 00:00 +02:00
        '2024-05-01T00:00:00Z',
      ),
    );
  });
});

describe('pieceIndex', () => {
  const boundaries = [0, 10, 20, 30];

  it('finds the piece of an instant, each piece half-open [start, end)', () => {
    expect(pieceIndex(boundaries, 0)).toBe(0);
    expect(pieceIndex(boundaries, 9)).toBe(0);
    expect(pieceIndex(boundaries, 10)).toBe(1);
    expect(pieceIndex(boundaries, 19.5)).toBe(1);
    expect(pieceIndex(boundaries, 20)).toBe(2);
    expect(pieceIndex(boundaries, 29)).toBe(2);
  });

  it('is -1 before the first boundary and at or after the last one', () => {
    expect(pieceIndex(boundaries, -1)).toBe(-1);
    expect(pieceIndex(boundaries, 30)).toBe(-1);
    expect(pieceIndex(boundaries, 31)).toBe(-1);
  });

  it('works with a single piece', () => {
    expect(pieceIndex([5, 15], 5)).toBe(0);
    expect(pieceIndex([5, 15], 14)).toBe(0);
    expect(pieceIndex([5, 15], 15)).toBe(-1);
  });
});

describe('toZonedIso', () => {
  it('writes the instant with the timezone’s own offset', () => {
    const instant = ms('2024-05-01T22:00:00Z');
    expect(toZonedIso(instant, 'Europe/Berlin')).toMatch(
      /^2024-05-02T00:00:00(\.000)?\+02:00$/,
    );
    expect(toZonedIso(ms('2024-01-15T12:00:00Z'), 'Europe/Berlin')).toMatch(
      /^2024-01-15T13:00:00(\.000)?\+01:00$/,
    );
    expect(toZonedIso(instant, 'UTC')).toMatch(
      /^2024-05-01T22:00:00(\.000)?(Z|\+00:00)$/,
    );
  });

  it('round-trips to the same instant', () => {
    const instant = ms('2024-10-27T01:30:00Z');
    expect(Date.parse(toZonedIso(instant, 'Europe/Berlin'))).toBe(instant);
    expect(Date.parse(toZonedIso(instant, 'America/New_York'))).toBe(instant);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC, and refuses anything else', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
