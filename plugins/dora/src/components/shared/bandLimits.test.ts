import {
  bandLimits,
  changeFailureRateBand,
  leadTimeBand,
} from '@dora-metrics/plugin-dora-common';
import { bandLimitsText, bandLimitText, nextBandLimit } from './bandLimits';

describe('band limits in words come from the engine’s own limits', () => {
  it('writes each metric’s limits in its terms: rates per period, whole days or hours, percentages', () => {
    expect(bandLimitsText('deploymentFrequency')).toMatch(
      /^Elite: more than 1 a day; High: more than 1 a week; Medium: more than 1 a month; Low: 1 a month or less\. Bands from Metrik/,
    );
    expect(bandLimitText('timeToRestore', 'elite')).toBe('under 1 h');
    expect(bandLimitText('timeToRestore', 'low')).toBe('7 days or more');
    expect(bandLimitText('changeFailureRate', 'high')).toBe('up to 10 %');
    expect(bandLimitText('changeFailureRate', 'low')).toBe('over 15 %');
  });

  it('says "up to" where the engine includes the limit and "under" where it does not', () => {
    const { limits } = bandLimits.changeFailureRate;
    expect(changeFailureRateBand(limits.elite)).toBe('elite');
    expect(bandLimitText('changeFailureRate', 'elite')).toBe('up to 5 %');
    expect(leadTimeBand(bandLimits.leadTime.limits.elite)).toBe('high');
    expect(bandLimitText('leadTime', 'elite')).toBe('under 1 day');
  });

  it('gives the next better band’s limit as the line to aim for, none for elite or no band', () => {
    expect(nextBandLimit('leadTime', 'medium')).toEqual({
      band: 'high',
      value: 7 * 86400,
      label: 'High: under 7 days',
    });
    expect(nextBandLimit('leadTime', 'elite')).toBeUndefined();
    expect(nextBandLimit('timeToRestore', null)).toBeUndefined();
  });
});
