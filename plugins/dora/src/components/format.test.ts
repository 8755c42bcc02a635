import {
  plural,
  compareWith,
  durationUnitFor,
  formatDurationIn,
  inDurationUnit,
  formatDeploymentFrequency,
  formatDuration,
  formatMetricValue,
  formatPercent,
  isPartialBucket,
} from './format';

describe('format', () => {
  it('writes durations in the largest sensible unit', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(12 * 60)).toBe('12 min');
    expect(formatDuration(2.1 * 3600)).toBe('2.1 h');
    expect(formatDuration(3.4 * 86400)).toBe('3.4 days');
    expect(formatDuration(86400 * 2)).toBe('2 days');
    expect(formatDuration(null)).toBe('—');
  });

  it('writes ratios as percentages, one decimal under 10 %', () => {
    expect(formatPercent(0.12)).toBe('12 %');
    expect(formatPercent(0.083)).toBe('8.3 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes deployment frequency per day, week or month, whichever reads best', () => {
    expect(formatDeploymentFrequency({ count: 63, perDay: 2.1 })).toBe(
      '2.1/day',
    );
    expect(formatDeploymentFrequency({ count: 18, perDay: 0.6 })).toBe(
      '4.2/week',
    );
    expect(formatDeploymentFrequency({ count: 1, perDay: 1 / 30 })).toBe(
      '1/month',
    );
    expect(formatDeploymentFrequency({ count: 0, perDay: 0 })).toBe('0/week');
  });

  it('formats a scorecard metric by its unit', () => {
    expect(formatMetricValue(86400 * 1.5, 'leadTime.median')).toBe('36 h');
    expect(formatMetricValue(0.15, 'changeFailureRate.ratio')).toBe('15 %');
    expect(formatMetricValue(4.2, 'deploymentFrequency.perWeek')).toBe(
      '4.2/week',
    );
    expect(formatMetricValue(431.75, 'pullRequests.size.p75')).toBe('431.8');
    expect(formatMetricValue(null, 'leadTime.median')).toBe('—');
  });

  it('compares with the previous window, knowing which way is better', () => {
    expect(compareWith(0.6, 0.7, 'higher')).toEqual({
      text: '−14 %',
      direction: 'worse',
    });
    expect(compareWith(3600, 7200, 'lower')).toEqual({
      text: '−50 %',
      direction: 'better',
    });
    expect(compareWith(0.11, 0.095, 'lower', 'ratio')).toEqual({
      text: '+1.5 pp',
      direction: 'worse',
    });
    expect(compareWith(1, 1, 'higher').direction).toBe('same');
    expect(compareWith(1, null, 'higher').direction).toBeNull();
  });
});

describe('duration units', () => {
  it('one unit for a set of durations, picked by their median so an outlier does not change it', () => {
    expect(durationUnitFor([3600, 7200, 5 * 86400])).toBe('hours');
    expect(durationUnitFor([3 * 86400, 4 * 86400, 3600])).toBe('days');
    expect(durationUnitFor([120, 300, null])).toBe('minutes');
    expect(durationUnitFor([])).toBe('hours');
  });

  it('writes every value of a set in that unit, singular for one day', () => {
    expect(formatDurationIn(1.5 * 86400, 'hours')).toBe('36 h');
    expect(formatDurationIn(1.5 * 86400, 'days')).toBe('1.5 days');
    expect(formatDurationIn(86400, 'days')).toBe('1 day');
    expect(formatDurationIn(90, 'minutes')).toBe('2 min');
    expect(formatDurationIn(null, 'days')).toBe('—');
    expect(inDurationUnit(5400, 'hours')).toBe(1.5);
  });
});

describe('isPartialBucket', () => {
  it('a whole ISO week (Monday to Monday) in the viewer timezone is not partial', () => {
    expect(
      isPartialBucket(
        {
          start: '2026-11-16T00:00:00+01:00',
          end: '2026-11-23T00:00:00+01:00',
        },
        'Europe/Berlin',
        'week',
      ),
    ).toBe(false);
  });

  it('a week the window ends inside (Monday until 15:00) is partial', () => {
    expect(
      isPartialBucket(
        { start: '2026-11-23T00:00:00Z', end: '2026-11-23T15:00:00Z' },
        'UTC',
        'week',
      ),
    ).toBe(true);
  });

  it('a month the window starts inside is partial, a whole day is not', () => {
    expect(
      isPartialBucket(
        { start: '2026-10-24T00:00:00Z', end: '2026-11-01T00:00:00Z' },
        'UTC',
        'month',
      ),
    ).toBe(true);
    expect(
      isPartialBucket(
        { start: '2026-10-24T00:00:00Z', end: '2026-10-25T00:00:00Z' },
        'UTC',
        'day',
      ),
    ).toBe(false);
  });
});

describe('plural', () => {
  it('one is singular, every other count plural (wording rule: "1 incident", "2 incidents")', () => {
    expect(plural(1, 'incident')).toBe('1 incident');
    expect(plural(2, 'incident')).toBe('2 incidents');
    expect(plural(0, 'change')).toBe('0 changes');
    expect(plural(1, 'pipeline run')).toBe('1 pipeline run');
    expect(plural(2.25, 'day')).toBe('2.3 days');
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });
});
