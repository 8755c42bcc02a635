import { renderInTestApp } from '@backstage/test-utils';
import { SeriesPoint } from '@dora-metrics/plugin-dora-common';
import { screen } from '@testing-library/react';
import { entityMetrics, PAYMENTS } from '../../__testUtils__/fixtures';
import {
  ChangeFailureRateChart,
  DeploymentsChart,
  LeadTimeBreakdownChart,
  LeadTimeTrendChart,
  TimeToRestoreChart,
} from './Charts';
import { bandTargets, durationUnits } from './chartUnits';
import { TrendCharts } from './MetricsDashboard';

// Charts are slow to draw on 2 cores.
jest.setTimeout(30_000);

const HOUR = 3600;
const DAY = 86400;

/** Day buckets from March 2 (UTC), each with the given values. */
function series(points: Partial<SeriesPoint>[]): SeriesPoint[] {
  return points.map((values, i) => ({
    start: new Date(Date.UTC(2026, 2, 2 + i)).toISOString(),
    end: new Date(Date.UTC(2026, 2, 3 + i)).toISOString(),
    deployments: 1,
    leadTimeSampleSize: 1,
    leadTimeMedian: null,
    failedChanges: 0,
    changeTotal: 1,
    changeFailureRate: 0,
    incidentsResolved: 0,
    timeToRestoreMedian: null,
    ...values,
  }));
}

const common = { timezone: 'UTC', bucket: 'day' as const, width: 400 };

const figure = (name: string | RegExp) => screen.getByRole('figure', { name });
const axisLabels = (el: HTMLElement) =>
  Array.from(el.querySelectorAll('.recharts-label')).map(l => l.textContent);
const tooltipText = (el: HTMLElement) =>
  el.querySelector('.recharts-tooltip-item-value')?.textContent;

describe('trend charts read in units chosen from the data', () => {
  it('draws lead times of a few days in days: title, axis label and tooltip', async () => {
    await renderInTestApp(
      <LeadTimeTrendChart
        {...common}
        series={series([
          { leadTimeMedian: 3 * DAY },
          { leadTimeMedian: 4 * DAY },
          { leadTimeMedian: 2.5 * DAY },
        ])}
        tooltipIndex={1}
      />,
    );
    const chart = figure('Lead time for changes, median (days)');
    expect(axisLabels(chart)).toContain('days');
    expect(tooltipText(chart)).toBe('4 days');
  });

  it('draws restores of a few minutes in minutes, with a minute tooltip', async () => {
    await renderInTestApp(
      <TimeToRestoreChart
        {...common}
        series={series([
          { timeToRestoreMedian: 12 * 60 },
          { timeToRestoreMedian: 30 * 60 },
        ])}
        tooltipIndex={0}
      />,
    );
    const chart = figure('Time to restore service, median (minutes)');
    expect(axisLabels(chart)).toContain('minutes');
    expect(tooltipText(chart)).toBe('12 min');
  });

  it('takes the tile’s unit when given, so tile and chart agree', async () => {
    await renderInTestApp(
      <LeadTimeTrendChart
        {...common}
        unit="hours"
        series={series([{ leadTimeMedian: 3 * DAY }])}
        tooltipIndex={0}
      />,
    );
    const chart = figure('Lead time for changes, median (hours)');
    expect(axisLabels(chart)).toContain('hours');
    expect(tooltipText(chart)).toBe('72 h');
  });

  it('picks one unit per duration metric from the series and the tile value together, and the dashboard charts use it', async () => {
    const metrics = entityMetrics(PAYMENTS);
    const units = durationUnits(metrics);
    const shifted = {
      ...metrics,
      // A tile of days beside a series of hours: the median of all decides.
      leadTime: { ...metrics.leadTime, median: 20 * DAY },
      series: metrics.series.map(p => ({
        ...p,
        leadTimeMedian: p.leadTimeMedian === null ? null : 40 * DAY,
      })),
    };
    expect(durationUnits(shifted).leadTime).toBe('days');
    await renderInTestApp(
      <TrendCharts metrics={metrics} chartWidth={400} units={units} />,
    );
    const names = {
      hours: 'hours',
      days: 'days',
      minutes: 'minutes',
    } as Record<string, string>;
    expect(
      figure(`Lead time for changes, median (${names[units.leadTime]})`),
    ).toBeInTheDocument();
    expect(
      figure(`Lead time breakdown, medians (${names[units.leadTime]})`),
    ).toBeInTheDocument();
  });
});

