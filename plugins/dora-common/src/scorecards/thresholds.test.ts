import { findScorecardMetric } from './scorecardMetrics';
import { formatThreshold, parseThreshold } from './thresholds';

const metric = (path: string) => {
  const found = findScorecardMetric(path);
  if (!found) throw new Error(`no metric ${path}`);
  return found;
};
const leadTime = metric('leadTime.median');
const cfr = metric('changeFailureRate.ratio');
const size = metric('pullRequests.size.p75');
const perDay = metric('deploymentFrequency.perDay');
const perWeek = metric('deploymentFrequency.perWeek');
const perMonth = metric('deploymentFrequency.perMonth');

describe('parseThreshold', () => {
  it('reads durations in s, m, h, d and w (any case, spaces allowed) into seconds', () => {
    expect(parseThreshold('90s', leadTime)).toBe(90);
    expect(parseThreshold('30m', leadTime)).toBe(1800);
    expect(parseThreshold('24h', leadTime)).toBe(86400);
    expect(parseThreshold('2d', leadTime)).toBe(172800);
    expect(parseThreshold('1w', leadTime)).toBe(604800);
    expect(parseThreshold(' 1.5 H ', leadTime)).toBe(5400);
  });

  it('reads a bare number for a duration metric as seconds', () => {
    expect(parseThreshold(3600, leadTime)).toBe(3600);
    expect(parseThreshold('3600', leadTime)).toBe(3600);
  });

  it('refuses a duration it cannot read, saying what a duration looks like', () => {
    expect(parseThreshold('24x', leadTime)).toBe(
      '"24x" is not a duration such as 24h or 2d',
    );
    expect(parseThreshold('15%', leadTime)).toBe(
      '"15%" is not a duration such as 24h or 2d',
    );
    expect(parseThreshold('1/day', leadTime)).toMatch(/not a duration/);
    expect(parseThreshold(-5, leadTime)).toBe(
      '-5 is not a duration such as 24h or 2d',
    );
    expect(parseThreshold('', leadTime)).toMatch(/not a duration/);
  });

  it('reads a percentage, or a bare ratio in [0, 1], for a ratio metric', () => {
    expect(parseThreshold('15%', cfr)).toBe(0.15);
    expect(parseThreshold('5 %', cfr)).toBe(0.05);
    expect(parseThreshold('12.5%', cfr)).toBe(0.125);
    expect(parseThreshold('100%', cfr)).toBe(1);
    expect(parseThreshold('0%', cfr)).toBe(0);
    expect(parseThreshold(0.15, cfr)).toBe(0.15);
    expect(parseThreshold('1', cfr)).toBe(1);
  });

  it('refuses a ratio above 1, a percentage above 100% and a duration', () => {
    expect(parseThreshold(15, cfr)).toBe(
      '15 is not a ratio between 0 and 1; write a percentage such as 15%',
    );
    expect(parseThreshold('150%', cfr)).toBe('"150%" is more than 100%');
    expect(parseThreshold('24h', cfr)).toBe(
      '"24h" is not a percentage such as 15% (or a ratio between 0 and 1)',
    );
  });

  it('reads a plain number for a count metric, and nothing else', () => {
    expect(parseThreshold('400', size)).toBe(400);
    expect(parseThreshold(400, size)).toBe(400);
    expect(parseThreshold('0', size)).toBe(0);
    expect(parseThreshold('400 lines', size)).toBe(
      '"400 lines" is not a number such as 400',
    );
    expect(parseThreshold('4h', size)).toBe('"4h" is not a number such as 400');
    expect(parseThreshold(-1, size)).toBe('-1 is not a number such as 400');
  });

  it('converts a rate into the period of the metric path (a month is 30 days)', () => {
    expect(parseThreshold('1/day', perDay)).toBe(1);
    expect(parseThreshold('1/week', perDay)).toBeCloseTo(1 / 7, 12);
    expect(parseThreshold('1/week', perWeek)).toBe(1);
    expect(parseThreshold('2/week', perWeek)).toBe(2);
    expect(parseThreshold('1/day', perWeek)).toBe(7);
    expect(parseThreshold('1/month', perDay)).toBeCloseTo(1 / 30, 12);
    expect(parseThreshold('1/month', perMonth)).toBe(1);
    expect(parseThreshold('1/day', perMonth)).toBe(30);
    expect(parseThreshold('1/week', perMonth)).toBeCloseTo(30 / 7, 12);
  });

  it('accepts the short periods d, w and mo, and spaces around the slash', () => {
    expect(parseThreshold('1/d', perWeek)).toBe(7);
    expect(parseThreshold('1/w', perWeek)).toBe(1);
    expect(parseThreshold('3 / mo', perMonth)).toBe(3);
    expect(parseThreshold('2/Week', perWeek)).toBe(2);
  });

  it("reads a bare number for a rate in the metric path's own period", () => {
    expect(parseThreshold(1, perDay)).toBe(1);
    expect(parseThreshold('3', perWeek)).toBe(3);
    expect(parseThreshold(4, perMonth)).toBe(4);
  });

  it('refuses a rate it cannot read, naming the bare-number period', () => {
    expect(parseThreshold('1/year', perWeek)).toBe(
      '"1/year" is not a rate such as 1/day, 2/week or 1/month (a bare number is per week)',
    );
    expect(parseThreshold('weekly', perDay)).toMatch(
      /a bare number is per day\)$/,
    );
    expect(parseThreshold('1h', perDay)).toMatch(/not a rate/);
  });
});

