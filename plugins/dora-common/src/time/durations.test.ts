import { parseDurationSeconds } from './durations';

describe('parseDurationSeconds', () => {
  it('reads seconds, minutes, hours, days and weeks into seconds', () => {
    expect(parseDurationSeconds('90s')).toBe(90);
    expect(parseDurationSeconds('30m')).toBe(30 * 60);
    expect(parseDurationSeconds('1h')).toBe(3600);
    expect(parseDurationSeconds('4h')).toBe(4 * 3600);
    expect(parseDurationSeconds('2d')).toBe(2 * 86400);
    expect(parseDurationSeconds('1w')).toBe(7 * 86400);
  });

  it('accepts fractions, surrounding spaces and upper-case units', () => {
    expect(parseDurationSeconds('1.5h')).toBe(5400);
    expect(parseDurationSeconds('  30m ')).toBe(1800);
    expect(parseDurationSeconds('1H')).toBe(3600);
    expect(parseDurationSeconds('0m')).toBe(0);
  });

  it('is undefined for anything that is not a single number and unit', () => {
    for (const text of ['', 'none', '30', 'h', '-1h', '1h30m', '1y', 'soon']) {
      expect(parseDurationSeconds(text)).toBeUndefined();
    }
  });
});
