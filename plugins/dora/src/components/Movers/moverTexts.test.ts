import { MetricChange } from '@dora-metrics/plugin-dora-common';
import {
  changeText,
  fromToText,
  minimumSampleText,
  sampleText,
  windowsText,
} from './moverTexts';

const DAY = 86_400_000;

function change(overrides: Partial<MetricChange>): MetricChange {
  return {
    metric: 'leadTime',
    current: 3 * 3600,
    previous: 2 * 3600,
    currentSample: 12,
    previousSample: 9,
    currentBand: 'elite',
    previousBand: 'elite',
    change: 50,
    unit: 'percent',
    direction: 'worse',
    smallSample: false,
    ...overrides,
  };
}

describe('mover texts', () => {
  it('tells a change in % for rates and durations and in points for ratios, signed', () => {
    expect(changeText(change({ change: 12.4 }))).toBe('+12 %');
    expect(changeText(change({ change: -4.26 }))).toBe('−4.3 %');
    expect(
      changeText(
        change({ metric: 'changeFailureRate', unit: 'points', change: 3.5 }),
      ),
    ).toBe('+3.5 pts');
    expect(changeText(change({ change: 0.01 }))).toBe('no change');
  });

  it('says new for a change from 0 and nothing for a missing value', () => {
    expect(changeText(change({ change: null, previous: 0 }))).toBe('new');
    expect(changeText(change({ change: null, current: null }))).toBe('—');
  });

  it('formats both sides with the page’s formats and names the events behind them', () => {
    expect(fromToText(change({}))).toBe('2 h → 3 h');
    const frequency = change({
      metric: 'deploymentFrequency',
      current: 2,
      previous: 0.5,
      currentSample: 60,
      previousSample: 15,
    });
    expect(fromToText(frequency)).toBe('3.5/week → 2/day');
    expect(sampleText(frequency)).toBe('15 → 60 deployments');
    expect(sampleText(change({ currentSample: 1 }))).toBe(
      '9 → 1 shipped change',
    );
  });

  it('states the minimum sample of the metric picked', () => {
    const minimum = {
      deploymentFrequency: 5,
      leadTime: 5,
      changeFailureRate: 5,
      timeToRestore: 3,
    };
    expect(minimumSampleText('deploymentFrequency', minimum)).toBe(
      'Changes with fewer than 5 deployments in either window are not ranked.',
    );
    expect(minimumSampleText('timeToRestore', minimum)).toBe(
      'Changes with fewer than 3 restored incidents in either window are not ranked.',
    );
  });

  it('states the windows compared: the last days up to now, or the days of a past range', () => {
    const now = Date.parse('2026-03-31T10:00:00Z');
    expect(
      windowsText(
        {
          from: new Date(now - 30 * DAY).toISOString(),
          to: new Date(now).toISOString(),
        },
        'UTC',
        now,
      ),
    ).toBe('Last 30 days against the 30 days before');
    expect(
      windowsText(
        { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
        'UTC',
        now,
      ),
    ).toBe('Jan 1, 2026 – Jan 31, 2026 against the 31 days before');
  });
});