describe('formatThreshold', () => {
  it('writes durations in the natural unit: hours up to a day, days from 2d, weeks from 2w', () => {
    expect(formatThreshold(90, leadTime)).toBe('90s');
    expect(formatThreshold(1800, leadTime)).toBe('30m');
    expect(formatThreshold(5400, leadTime)).toBe('90m');
    expect(formatThreshold(86400, leadTime)).toBe('24h');
    expect(formatThreshold(129600, leadTime)).toBe('36h');
    expect(formatThreshold(172800, leadTime)).toBe('2d');
    expect(formatThreshold(604800, leadTime)).toBe('7d');
    expect(formatThreshold(1209600, leadTime)).toBe('2w');
    expect(formatThreshold(0.5, leadTime)).toBe('0.5s');
    expect(formatThreshold(100000, leadTime)).toBe('1.16d');
  });

  it('writes ratios as percentages without rounding noise', () => {
    expect(formatThreshold(0.15, cfr)).toBe('15%');
    expect(formatThreshold(0.145, cfr)).toBe('14.5%');
    expect(formatThreshold(1, cfr)).toBe('100%');
  });

  it('writes counts as plain numbers', () => {
    expect(formatThreshold(400, size)).toBe('400');
    expect(formatThreshold(400.5, size)).toBe('400.5');
  });

  it('writes rates in the shortest period in which they are whole', () => {
    expect(formatThreshold(1 / 7, perDay)).toBe('1/week');
    expect(formatThreshold(1, perWeek)).toBe('1/week');
    expect(formatThreshold(7, perWeek)).toBe('1/day');
    expect(formatThreshold(1 / 30, perDay)).toBe('1/month');
    expect(formatThreshold(60, perMonth)).toBe('2/day');
    expect(formatThreshold(0.01, perDay)).toBe('0.01/day');
  });

  it('round-trips what it writes through parseThreshold', () => {
    const cases: [number, ReturnType<typeof metric>][] = [
      [86400, leadTime],
      [172800, leadTime],
      [1209600, leadTime],
      [0.15, cfr],
      [400, size],
      [1 / 7, perDay],
      [2, perWeek],
      [1, perMonth],
    ];
    for (const [value, m] of cases) {
      expect(parseThreshold(formatThreshold(value, m), m)).toBeCloseTo(
        value,
        12,
      );
    }
  });
});
