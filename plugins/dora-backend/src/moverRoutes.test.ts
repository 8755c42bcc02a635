import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  moverCsvRows,
  objectsToCsv,
  parseCsvRecords,
  rankMovers,
  reportToCsv,
} from '@dora-metrics/plugin-dora-common';
import request from 'supertest';
import { migrateUp } from './database/migrations';
import { component, group } from './__testUtils__/entities';
import {
  startDoraBackend,
  waitForFacts,
} from './__testUtils__/startDoraBackend';
import { emptyEventsAndFacts } from './__testUtils__/tables';
import { doraTestDatabases } from './testUtils';

/**
 * Issue 17, movers and trends for managers: every number of the movers,
 * the trend and the report is the one the metrics routes answer for the
 * same team or service and window.
 */

jest.setTimeout(180_000);

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Body = Record<string, any>;

// org > payments > checkout, org > search; stray has no owner.
const entities = [
  group('org', ['payments', 'search']),
  group('payments', ['checkout'], 'org'),
  group('checkout', [], 'payments'),
  group('search', [], 'org'),
  {
    ...component('ledger', { 'dora/incident-source': 'pagerduty' }, 'payments'),
    metadata: {
      name: 'ledger',
      namespace: 'default',
      title: 'Ledger',
      annotations: { 'dora/incident-source': 'pagerduty' },
    },
  },
  component('cart', {}, 'checkout'),
  component('refunds', {}, 'payments'),
  component('finder', {}, 'search'),
  component('stray'),
];

const weekly = {
  id: 'weekly',
  title: 'Deploy often',
  levels: ['bronze'],
  rules: [
    {
      id: 'deploys',
      title: 'Deploy weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
  ],
};

// The current window is the 28 days before the last UTC midnight, the
// previous one the 28 days before it.
const TO = Math.floor(Date.now() / DAY) * DAY;
const FROM = TO - 28 * DAY;
const BEFORE = FROM - 28 * DAY;
const WINDOW = { from: iso(FROM), to: iso(TO), timezone: 'Europe/Paris' };

/** `count` production deployments spread over `[from, from + 28 d)`, the first `failed` of them failed. */
function deploys(name: string, from: number, count: number, failed = 0) {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'deployment',
    source: 'ci',
    id: `${name}-${from}-${i}`,
    entityRef: `component:default/${name}`,
    environment: 'production',
    status: i < failed ? 'failure' : 'success',
    finishedAt: iso(from + ((i + 0.5) * 28 * DAY) / count),
  }));
}

/** `count` incidents of ledger opened in `[from, from + 28 d)`, each resolved after `hours`. */
function incidents(from: number, count: number, hours: number) {
  return Array.from({ length: count }, (_, i) => {
    const openedAt = from + (i + 1) * 5 * DAY;
    return {
      kind: 'incident',
      source: 'pagerduty',
      id: `ledger-${from}-${i}`,
      entityRef: 'component:default/ledger',
      openedAt: iso(openedAt),
      resolvedAt: iso(openedAt + hours * 3_600_000),
    };
  });
}

const events = [
  // ledger deploys twice as often and restores slower: one improvement, one regression.
  ...deploys('ledger', BEFORE, 10),
  ...deploys('ledger', FROM, 20),
  ...incidents(BEFORE, 3, 1),
  ...incidents(FROM, 3, 4),
  // cart deploys half as often and fails more.
  ...deploys('cart', BEFORE, 20, 1),
  ...deploys('cart', FROM, 10, 3),
  // refunds: too few deployments to rank.
  ...deploys('refunds', BEFORE, 2),
  ...deploys('refunds', FROM, 3),
  ...deploys('finder', BEFORE, 8),
  ...deploys('finder', FROM, 8),
  ...deploys('stray', FROM, 6),
];

/** What a mover reads of a body, spelled out: the value and the events behind it. */
const readings: Record<
  string,
  (body: Body) => { value: unknown; sample: unknown; band: unknown }
