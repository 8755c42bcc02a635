import type { GroupReport } from '../api/movers';
import {
  DAY,
  HOUR,
  after,
  change,
  deployment,
  entityInput,
  request,
} from '../__testUtils__/eventFactories';
import { computeRollup } from '../engine/computeRollup';
import type { DoraEvent } from '../events/schemas';
import { moversReport } from '../movers/moversReport';
import { parseCsvRecords } from './parseCsv';
import { reportCsvRows, reportToCsv } from './reportCsv';

const START = '2026-07-01T00:00:00Z';
const END = '2026-10-01T00:00:00Z';
const CART = 'component:default/cart';
const LEDGER = 'component:default/ledger';

/** `count` daily deployments of `entityRef` from `from`, each shipping a change made `leadHours` before. */
function shipping(
  entityRef: string,
  from: string,
  count: number,
  leadHours: number,
): DoraEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const at = after(from, (i + 0.5) * DAY);
    return [
      change({
        id: `${entityRef}-${from}-c${i}`,
        entityRef,
        firstCommitAt: after(at, -leadHours * HOUR),
        mergedAt: after(at, -HOUR),
      }),
      deployment({
        id: `${entityRef}-${from}-d${i}`,
        entityRef,
        finishedAt: at,
      }),
    ];
  }).flat();
}

/** A report computed from events by the engine: payments (cart in checkout, ledger direct). */
function sampleReport(): GroupReport {
  const now = request(START, END, { bucket: 'month' });
  const before = request('2026-04-01T00:00:00Z', START, { bucket: 'month' });
  const cart = (from: string, n: number) =>
    entityInput(shipping(CART, from, n, 4), { entityRef: CART });
  const ledger = (from: string, n: number) =>
    entityInput(shipping(LEDGER, from, n, 30), { entityRef: LEDGER });
  const team = computeRollup(
    'group:default/payments',
    [cart(START, 20), ledger(START, 6)],
    now,
  );
  const checkout = computeRollup(
    'group:default/checkout',
    [cart(START, 20)],
    now,
  );
  const checkoutBefore = computeRollup(
    'group:default/checkout',
    [cart('2026-04-01T00:00:00Z', 8)],
    before,
  );
  const servicesBefore = computeRollup(
    'group:default/payments',
    [cart('2026-04-01T00:00:00Z', 8), ledger('2026-04-01T00:00:00Z', 12)],
    before,
  ).entities;
  const { series: _s, entities, groupRef: _g, ...pooled } = team;
  const {
    series: _c,
    entities: _e,
    groupRef: _h,
    ...checkoutPooled
  } = checkout;
  return {
    groupRef: 'group:default/payments',
    title: 'Payments, "core"',
    window: { from: START, to: END, timezone: 'UTC' },
    generatedAt: '2026-10-01T08:00:00.000Z',
    team: pooled,
    subTeams: [
      {
        ...checkoutPooled,
        groupRef: 'group:default/checkout',
        title: '=Checkout',
        serviceCount: 1,
      },
    ],
    services: entities,
    movers: moversReport({
      window: { from: START, to: END },
      previousWindow: { from: '2026-04-01T00:00:00Z', to: START },
      teams: [
        {
          ref: 'group:default/checkout',
          title: 'Checkout',
          current: checkout,
          previous: checkoutBefore,
        },
      ],
      services: entities.map((row, i) => ({
        ref: row.entityRef,
        current: row,
        previous: servicesBefore[i],
      })),
    }),
    compliance: [
      {
        scorecardId: 'weekly',
        groupRef: 'group:default/payments',
        entities: 2,
        rules: [
          {
            ruleId: 'deploys',
            title: 'Deploy weekly',
            level: 'bronze',
            pass: 1,
            warn: 0,
            fail: 1,
            noData: 0,
            exempt: 0,
            passRate: 0.5,
            activeFrom: null,
          },
        ],
        announced: [
          {
            ruleId: 'lead',
            title: 'Lead time under a day',
            level: 'silver',
            pass: 1,
            warn: 0,
            fail: 1,
            noData: 0,
            exempt: 0,
            passRate: 0.5,
            activeFrom: '2026-11-01T00:00:00.000Z',
          },
        ],
        levels: [{ level: 'bronze', reached: 1, share: 0.5 }],
      },
    ],
  };
}

describe('reportCsvRows (the quarterly report as one table)', () => {
  const report = sampleReport();
  const rows = reportCsvRows(report);

  it('gives the team, each sub-team, each service, each mover × metric and each compliance rule, in that order', () => {
    expect(rows.map(row => [row.section, row.ref ?? row.ruleId])).toEqual([
      ['team', 'group:default/payments'],
      ['subTeam', 'group:default/checkout'],
      ['service', CART],
      ['service', LEDGER],
      ...['group:default/checkout', CART, LEDGER].flatMap(ref =>
        [
          'deploymentFrequency',
          'leadTime',
          'changeFailureRate',
          'timeToRestore',
        ].map(() => ['mover', ref]),
      ),
      ['compliance', 'deploys'],
      ['compliance', 'lead'],
    ]);
  });

  it('carries the numbers of the report unchanged: pooled, per service, per mover', () => {
    expect(rows[0]).toMatchObject({
      generatedAt: report.generatedAt,
      deploymentFrequency: report.team.deploymentFrequency,
    });
    expect(rows[2].leadTime).toEqual(report.services[0].leadTime);
    const leadMover = rows.find(
      row =>
        row.section === 'mover' &&
        row.ref === CART &&
        row.metric === 'leadTime',
    );
    const { metric: _m, ...leadChange } =
      report.movers.services[0].changes.leadTime;
    expect(leadMover).toMatchObject({ kind: 'service', ...leadChange });
    expect(rows.at(-1)).toMatchObject({
      scorecardId: 'weekly',
      ruleStage: 'announced',
      passRate: 0.5,
    });
  });
});

describe('reportToCsv', () => {
  it('writes one header with a section column and flattened fields, and its cells read back as the rows', () => {
    const report = sampleReport();
    const records = parseCsvRecords(reportToCsv(report));
    expect(records).toHaveLength(reportCsvRows(report).length);
    const [team, subTeam, cart] = records;
    expect(Object.keys(team).slice(0, 4)).toEqual([
      'section',
      'ref',
      'title',
      'generatedAt',
    ]);
    expect(team.title).toBe(report.title);
    expect(Number(team['deploymentFrequency.count'])).toBe(
      report.team.deploymentFrequency.count,
    );
    expect(Number(cart['leadTime.median'])).toBe(
      report.services[0].leadTime.median,
    );
    // A title that starts like a formula stays text.
    expect(subTeam.title).toBe("'=Checkout");
    const mover = records.find(
      r => r.section === 'mover' && r.metric === 'deploymentFrequency',
    );
    expect(Number(mover?.change)).toBe(
      report.movers.teams[0].changes.deploymentFrequency.change,
    );
  });
});
