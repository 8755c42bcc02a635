import { findScorecardMetric } from './scorecardMetrics';
import { readThresholdText, thresholdToText } from './thresholdText';

const metric = (path: string) => {
  const found = findScorecardMetric(path);
  if (!found) throw new Error(`no metric ${path}`);
  return found;
};
const leadTime = metric('leadTime.median');
const cfr = metric('changeFailureRate.ratio');
const size = metric('pullRequests.size.p75');
const perWeek = metric('deploymentFrequency.perWeek');
const perDay = metric('deploymentFrequency.perDay');

const value = (text: string | number, m = leadTime) => {
  const read = readThresholdText(text, m);
  if (!read.ok) throw new Error(read.message);
  return read.value;
};
const message = (text: string | number, m = leadTime) => {
  const read = readThresholdText(text, m);
  if (read.ok) throw new Error(`read ${JSON.stringify(text)} as ${read.value}`);
  return read.message;
};

describe('readThresholdText', () => {
  it('reads durations as people type them into seconds: 24h, 90m, 2d, 1.5 h, 45s', () => {
    expect(value('24h')).toBe(86400);
    expect(value('90m')).toBe(5400);
    expect(value('2d')).toBe(172800);
    expect(value('1.5 h')).toBe(5400);
    expect(value('45s')).toBe(45);
  });

  it('reads ratios as 15%, 15 % or 0.15', () => {
    expect(value('15%', cfr)).toBe(0.15);
    expect(value('15 %', cfr)).toBe(0.15);
    expect(value('0.15', cfr)).toBe(0.15);
  });

  it('reads rates as 1/week, 3/day and 2 per month, in the metric period', () => {
    expect(value('1/week', perWeek)).toBe(1);
    expect(value('3/day', perWeek)).toBe(21);
    expect(value('2 per month', perWeek)).toBeCloseTo((2 * 7) / 30, 12);
    expect(value('2 per months', perDay)).toBeCloseTo(2 / 30, 12);
    expect(value('1 a week', perWeek)).toBe(1);
  });

  it('reads counts as plain numbers', () => {
    expect(value('400', size)).toBe(400);
    expect(value(400, size)).toBe(400);
  });

  it('gives the value written back the way people say it', () => {
    const read = readThresholdText('1440m', leadTime);
    expect(read).toEqual({ ok: true, value: 86400, text: '24h' });
  });

  it('says a percentage is not a duration, and what a duration looks like', () => {
    expect(message('15%')).toBe(
      '"15%" is a percentage, but Lead time for changes (median) is a duration: write a duration such as 45s, 90m, 24h, 1.5 h or 2d (a bare number is seconds)',
    );
  });

  it('says a duration is not a rate, naming the bare-number period', () => {
    expect(message('3d', perWeek)).toBe(
      '"3d" is a duration, but Deployments per week is a rate: write a rate such as 1/week, 3/day or 2 per month (a bare number is per week)',
    );
  });

  it('says a negative threshold is never accepted, as text or as a number', () => {
    expect(message('-5', size)).toMatch(
      /^"-5" is a negative number; thresholds are never below 0: write a whole or decimal number such as 400$/,
    );
    expect(message(-5, size)).toMatch(/^-5 is negative: write a whole/);
  });

  it('says an empty threshold is empty', () => {
    expect(message('  ', cfr)).toBe(
      'the threshold is empty: write a percentage such as 15% or 15 % (or a ratio between 0 and 1 such as 0.15)',
    );
  });

  it('keeps the precise reason when the kind is right but the value is not (150%)', () => {
    expect(message('150%', cfr)).toBe(
      '"150%" is more than 100%; write a percentage such as 15% or 15 % (or a ratio between 0 and 1 such as 0.15)',
    );
    expect(message('2/year', perWeek)).toBe(
      '"2/year" is not a rate such as 1/week, 3/day or 2 per month (a bare number is per week)',
    );
    expect(message(15, cfr)).toBe(
      '15 is not a ratio between 0 and 1; write a percentage such as 15%',
    );
    expect(message('24x')).toBe(
      '"24x" is not a duration such as 45s, 90m, 24h, 1.5 h or 2d (a bare number is seconds)',
    );
    expect(message(Number.NaN)).toMatch(
      /^NaN is not a finite number: write a duration/,
    );
  });

  it('round-trips: the text of a value reads back as the same value', () => {
    const cases: Array<[number, typeof leadTime]> = [
      [86400, leadTime],
      [5400, leadTime],
      [45, leadTime],
      [0.15, cfr],
      [400, size],
      [1, perWeek],
      [3 * 7, perWeek],
    ];
    for (const [v, m] of cases) {
      expect(value(thresholdToText(v, m), m)).toBeCloseTo(v, 9);
    }
  });
});
