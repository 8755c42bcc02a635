import { bandOf, bandLimits } from '../metrics/bands';
import { metricChange } from './metricChange';
import { MoverBody } from './moverMetrics';
import { bandDistribution, moverRow, rankMovers } from './movers';
import { moversReport } from './moversReport';

const DAY = 86_400;

/** A body with the four metrics the movers read; bands follow the values. */
function body(values: {
  perDay?: number;
  deployments?: number;
  leadTime?: number | null;
  changes?: number;
  failed?: number;
  restore?: number | null;
  incidents?: number | null;
}): MoverBody {
  const deployments = values.deployments ?? 10;
  const failed = values.failed ?? 0;
  const ratio = deployments === 0 ? null : failed / deployments;
  const perDay = values.perDay ?? 1;
  const leadTime = values.leadTime === undefined ? DAY : values.leadTime;
  const restore = values.restore === undefined ? 3600 : values.restore;
  return {
    deploymentFrequency: {
      count: deployments,
      perDay,
      perWeek: perDay * 7,
      perMonth: perDay * 30,
      deploymentDays: deployments,
      band: bandOf(perDay, bandLimits.deploymentFrequency),
    },
    leadTime: {
      sampleSize: values.changes ?? 10,
      median: leadTime,
      mean: leadTime,
      p90: leadTime,
      band: leadTime === null ? null : bandOf(leadTime, bandLimits.leadTime),
      breakdown: {} as never,
    },
    changeFailureRate: {
      mode: 'deployments' as never,
      failed,
      total: deployments,
      ratio,
      band: ratio === null ? null : bandOf(ratio, bandLimits.changeFailureRate),
    },
    timeToRestore: {
      sampleSize: values.incidents === undefined ? 5 : values.incidents,
      median: restore,
      mean: restore,
      p90: restore,
      source: 'incidents',
      open: 0,
      band: restore === null ? null : bandOf(restore, bandLimits.timeToRestore),
    },
  };
}

describe('metricChange', () => {
  it('tells a rate or a duration in % of the previous value, by the metric’s direction', () => {
    const slower = metricChange(
      'leadTime',
      body({ leadTime: 3 * DAY }),
      body({ leadTime: 2 * DAY }),
    );
    expect(slower.change).toBeCloseTo(50);
    expect(slower.unit).toBe('percent');
    expect(slower.direction).toBe('worse');
    const moreOften = metricChange(
      'deploymentFrequency',
      body({ perDay: 2 }),
      body({ perDay: 1 }),
    );
    expect(moreOften.change).toBeCloseTo(100);
    expect(moreOften.direction).toBe('better');
  });

  it('tells a ratio in percentage points', () => {
    const change = metricChange(
      'changeFailureRate',
      body({ deployments: 20, failed: 4 }),
      body({ deployments: 20, failed: 1 }),
    );
    expect(change.unit).toBe('points');
    expect(change.change).toBeCloseTo(15);
    expect(change.direction).toBe('worse');
    expect(change.previousBand).toBe('elite');
    expect(change.currentBand).toBe('low');
  });

  it('has no change when a value is missing or the previous value is 0', () => {
    expect(
      metricChange('timeToRestore', body({ restore: null }), body({})).change,
    ).toBeNull();
    const fromZero = metricChange(
      'deploymentFrequency',
      body({ perDay: 1 }),
      body({ perDay: 0 }),
    );
    expect(fromZero.change).toBeNull();
    expect(fromZero.direction).toBe('better');
  });

  it('marks a small sample when either window has fewer events than the metric’s minimum', () => {
    expect(
      metricChange('leadTime', body({ changes: 4 }), body({ changes: 50 }))
        .smallSample,
    ).toBe(true);
    expect(
      metricChange('leadTime', body({ changes: 5 }), body({ changes: 5 }))
        .smallSample,
    ).toBe(false);
    expect(
      metricChange(
        'timeToRestore',
        body({ incidents: 3 }),
        body({ incidents: null }),
      ).smallSample,
    ).toBe(true);
  });
});

describe('rankMovers', () => {
  const rows = [
    moverRow({
      ref: 'a',
      current: body({ leadTime: 2 * DAY }),
      previous: body({ leadTime: DAY }),
    }),
    moverRow({
      ref: 'b',
      current: body({ leadTime: DAY }),
      previous: body({ leadTime: 4 * DAY }),
    }),
    moverRow({
      ref: 'c',
      current: body({ leadTime: 5 * DAY }),
      previous: body({ leadTime: DAY }),
    }),
    moverRow({
      ref: 'd',
      current: body({ leadTime: 9 * DAY, changes: 2 }),
      previous: body({ leadTime: DAY }),
    }),
    moverRow({ ref: 'e', current: body({}), previous: body({}) }),
    moverRow({
      ref: 'f',
      current: body({ leadTime: DAY }),
      previous: body({ leadTime: 2 * DAY }),
    }),
  ];

  it('puts the biggest regressions and the biggest improvements first and never ranks a small sample', () => {
    const ranking = rankMovers(rows, 'leadTime');
    expect(ranking.regressions.map(r => r.ref)).toEqual(['c', 'a']);
    expect(ranking.improvements.map(r => r.ref)).toEqual(['b', 'f']);
    expect(ranking.smallSample.map(r => r.ref)).toEqual(['d']);
  });

  it('ranks a fall in deployment frequency as a regression', () => {
    const ranking = rankMovers(
      [
        moverRow({
          ref: 'down',
          current: body({ perDay: 0.5 }),
          previous: body({ perDay: 1 }),
        }),
        moverRow({
          ref: 'up',
          current: body({ perDay: 3 }),
          previous: body({ perDay: 1 }),
        }),
      ],
      'deploymentFrequency',
    );
    expect(ranking.regressions.map(r => r.ref)).toEqual(['down']);
    expect(ranking.improvements.map(r => r.ref)).toEqual(['up']);
  });
});

describe('bandDistribution and moversReport', () => {
  it('counts the services per band now and then, valueless ones as none', () => {
    const rows = [
      moverRow({
        ref: 'a',
        current: body({ leadTime: 2 * DAY }),
        previous: body({ leadTime: 3600 }),
      }),
      moverRow({
        ref: 'b',
        current: body({ leadTime: null }),
        previous: body({ leadTime: 3600 }),
      }),
    ];
    expect(bandDistribution(rows, 'leadTime')).toEqual({
      now: { elite: 0, high: 1, medium: 0, low: 0, none: 1 },
      then: { elite: 2, high: 0, medium: 0, low: 0, none: 0 },
    });
  });

  it('builds rows of teams and services and the services’ distribution of every metric', () => {
    const report = moversReport({
      window: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      previousWindow: {
        from: '2026-01-04T00:00:00Z',
        to: '2026-02-01T00:00:00Z',
      },
      teams: [
        { ref: 'group:default/t', current: body({}), previous: body({}) },
      ],
      services: [
        { ref: 'component:default/s', current: body({}), previous: body({}) },
      ],
    });
    expect(report.teams[0].changes.leadTime.direction).toBe('same');
    expect(report.services.map(s => s.ref)).toEqual(['component:default/s']);
    expect(report.distribution.changeFailureRate.now.elite).toBe(1);
    expect(report.minimumSample.timeToRestore).toBe(3);
  });
});