> = {
  deploymentFrequency: b => ({
    value: b.deploymentFrequency.perDay,
    sample: b.deploymentFrequency.count,
    band: b.deploymentFrequency.band,
  }),
  leadTime: b => ({
    value: b.leadTime.median,
    sample: b.leadTime.sampleSize,
    band: b.leadTime.band,
  }),
  changeFailureRate: b => ({
    value: b.changeFailureRate.ratio,
    sample: b.changeFailureRate.total,
    band: b.changeFailureRate.band,
  }),
  timeToRestore: b => ({
    value: b.timeToRestore.median,
    sample: b.timeToRestore.sampleSize ?? 0,
    band: b.timeToRestore.band,
  }),
};

/** A mover row's values of both windows, as the readings of the two bodies. */
function rowValues(row: Body) {
  return Object.fromEntries(
    Object.entries(row.changes).map(([metric, change]: [string, any]) => [
      metric,
      {
        now: {
          value: change.current,
          sample: change.currentSample,
          band: change.currentBand,
        },
        then: {
          value: change.previous,
          sample: change.previousSample,
          band: change.previousBand,
        },
      },
    ]),
  );
}

function expectedValues(now: Body, then: Body) {
  return Object.fromEntries(
    Object.entries(readings).map(([metric, read]) => [
      metric,
      { now: read(now), then: read(then) },
    ]),
  );
}

/** A pooled team body: no rows, no team, no series, no provenance. */
function pooled(body: Body): Body {
  const {
    groupRef: _g,
    entities: _e,
    series: _s,
    computedAt: _a,
    computedFrom: _f,
    ...rest
  } = body;
  return rest;
}

