import {
  DAY,
  HOUR,
  after,
  deployment,
  metricsOf,
} from '../__testUtils__/eventFactories';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from './bands';

const HOUR_S = 3600;
const DAY_S = 86400;

describe('deploymentFrequencyBand', () => {
  it('is elite only above one deployment a day', () => {
    expect(deploymentFrequencyBand(1.01, 31)).toBe('elite');
    expect(deploymentFrequencyBand(3, 90)).toBe('elite');
  });

  it('is high, not elite, at exactly one deployment a day', () => {
    expect(deploymentFrequencyBand(1, 30)).toBe('high');
  });

  it('is high above one a week, and medium at exactly one a week (strict)', () => {
    expect(deploymentFrequencyBand(1 / 7 + 1e-9, 5)).toBe('high');
    expect(deploymentFrequencyBand(1 / 7, 4)).toBe('medium');
  });

  it('is medium above one a month, and low at exactly one a month (strict)', () => {
    expect(deploymentFrequencyBand(1 / 30 + 1e-9, 2)).toBe('medium');
    expect(deploymentFrequencyBand(1 / 30, 1)).toBe('low');
    expect(deploymentFrequencyBand(0.01, 1)).toBe('low');
  });

  it('is low when the count is 0', () => {
    expect(deploymentFrequencyBand(0, 0)).toBe('low');
    // The count decides even if a caller passes an inconsistent rate.
    expect(deploymentFrequencyBand(2, 0)).toBe('low');
  });

  it('puts exactly one deployment a day, a week and a month of a real window on the lower side', () => {
    // `count` deployments an hour apart in a window of `days` days.
    const frequency = (days: number, count: number) => {
      const from = '2024-05-01T00:00:00Z';
      const events = Array.from({ length: count }, (_, i) =>
        deployment({ id: `d${i}`, finishedAt: after(from, i * HOUR) }),
      );
      return metricsOf(events, { from, to: after(from, days * DAY) })
        .deploymentFrequency;
    };
    expect(frequency(7, 7)).toMatchObject({ perDay: 1, band: 'high' });
    expect(frequency(7, 8).band).toBe('elite');
    expect(frequency(7, 1).band).toBe('medium');
    expect(frequency(14, 3).band).toBe('high');
    expect(frequency(30, 1).band).toBe('low');
    expect(frequency(30, 2).band).toBe('medium');
    expect(frequency(30, 0)).toMatchObject({ count: 0, band: 'low' });
  });
});

describe('leadTimeBand', () => {
  it('is elite under one day and high at exactly one day', () => {
    expect(leadTimeBand(0)).toBe('elite');
    expect(leadTimeBand(DAY_S - 1)).toBe('elite');
    expect(leadTimeBand(DAY_S)).toBe('high');
  });

  it('is high under seven days and medium at exactly seven days', () => {
    expect(leadTimeBand(7 * DAY_S - 1)).toBe('high');
    expect(leadTimeBand(7 * DAY_S)).toBe('medium');
  });

  it('is medium under thirty days and low at exactly thirty days', () => {
    expect(leadTimeBand(30 * DAY_S - 1)).toBe('medium');
    expect(leadTimeBand(30 * DAY_S)).toBe('low');
  });

  it('is null when there is no median', () => {
    expect(leadTimeBand(null)).toBeNull();
  });
});

describe('changeFailureRateBand', () => {
  it('is elite up to and including 5 %', () => {
    expect(changeFailureRateBand(0)).toBe('elite');
    expect(changeFailureRateBand(0.05)).toBe('elite');
    expect(changeFailureRateBand(1 / 20)).toBe('elite');
  });

  it('is high above 5 % up to and including 10 %', () => {
    expect(changeFailureRateBand(0.050001)).toBe('high');
    expect(changeFailureRateBand(0.1)).toBe('high');
    expect(changeFailureRateBand(1 / 10)).toBe('high');
  });

  it('is medium above 10 % up to and including 15 %', () => {
    expect(changeFailureRateBand(0.100001)).toBe('medium');
    expect(changeFailureRateBand(0.15)).toBe('medium');
    expect(changeFailureRateBand(3 / 20)).toBe('medium');
  });

  it('is low above 15 %', () => {
    expect(changeFailureRateBand(0.150001)).toBe('low');
    expect(changeFailureRateBand(1)).toBe('low');
  });

  it('is null when there is no ratio', () => {
    expect(changeFailureRateBand(null)).toBeNull();
  });
});

describe('timeToRestoreBand', () => {
  it('is elite under one hour and high at exactly one hour', () => {
    expect(timeToRestoreBand(0)).toBe('elite');
    expect(timeToRestoreBand(HOUR_S - 1)).toBe('elite');
    expect(timeToRestoreBand(HOUR_S)).toBe('high');
  });

  it('is high under one day and medium at exactly one day', () => {
    expect(timeToRestoreBand(DAY_S - 1)).toBe('high');
    expect(timeToRestoreBand(DAY_S)).toBe('medium');
  });

  it('is medium under seven days and low at exactly seven days', () => {
    expect(timeToRestoreBand(7 * DAY_S - 1)).toBe('medium');
    expect(timeToRestoreBand(7 * DAY_S)).toBe('low');
  });

  it('is null when there is no median', () => {
    expect(timeToRestoreBand(null)).toBeNull();
  });
});
