import {
  DEFAULT_SETTINGS,
  DoraEvent,
  GroupReport,
  GroupTrendResponse,
  MetricsBody,
  MoversResponse,
  computeEntityMetrics,
  moversReport,
  reportCsvRows,
} from '@dora-metrics/plugin-dora-common';
import { csvTables } from './csvTables';

/*
 * The tables of the routes built apart (movers, trend, report): checked on
 * typed bodies computed by the engine, until their routes are merged.
 */

const DAY = 86_400_000;
const CART = 'component:default/cart';
const START = Date.parse('2026-07-01T00:00:00Z');
const END = Date.parse('2026-10-01T00:00:00Z');

/** The metrics of `deploys` daily production deployments from `from`. */
function body(from: number, to: number, deploys: number): MetricsBody {
  const events: DoraEvent[] = Array.from({ length: deploys }, (_, i) => ({
    kind: 'deployment',
    source: 'ci',
    id: `d${from}-${i}`,
    entityRef: CART,
    environment: 'production',
    status: 'success',
    finishedAt: new Date(from + (i + 0.5) * DAY).toISOString(),
  }));
  const { entityRef: _e, ...metrics } = computeEntityMetrics(
    { entityRef: CART, events, settings: DEFAULT_SETTINGS },
    { window: { from, to }, timezone: 'UTC', bucket: 'month' },
  );
  return metrics;
}

const previousStart = START - (END - START);
const movers: MoversResponse = moversReport({
  window: {
    from: new Date(START).toISOString(),
    to: new Date(END).toISOString(),
  },
  previousWindow: {
    from: new Date(previousStart).toISOString(),
    to: new Date(START).toISOString(),
  },
  teams: [
    {
      ref: 'group:default/checkout',
      title: 'Checkout',
      current: body(START, END, 30),
      previous: body(previousStart, START, 10),
    },
  ],
  services: [
    {
      ref: CART,
      current: body(START, END, 30),
      previous: body(previousStart, START, 10),
    },
  ],
});

describe('CSV tables of the movers, trend and report routes', () => {
  it('GET /v1/movers: one row per team or service × metric, with the change fields', () => {
    const rows = csvTables['/v1/movers'].rows(movers);
    expect(rows.map(r => [r.kind, r.ref, r.metric])).toEqual(
      ['group:default/checkout', CART].flatMap((ref, i) =>
        [
          'deploymentFrequency',
          'leadTime',
          'changeFailureRate',
          'timeToRestore',
        ].map(metric => [i === 0 ? 'team' : 'service', ref, metric]),
      ),
    );
    const { metric: _m, ...change } =
      movers.services[0].changes.deploymentFrequency;
    expect(rows[4]).toEqual({
      kind: 'service',
      ref: CART,
      title: undefined,
      metric: 'deploymentFrequency',
      ...change,
    });
    expect(change.change).toBeCloseTo(200);
  });

  it('GET /v1/groups/{ns}/{name}/trend: one row per period with the group, the period and the metrics', () => {
    const { series: _s, window: _w, ...metrics } = body(START, END, 30);
    const trend: GroupTrendResponse = {
      groupRef: 'group:default/checkout',
      period: 'quarter',
      timezone: 'UTC',
      rows: [
        {
          label: '2026-Q3',
          from: new Date(START).toISOString(),
          to: new Date(END).toISOString(),
          partial: false,
          metrics,
        },
      ],
    };
    expect(csvTables['/v1/groups/:namespace/:name/trend'].rows(trend)).toEqual([
      {
        groupRef: 'group:default/checkout',
        period: 'quarter',
        timezone: 'UTC',
        ...trend.rows[0],
      },
    ]);
  });

  it('GET /v1/groups/{ns}/{name}/report: the report table of dora-common (section column)', () => {
    const { series: _s, ...team } = body(START, END, 30);
    const { window: _w, ...service } = team;
    const report: GroupReport = {
      groupRef: 'group:default/checkout',
      window: team.window,
      generatedAt: new Date(END).toISOString(),
      team,
      subTeams: [],
      services: [{ entityRef: CART, ...service }],
      movers,
      compliance: [],
    };
    const rows = csvTables['/v1/groups/:namespace/:name/report'].rows(report);
    expect(rows).toEqual(reportCsvRows(report));
    expect(rows.map(r => r.section)).toEqual([
      'team',
      'service',
      ...Array(8).fill('mover'),
    ]);
  });
});