describe.each(databases.eachSupportedId())(
  'movers, trend and report on %s',
  databaseId => {
    let server: any;
    const get = (path: string, query: Record<string, unknown> = {}) =>
      request(server)
        .get(`/api/dora/v1${path}`)
        .set('Authorization', user)
        .query(query);
    const groupPath = (name: string, what: string) =>
      `/groups/default/${name}/${what}`;
    const previousWindow = { ...WINDOW, from: iso(BEFORE), to: iso(FROM) };

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      server = await startDoraBackend({
        knex,
        entities,
        config: { dora: { scorecards: [weekly] } },
      });
      const ingested = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({ events });
      if (ingested.status !== 200) {
        throw new Error(`ingest answered ${ingested.status}`);
      }
    });

    /** Each row's values equal the metrics routes' for both windows; how many rows. */
    async function checkRows(body: Body): Promise<number> {
      for (const row of body.teams) {
        const name = row.ref.split('/')[1];
        const now = await get(groupPath(name, 'metrics'), WINDOW);
        const then = await get(groupPath(name, 'metrics'), previousWindow);
        expect({ ref: row.ref, values: rowValues(row) }).toEqual({
          ref: row.ref,
          values: expectedValues(now.body, then.body),
        });
      }
      for (const row of body.services) {
        const now = await get('/metrics', { ...WINDOW, entityRef: row.ref });
        const then = await get('/metrics', {
          ...previousWindow,
          entityRef: row.ref,
        });
        expect({ ref: row.ref, values: rowValues(row) }).toEqual({
          ref: row.ref,
          values: expectedValues(now.body, then.body),
        });
      }
      return body.teams.length + body.services.length;
    }

    /** Checks the movers and include=movers; how many rows it compared with the metrics routes. */
    async function checkMovers(): Promise<number> {
      const res = await get('/movers', {
        ...WINDOW,
        groupRef: 'group:default/org',
      });
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body.window).toEqual({ from: iso(FROM), to: iso(TO) });
      expect(body.previousWindow).toEqual({ from: iso(BEFORE), to: iso(FROM) });
      // Rule: the sub-teams at every depth, the group itself left out; all its services.
      expect(body.teams.map((r: Body) => r.ref)).toEqual([
        'group:default/payments',
        'group:default/search',
        'group:default/checkout',
      ]);
      expect(body.services.map((r: Body) => r.ref)).toEqual([
        'component:default/cart',
        'component:default/finder',
        'component:default/ledger',
        'component:default/refunds',
      ]);
      expect(
        body.services.find((r: Body) => r.ref.endsWith('ledger')).title,
      ).toBe('Ledger');
      let checked = await checkRows(body);

      // Rule: a fall is a regression, a rise an improvement, in % of the previous value.
      const frequency = rankMovers(body.services, 'deploymentFrequency');
      expect(frequency.regressions.map(r => r.ref)).toEqual([
        'component:default/cart',
      ]);
      expect(frequency.improvements.map(r => r.ref)).toEqual([
        'component:default/ledger',
      ]);
      // Rule: fewer deployments than the minimum in either window: marked, never ranked.
      expect(frequency.smallSample.map(r => r.ref)).toEqual([
        'component:default/refunds',
      ]);
      expect(body.minimumSample.deploymentFrequency).toBeGreaterThan(3);
      const ledger = body.services.find((r: Body) => r.ref.endsWith('ledger'));
      const lf = ledger.changes.deploymentFrequency;
      expect(lf.change).toBeCloseTo(
        ((lf.current - lf.previous) / lf.previous) * 100,
      );
      expect(lf.change).toBeGreaterThan(0);
      expect(ledger.changes.timeToRestore.direction).toBe('worse');
      expect(ledger.changes.timeToRestore.change).toBeCloseTo(300);
      // Rule: a ratio changes in points.
      const cart = body.services.find((r: Body) => r.ref.endsWith('cart'));
      const cf = cart.changes.changeFailureRate;
      expect(cf.unit).toBe('points');
      expect(cf.change).toBeCloseTo((cf.current - cf.previous) * 100);

      // Rule: the distribution counts the services' bands now and then.
      for (const metric of Object.keys(readings)) {
        const counts = (bands: unknown[]) => {
          const c: Body = { elite: 0, high: 0, medium: 0, low: 0, none: 0 };
          for (const band of bands) c[(band as string) ?? 'none'] += 1;
          return c;
        };
        const now = [];
        const then = [];
        for (const row of body.services) {
          const a = await get('/metrics', { ...WINDOW, entityRef: row.ref });
          const b = await get('/metrics', {
            ...previousWindow,
            entityRef: row.ref,
          });
          now.push(readings[metric](a.body).band);
          then.push(readings[metric](b.body).band);
        }
        expect({ metric, distribution: body.distribution[metric] }).toEqual({
          metric,
          distribution: { now: counts(now), then: counts(then) },
        });
      }

      // Rule: include=movers is the movers route's answer, in the same response.
      const included = await get(groupPath('org', 'metrics'), {
        ...WINDOW,
        include: 'movers',
      });
      expect(included.status).toBe(200);
      expect(included.body.movers).toEqual(body);
      const plain = await get(groupPath('org', 'metrics'), WINDOW);
      const { movers: _m, ...rest } = included.body;
      expect(pooled(rest)).toEqual(pooled(plain.body));

      // Rule: without groupRef, every team and every service of the catalog.
      const all = await get('/movers', WINDOW);
      expect(all.status).toBe(200);
      expect(all.body.teams.map((r: Body) => r.ref).sort()).toEqual(
        ['checkout', 'org', 'payments', 'search'].map(
          n => `group:default/${n}`,
        ),
      );
      expect(all.body.services.map((r: Body) => r.ref)).toContain(
        'component:default/stray',
      );
      checked += await checkRows(all.body);
      return checked;
    }

    async function checkTrend(query: Record<string, unknown>, count: number) {
      const res = await get(groupPath('org', 'trend'), query);
      expect(res.status).toBe(200);
      expect(res.body.rows).toHaveLength(count);
      expect(res.body.rows.map((r: Body) => r.partial)).toEqual(
        Array.from({ length: count }, (_, i) => i === count - 1),
      );
      for (let i = 1; i < count; i++) {
        expect(res.body.rows[i].from).toBe(res.body.rows[i - 1].to);
      }
      for (const row of res.body.rows) {
        const own = await get(groupPath('org', 'metrics'), {
          from: row.from,
          to: row.to,
          timezone: res.body.timezone,
        });
        const { window: _w, ...expected } = pooled(own.body);
        expect({ label: row.label, metrics: row.metrics }).toEqual({
          label: row.label,
          metrics: expected,
        });
      }
      return res.body;
    }

    async function checkReport() {
      const res = await get(groupPath('org', 'report'), WINDOW);
      expect(res.status).toBe(200);
      const report = res.body;
      const team = await get(groupPath('org', 'metrics'), {
        ...WINDOW,
        include: 'subTeams,movers',
      });
      expect(report.groupRef).toBe('group:default/org');
      expect(report.window).toEqual(WINDOW);
      const { subTeams: _t, movers: _m, ...teamBody } = team.body;
      expect(report.team).toEqual(pooled(teamBody));
      expect(report.subTeams).toEqual(team.body.subTeams);
      expect(report.movers).toEqual(team.body.movers);
      expect(report.services.map((s: Body) => s.entityRef)).toEqual(
        team.body.entities.map((e: Body) => e.entityRef),
      );
      for (const row of report.services) {
        const own = await get('/metrics', {
          ...WINDOW,
          entityRef: row.entityRef,
        });
        const { window: _w, ...expected } = pooled(own.body);
        expect(row).toEqual({ entityRef: row.entityRef, ...expected });
      }
      const compliance = await get('/scorecards/compliance', {
        groupRef: 'group:default/org',
      });
      expect(report.compliance).toEqual(compliance.body.items);
      expect(report.compliance).toHaveLength(1);
    }

    it('answers movers, trend and report with the metrics routes’ numbers, facts out of date', async () => {
      // 3 sub-teams and 4 services of org; 4 teams and 5 services of the catalog.
      expect(await checkMovers()).toBe(16);
      await checkTrend({}, 4);
    });

    it('answers movers, trend and report with the metrics routes’ numbers, facts built', async () => {
      await waitForFacts(server);
      const evaluated = await request(server)
        .post('/api/dora/v1/scorecards/evaluate')
        .set('Authorization', user);
      expect(evaluated.status).toBe(200);
      expect(await checkMovers()).toBe(16);
      const quarters = await checkTrend({}, 4);
      expect(quarters.period).toBe('quarter');
      expect(quarters.timezone).toBe('UTC');
      expect(quarters.rows[0].label).toMatch(/^\d{4}-Q[1-4]$/);
      // The data sit in the last 56 days: some quarter or month counts them.
      const months = await checkTrend(
        { period: 'month', count: 3, timezone: 'Europe/Paris' },
        3,
      );
      expect(months.rows[0].label).toMatch(/^\d{4}-\d{2}$/);
      expect(
        months.rows.reduce(
          (sum: number, r: Body) => sum + r.metrics.deploymentFrequency.count,
          0,
        ),
      ).toBeGreaterThan(0);
      await checkReport();
    });

    it('answers the movers, the trend and the report as CSV when asked: the rows of their JSON', async () => {
      await waitForFacts(server);
      const moversQuery = { ...WINDOW, groupRef: 'group:default/org' };
      const movers = await get('/movers', moversQuery);
      const moversCsv = await get('/movers', { ...moversQuery, format: 'csv' });
      expect(moversCsv.headers['content-type']).toMatch(/^text\/csv/);
      const moverRecords = parseCsvRecords(moversCsv.text);
      // A row per team or service × metric: 7 refs × 4 metrics.
      expect(moverRecords).toHaveLength(28);
      expect(moverRecords).toEqual(
        parseCsvRecords(objectsToCsv(moverCsvRows(movers.body))),
      );

      const trendQuery = { period: 'month', count: 3 };
      const trend = await get(groupPath('org', 'trend'), trendQuery);
      const trendCsv = await get(groupPath('org', 'trend'), {
        ...trendQuery,
        format: 'csv',
      });
      expect(
        parseCsvRecords(trendCsv.text).map(r => [
          r.label,
          r['metrics.deploymentFrequency.count'],
        ]),
      ).toEqual(
        trend.body.rows.map((r: Body) => [
          r.label,
          String(r.metrics.deploymentFrequency.count),
        ]),
      );

      const report = await get(groupPath('org', 'report'), WINDOW);
      const reportCsv = await request(server)
        .get(`/api/dora/v1${groupPath('org', 'report')}`)
        .set('Authorization', user)
        .set('Accept', 'text/csv')
        .query(WINDOW);
      expect(reportCsv.headers['content-disposition']).toMatch(
        /^attachment; filename="dora-group-report-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const reportRecords = parseCsvRecords(reportCsv.text);
      expect(new Set(reportRecords.map(r => r.section))).toEqual(
        new Set(['team', 'subTeam', 'service', 'mover', 'compliance']),
      );
      expect(reportRecords).toEqual(
        parseCsvRecords(reportToCsv(report.body)).map((r, i) =>
          // Each answer is generated when asked.
          i === 0 ? { ...r, generatedAt: reportRecords[0].generatedAt } : r,
        ),
      );
    });

    it('answers 400 naming the bad parameter and 404 for an unknown group', async () => {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        [groupPath('org', 'trend'), { period: 'year' }, 'period'],
        [groupPath('org', 'trend'), { count: 0 }, 'count'],
        [groupPath('org', 'trend'), { count: 13 }, 'count'],
        [groupPath('org', 'trend'), { timezone: 'Mars/Base' }, 'timezone'],
        ['/movers', { from: 'yesterday' }, 'from'],
        ['/movers', { from: iso(TO), to: iso(FROM) }, 'from'],
        [groupPath('org', 'report'), { timezone: 'Mars/Base' }, 'timezone'],
        [groupPath('org', 'report'), { to: 'soon' }, 'to'],
      ];
      for (const [path, query, name] of cases) {
        const res = await get(path, query);
        expect({ path, query, status: res.status }).toEqual({
          path,
          query,
          status: 400,
        });
        expect(res.body.error.message).toContain(name);
      }
      for (const path of [
        groupPath('nobody', 'trend'),
        groupPath('nobody', 'report'),
      ]) {
        expect((await get(path)).status).toBe(404);
      }
      expect(
        (await get('/movers', { groupRef: 'group:default/nobody' })).status,
      ).toBe(404);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'how many reads the movers make, on %s',
  databaseId => {
    it('reads the facts with as many queries for 40 services as for 2', async () => {
      const wide = Array.from({ length: 40 }, (_, i) => `wide-${i}`);
      const catalog = [
        group('wide'),
        group('narrow'),
        ...wide.map(name => component(name, {}, 'wide')),
        component('narrow-a', {}, 'narrow'),
        component('narrow-b', {}, 'narrow'),
      ];
      const knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      const server = await startDoraBackend({ knex, entities: catalog });
      const ingested = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({
          events: [...wide, 'narrow-a', 'narrow-b'].flatMap(name => [
            ...deploys(name, BEFORE, 6),
            ...deploys(name, FROM, 7),
          ]),
        });
      expect(ingested.status).toBe(200);
      await waitForFacts(server);

      /** The queries of the facts tables while answering the group's movers. */
      const factQueries = async (name: string) => {
        let queries = 0;
        const count = (query: { sql: string }) => {
          if (query.sql.includes('dora_fact')) queries++;
        };
        knex.on('query', count);
        const res = await request(server)
          .get('/api/dora/v1/movers')
          .set('Authorization', user)
          .query({ ...WINDOW, groupRef: `group:default/${name}` });
        knex.removeListener('query', count);
        expect(res.status).toBe(200);
        expect(res.body.services).toHaveLength(name === 'wide' ? 40 : 2);
        return queries;
      };
      const narrow = await factQueries('narrow');
      expect(narrow).toBeGreaterThan(0);
      expect(await factQueries('wide')).toBe(narrow);
    });
  },
);

describe('mover routes check credentials and permission', () => {
  const paths = [
    '/api/dora/v1/movers',
    '/api/dora/v1/groups/default/org/trend',
    '/api/dora/v1/groups/default/org/report',
  ];

  it('answers 401 without credentials and 403 without dora.metrics.read', async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const open = await startDoraBackend({ knex, entities });
    for (const path of paths) {
      expect({
        path,
        status: (
          await request(open)
            .get(path)
            .set('Authorization', mockCredentials.none.header())
        ).status,
      }).toEqual({
        path,
        status: 401,
      });
    }
    const denied = await startDoraBackend({
      knex,
      entities,
      permission: AuthorizeResult.DENY,
    });
    for (const path of paths) {
      const res = await request(denied).get(path).set('Authorization', user);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });
});
