import { inWindow, toMillis } from './instants';

describe('toMillis', () => {
  it('compares instants in UTC whatever offset they are written with', () => {
    expect(toMillis('2024-05-01T12:00:00+02:00')).toBe(
      Date.UTC(2024, 4, 1, 10, 0, 0),
    );
    expect(toMillis('2024-05-01T10:00:00Z')).toBe(
      toMillis('2024-05-01T05:00:00-05:00'),
    );
  });

  it('reads milliseconds, positive and negative offsets with minutes, leap days and centuries', () => {
    expect(toMillis('2024-02-29T23:59:59.999+05:30')).toBe(
      Date.UTC(2024, 1, 29, 18, 29, 59, 999),
    );
    expect(toMillis('1999-12-31T23:00:00-01:00')).toBe(
      Date.UTC(2000, 0, 1, 0, 0, 0),
    );
    expect(toMillis('2000-02-29T12:00:00Z')).toBe(Date.UTC(2000, 1, 29, 12));
    expect(toMillis('2100-03-01T00:00:00Z')).toBe(Date.UTC(2100, 2, 1));
    expect(toMillis('1970-01-01T00:00:00.000Z')).toBe(0);
    expect(toMillis('1969-12-31T23:59:59Z')).toBe(-1000);
  });

  it('is null for an absent instant', () => {
    expect(toMillis(null)).toBeNull();
    expect(toMillis(undefined)).toBeNull();
  });
});

describe('inWindow', () => {
  const window = { from: 100, to: 200 };

  it('is half-open: from is in, to is out', () => {
    expect(inWindow(window, 100)).toBe(true);
    expect(inWindow(window, 199)).toBe(true);
    expect(inWindow(window, 200)).toBe(false);
    expect(inWindow(window, 99)).toBe(false);
  });

  it('is false for a missing instant', () => {
    expect(inWindow(window, null)).toBe(false);
  });
});