describe('trend charts leave gaps where a bucket has no sample', () => {
  it('breaks the line at a null bucket instead of drawing across it or at 0', async () => {
    await renderInTestApp(
      <LeadTimeTrendChart
        {...common}
        series={series([
          { leadTimeMedian: 30 * HOUR },
          { leadTimeMedian: null },
          { leadTimeMedian: 40 * HOUR },
          { leadTimeMedian: 50 * HOUR },
        ])}
      />,
    );
    const chart = figure(/^Lead time for changes/);
    // One dot per bucket with a value, none for the empty one.
    expect(chart.querySelectorAll('.recharts-line-dot')).toHaveLength(3);
    // Two separate segments: the path moves (M) twice.
    const path = chart.querySelector('.recharts-line-curve')!;
    expect(path.getAttribute('d')!.match(/M/g)).toHaveLength(2);
  });

  it('draws a bucket with no deployments as a real 0', async () => {
    await renderInTestApp(
      <DeploymentsChart
        {...common}
        series={series([{ deployments: 2 }, { deployments: 0 }])}
        tooltipIndex={1}
      />,
    );
    expect(tooltipText(figure('Deployments per day'))).toBe('0');
  });
});

describe('empty charts say why', () => {
  it.each([
    [
      'deployments',
      DeploymentsChart,
      { deployments: 0 },
      'No deployments in this window',
    ],
    [
      'lead time',
      LeadTimeTrendChart,
      { leadTimeMedian: null },
      'No changes deployed in this window',
    ],
    [
      'change failure rate',
      ChangeFailureRateChart,
      { changeFailureRate: null, changeTotal: 0 },
      'No deployments in this window',
    ],
    [
      'time to restore',
      TimeToRestoreChart,
      { timeToRestoreMedian: null },
      'No incidents resolved in this window',
    ],
  ] as const)('%s', async (_name, Chart, values, reason) => {
    const { container } = await renderInTestApp(
      <Chart {...common} series={series([values, values])} />,
    );
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(container.querySelector('.recharts-wrapper')).toBeNull();
  });

  it('lead-time breakdown without parts', async () => {
    await renderInTestApp(
      <LeadTimeBreakdownChart
        breakdown={{ coding: null, pickup: null, review: null, deploy: null }}
        width={400}
      />,
    );
    expect(
      screen.getByText('No changes with pull-request times in this window'),
    ).toBeInTheDocument();
  });
});

describe('legends and reference lines', () => {
  it('lists the lead-time breakdown legend in stack order: coding, pickup, review, deploy', async () => {
    await renderInTestApp(
      <LeadTimeBreakdownChart
        breakdown={{
          coding: 3 * HOUR,
          pickup: 2 * HOUR,
          review: HOUR,
          deploy: 4 * HOUR,
        }}
        width={400}
        tooltipIndex={0}
      />,
    );
    const chart = figure('Lead time breakdown, medians (hours)');
    const legend = Array.from(
      chart.querySelectorAll('.recharts-legend-item-text'),
    ).map(item => item.textContent);
    expect(legend).toEqual(['Coding', 'Pickup', 'Review', 'Deploy']);
    const tooltip = Array.from(
      chart.querySelectorAll('.recharts-tooltip-item'),
    ).map(item => item.textContent);
    expect(tooltip).toEqual(
      expect.arrayContaining(['Coding : 3 h', 'Deploy : 4 h']),
    );
  });

  it('draws a labelled reference line with its value in the chart’s unit', async () => {
    await renderInTestApp(
      <LeadTimeTrendChart
        {...common}
        unit="hours"
        series={series([{ leadTimeMedian: 30 * HOUR }])}
        reference={[{ label: 'Elite: under 1 day', value: DAY }]}
      />,
    );
    expect(axisLabels(figure(/^Lead time for changes/))).toContain(
      'Elite: under 1 day (24 h)',
    );
  });

  it('offers the next better band as the target, none when elite', () => {
    const metrics = entityMetrics(PAYMENTS);
    const high = {
      ...metrics,
      leadTime: { ...metrics.leadTime, band: 'high' as const },
      changeFailureRate: { ...metrics.changeFailureRate, band: 'low' as const },
      timeToRestore: { ...metrics.timeToRestore, band: 'elite' as const },
    };
    expect(bandTargets(high)).toEqual({
      leadTime: [{ label: 'Elite: under 1 day', value: DAY }],
      changeFailureRate: [{ label: 'Medium: up to 15 %', value: 0.15 }],
      timeToRestore: [],
    });
  });
});
