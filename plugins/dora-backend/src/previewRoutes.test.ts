import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group } from './__testUtils__/entities';
import { change, deployment } from './__testUtils__/events';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import {
  DATA_DAYS,
  DATA_START,
  isoWithOffset,
  seedPlan,
} from './__testUtils__/randomEvents';
import {
  startDoraBackend,
  waitForFacts,
} from './__testUtils__/startDoraBackend';
import { KnexDoraStore } from './database/KnexDoraStore';
import { migrateUp } from './database/migrations';
import { doraTestDatabases } from './testUtils';

/**
 * Issue 16, preview before it counts: `POST /v1/scorecards/preview` grades
 * a draft week by week as the evaluator would, compares it with the saved
 * version, shows what overrides do, and writes nothing.
 */

jest.setTimeout(300_000);

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Server = Awaited<ReturnType<typeof startDoraBackend>>;
type Body = Record<string, any>;

// Random histories (in 2025) of two seeds; their root groups loosen PR size.
const plans = [7, 4242].map(seed => seedPlan(seed, 1));
const randomCatalog = plans.flatMap(plan => [
  ...plan.groups.map(g => {
    const entity = group(g.name, g.children, g.parent);
    if (!g.parent) {
      entity.metadata.annotations = {
        'dora-scorecards/agreements.pr-size': '600',
      };
    }
    return entity;
  }),
  ...plan.entities.map(e => component(e.name, e.annotations, e.owner)),
]);
/** Where the random histories end up: moved by whole days so that they end two days ago. */
const SHIFT =
  Math.floor((Date.now() - (DATA_START + DATA_DAYS * DAY)) / DAY) * DAY +
  2 * DAY;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** An instant of an event moved by SHIFT, written with the same UTC offset. */
function shifted(value: unknown): unknown {
  if (typeof value !== 'string' || !ISO.test(value)) return value;
  const offset = /([+-])(\d\d):(\d\d)$/.exec(value);
  const minutes = offset
    ? (offset[1] === '-' ? -1 : 1) *
      (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  return isoWithOffset(Date.parse(value) + SHIFT, minutes);
}
const shiftEvent = (event: DoraEvent) =>
  Object.fromEntries(
    Object.entries(event).map(([key, value]) => [key, shifted(value)]),
  );

const agreements = {
  id: 'agreements',
  title: 'Working agreements',
  window: '14d',
  levels: ['bronze', 'silver', 'gold'],
  filter: { owners: plans.map(p => p.groups.find(g => !g.parent)!.groupRef) },
  rules: [
    {
      id: 'deploys',
      title: 'Deploy twice a week',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '2/week',
      warn: '1/week',
      level: 'bronze',
    },
    {
      id: 'pr-size',
      title: 'Small PRs',
      metric: 'pullRequests.size.p75',
      operator: '<=',
      threshold: 400,
      level: 'bronze',
    },
    {
      id: 'lead',
      title: 'Lead time',
      metric: 'leadTime.median',
      operator: '<=',
      threshold: '2d',
      warn: '4d',
      minSampleSize: 3,
      level: 'silver',
    },
    {
      id: 'cfr',
      title: 'Change failure rate',
      metric: 'changeFailureRate.ratio',
      operator: '<=',
      threshold: '20%',
      level: 'silver',
    },
    {
      id: 'review',
      title: 'Fast first review',
      metric: 'pullRequests.timeToFirstReview.median',
      operator: '<=',
      threshold: '1d',
      level: 'gold',
    },
  ],
};

// Now-relative: platform > checkout-team; checkout-team allows 600-line PRs,
// cart-service 800 for itself.
const checkout = group('checkout-team', [], 'platform');
checkout.metadata.annotations = { 'dora-scorecards/delivery.pr-size': '600' };
const fixedCatalog = [
  group('platform', ['checkout-team']),
  checkout,
  component('payments-api', {}, 'platform'),
  component('checkout-web', {}, 'checkout-team'),
  component(
    'cart-service',
    { 'dora-scorecards/delivery.pr-size': '800' },
    'checkout-team',
  ),
];

const delivery = {
  id: 'delivery',
  title: 'Delivery working agreements',
  window: '30d',
  levels: ['bronze', 'gold'],
  filter: { owners: ['group:default/platform'] },
  rules: [
    {
      id: 'pr-size',
      title: 'Small PRs',
      metric: 'pullRequests.size.p75',
      operator: '<=',
      threshold: 400,
      level: 'bronze',
    },
    {
      id: 'deploys',
      title: 'Deploy weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'deploys-daily',
      title: 'Deploy daily',
      metric: 'deploymentFrequency.perDay',
      operator: '>',
      threshold: '1/day',
      level: 'gold',
    },
  ],
};

/** Weekly deploys over the last 30 days and one merged change of the given size. */
function eventsFor(name: string, size: number, now: number) {
  const entityRef = `component:default/${name}`;
  return [
    ...[1, 8, 15, 22, 29].map(days =>
      deployment(`${name}-d${days}`, iso(now - days * DAY), { entityRef }),
    ),
    change(`${name}-c`, iso(now - 2 * DAY), {
      entityRef,
      openedAt: iso(now - 3 * DAY),
      additions: size,
      deletions: 0,
    }),
  ];
}

/** Row counts of every scorecard table (whatever migrations made them). */
async function scorecardRowCounts(knex: Knex): Promise<Record<string, number>> {
  const names: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw(
            "select tablename as name from pg_tables where tablename like 'dora_%' and schemaname = current_schema()",
          )
        ).rows.map((r: Body) => r.name)
      : (
          await knex.raw(
            "select name from sqlite_master where type = 'table' and name like 'dora_%'",
          )
        ).map((r: Body) => r.name);
  const counts: Record<string, number> = {};
  for (const name of names.filter(n => !n.startsWith('dora_fact')).sort()) {
    const [{ n }] = await knex(name).count({ n: '*' });
    counts[name] = Number(n);
  }
  return counts;
}

/** Counts like a preview week's, from stored results. */
function countsOf(results: Body[], levels: string[], ruleIds: string[]) {
  return {
    entities: results.length,
    levels: levels.map((level, i) => ({
      level,
      reached: results.filter(r => r.result.levels[i].achieved).length,
    })),
    noLevel: results.filter(r => r.level === null).length,
    rules: ruleIds.map(ruleId => {
      const statuses = results.map(
        r => r.result.rules.find((rule: Body) => rule.ruleId === ruleId).status,
      );
      const n = (s: string) => statuses.filter(x => x === s).length;
      return {
        ruleId,
        pass: n('pass'),
        warn: n('warn'),
        fail: n('fail'),
        noData: n('no-data'),
        exempt: n('exempt'),
      };
    }),
  };
}

describe.each(databases.eachSupportedId())(
  'POST /v1/scorecards/preview on %s (issue 16)',
  databaseId => {
    let knex: Knex;
    let server: Server;
    const post = (path: string, body: unknown) =>
      request(server)
        .post(`/api/dora/v1${path}`)
        .set('Authorization', user)
        .send(body as object);
    const preview = (body: Body) => post('/scorecards/preview', body);

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      const now = Date.now();
      await new KnexDoraStore(knex).upsertEvents([
        ...eventsFor('payments-api', 500, now),
        ...eventsFor('checkout-web', 500, now),
        ...eventsFor('cart-service', 700, now),
      ]);
      server = await startDoraBackend({
        knex,
        entities: [...randomCatalog, ...fixedCatalog],
      });
      for (const plan of plans) {
        for (const batch of plan.batches) {
          const res = await request(server)
            .post('/api/dora/v1/events')
            .set('Authorization', service)
            .send({ events: batch.map(shiftEvent) });
          if (res.status !== 200) throw new Error(`POST ${res.status}`);
        }
      }
      await waitForFacts(server);
      for (const card of [agreements, delivery]) {
        const res = await post('/scorecards', card);
        if (res.status !== 201) {
          throw new Error(`POST /scorecards ${res.status}: ${res.text}`);
        }
      }
    });

    it('grades the latest week of a saved scorecard as POST /v1/scorecards/evaluate stores it at the same instant (issue 16)', async () => {
      // Evaluated, then previewed a moment later: the histories end two
      // days before, so the moment moves no event in or out of a window.
      const evaluated = await post(
        '/scorecards/evaluate?scorecardId=agreements',
        {},
      );
      expect(evaluated.status).toBe(200);
      const stored: Body[] = (
        await request(server)
          .get('/api/dora/v1/scorecards/results')
          .query({ scorecardId: 'agreements' })
          .set('Authorization', user)
      ).body.items;
      const previewed = await preview({ scorecard: agreements, weeks: 6 });
      expect(previewed.status).toBe(200);
      const body = previewed.body;
      const now = Date.parse(body.evaluatedAt);
      expect(now - evaluated.body.evaluatedAt).toBeLessThan(60_000);
      expect(stored.length).toBe(8);
      // Not a degenerate history: several levels and statuses occur.
      expect(new Set(stored.map(r => r.level)).size).toBeGreaterThan(1);

      expect(body.currentVersion).toEqual(expect.any(Number));
      expect(body.weeks.map((w: Body) => [w.from, w.to])).toEqual(
        [5, 4, 3, 2, 1, 0].map(k => [
          iso(now - k * 7 * DAY - 14 * DAY),
          iso(now - k * 7 * DAY),
        ]),
      );
      const { from: _f, to: _t, ...latest } = body.weeks[5];
      expect(latest).toEqual(
        countsOf(
          stored,
          agreements.levels,
          agreements.rules.map(r => r.id),
        ),
      );
      // The draft is the saved version: no entity changes level.
      expect(body.levelChanges).toEqual([]);

      // Every entity with a level loses it to an impossible bronze rule:
      // each one's current level is the evaluator's.
      const impossible = {
        ...agreements,
        rules: [
          ...agreements.rules,
          {
            id: 'impossible',
            title: 'Impossible',
            metric: 'deploymentFrequency.count',
            operator: '>=',
            threshold: 1_000_000,
            level: 'bronze',
          },
        ],
      };
      const dropped = await preview({ scorecard: impossible, weeks: 1 });
      expect(dropped.body.levelChanges).toEqual(
        stored
          .filter(r => r.level !== null)
          .map(r => ({
            entityRef: r.entityRef,
            current: r.level,
            draft: null,
            direction: 'down',
          }))
          .sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
      );
      // The roots' PR-size override shows with and without it.
      const overridden = body.overrides.filter(
        (o: Body) => o.ruleId === 'pr-size',
      );
      expect(overridden).toHaveLength(8);
      for (const effect of overridden) {
        const rule = stored
          .find(r => r.entityRef === effect.entityRef)!
          .result.rules.find((r: Body) => r.ruleId === 'pr-size');
        expect(effect).toMatchObject({
          source: 'group',
          threshold: 600,
          defaultThreshold: 400,
          status: rule.status,
        });
      }
    });

    it('writes nothing, for a saved scorecard or a new draft (issue 16)', async () => {
      const before = await scorecardRowCounts(knex);
      expect(before.dora_scorecards).toBeGreaterThan(0);
      expect((await preview({ scorecard: delivery })).status).toBe(200);
      expect(
        (await preview({ scorecard: { ...delivery, id: 'brand-new' } })).status,
      ).toBe(200);
      expect(await scorecardRowCounts(knex)).toEqual(before);
    });

    it('shows entities that a stricter threshold moves down, and nothing else (issue 16)', async () => {
      const stricter = {
        ...delivery,
        rules: delivery.rules.map(r =>
          r.id === 'deploys' ? { ...r, threshold: '2/week' } : r,
        ),
      };
      const res = await preview({ scorecard: stricter, weeks: 3 });
      expect(res.status).toBe(200);
      expect(res.body.currentVersion).toEqual(expect.any(Number));
      expect(res.body.levelChanges).toEqual([
        {
          entityRef: 'component:default/cart-service',
          current: 'bronze',
          draft: null,
          direction: 'down',
        },
        {
          entityRef: 'component:default/checkout-web',
          current: 'bronze',
          draft: null,
          direction: 'down',
        },
      ]);
      const latest = res.body.weeks[2];
      expect(latest.entities).toBe(3);
      expect(latest.noLevel).toBe(3);
      expect(latest.rules.find((r: Body) => r.ruleId === 'deploys')).toEqual({
        ruleId: 'deploys',
        pass: 0,
        warn: 0,
        fail: 3,
        noData: 0,
        exempt: 0,
      });
      // A looser one moves them up.
      const looser = {
        ...delivery,
        rules: delivery.rules.map(r =>
          r.id === 'pr-size' ? { ...r, threshold: 1000 } : r,
        ),
      };
      const up = await preview({ scorecard: looser, weeks: 1 });
      expect(up.body.levelChanges).toEqual([
        {
          entityRef: 'component:default/payments-api',
          current: null,
          draft: 'bronze',
          direction: 'up',
        },
      ]);
    });

    it('previews a rule staged to count next month for how it would have done, while its level changes wait for it to count (issue 16)', async () => {
      const nextMonth = new Date(Date.now() + 30 * DAY).toISOString();
      const stricterLater = {
        ...delivery,
        rules: delivery.rules.map(r =>
          r.id === 'deploys'
            ? {
                ...r,
                threshold: '2/week',
                announceAt: new Date(Date.now() - DAY).toISOString(),
                activeFrom: nextMonth,
              }
            : r,
        ),
      };
      const res = await preview({ scorecard: stricterLater, weeks: 2 });
      expect(res.status).toBe(200);
      // Graded as if it counted: the same failures as the stricter rule now.
      expect(
        res.body.weeks[1].rules.find((r: Body) => r.ruleId === 'deploys'),
      ).toMatchObject({ fail: 3 });
      // Saved now, it would only be announced: nobody's level moves yet.
      expect(res.body.levelChanges).toEqual([]);
    });

    it('shows each override with the status it gives and the status without it (issue 16)', async () => {
      const res = await preview({ scorecard: delivery, weeks: 1 });
      expect(res.body.overrides).toEqual([
        {
          entityRef: 'component:default/cart-service',
          ruleId: 'pr-size',
          source: 'entity',
          threshold: 800,
          defaultThreshold: 400,
          status: 'pass',
          statusWithoutOverride: 'fail',
        },
        {
          entityRef: 'component:default/checkout-web',
          ruleId: 'pr-size',
          source: 'group',
          groupRef: 'group:default/checkout-team',
          threshold: 600,
          defaultThreshold: 400,
          status: 'pass',
          statusWithoutOverride: 'fail',
        },
      ]);
    });

    it('previews a new draft week by week, every entity new, a team with its nested groups (issue 16)', async () => {
      const res = await preview({
        scorecard: { ...delivery, id: 'delivery-next' },
        groupRef: 'group:default/checkout-team',
      });
      expect(res.status).toBe(200);
      expect(res.body.scorecardId).toBe('delivery-next');
      expect(res.body.currentVersion).toBeNull();
      expect(res.body.weeks).toHaveLength(12);
      const tos = res.body.weeks.map((w: Body) => Date.parse(w.to));
      expect(tos[11]).toBe(Date.parse(res.body.evaluatedAt));
      tos
        .slice(1)
        .forEach((to: number, i: number) => expect(to - tos[i]).toBe(7 * DAY));
      // Overrides name the scorecard's id: delivery's do not apply to it.
      expect(res.body.overrides).toEqual([]);
      expect(res.body.levelChanges).toEqual(
        ['cart-service', 'checkout-web'].map(name => ({
          entityRef: `component:default/${name}`,
          current: null,
          draft: null,
          direction: 'new',
        })),
      );
      // Twelve weeks back the 30-day window holds no deployment yet.
      expect(
        res.body.weeks[0].rules.find((r: Body) => r.ruleId === 'deploys').pass,
      ).toBe(0);
      expect(res.body.weeks[11]).toMatchObject({
        entities: 2,
        levels: [
          { level: 'bronze', reached: 0 },
          { level: 'gold', reached: 0 },
        ],
        noLevel: 2,
      });
      expect(
        res.body.weeks[11].rules.find((r: Body) => r.ruleId === 'deploys').pass,
      ).toBe(2);
      expect(res.body.tookMs).toEqual(expect.any(Number));
      const platform = await preview({
        scorecard: delivery,
        groupRef: 'group:default/platform',
        weeks: 1,
      });
      expect(platform.body.weeks[0].entities).toBe(3);
    });

    it('refuses a bad draft with the messages of POST /v1/scorecards, and bad weeks or groupRef, with 400 (issue 16)', async () => {
      const bad = {
        ...delivery,
        id: 'bad',
        rules: [{ ...delivery.rules[0], threshold: '24x', level: 'platinum' }],
      };
      const previewed = await preview({ scorecard: bad });
      const created = await post('/scorecards', bad);
      expect([previewed.status, created.status]).toEqual([400, 400]);
      expect(previewed.body.error.message).toMatch(/rules\[0\]\.threshold/);
      expect(previewed.body.error.message).toBe(created.body.error.message);
      const staged = await preview({
        scorecard: {
          ...delivery,
          rules: [
            {
              ...delivery.rules[0],
              announceAt: '2026-03-01T00:00:00Z',
              activeFrom: '2026-02-01T00:00:00Z',
            },
          ],
        },
      });
      expect(staged.status).toBe(400);
      expect(staged.body.error.message).toMatch(/rules\[0\]\.announceAt/);

      const cases: Array<[Body, RegExp]> = [
        [{ scorecard: delivery, weeks: 0 }, /weeks: must be at least 1/],
        [{ scorecard: delivery, weeks: 27 }, /weeks: must be at most 26/],
        [{ scorecard: delivery, weeks: 'many' }, /weeks: must be a number/],
        [{ scorecard: delivery, weeks: 2.5 }, /weeks: must be a whole number/],
        [{ scorecard: delivery, groupRef: 'group:default/nobody' }, /groupRef/],
        [
          { scorecard: delivery, groupRef: 'component:default/cart-service' },
          /groupRef: .* is not a Group/,
        ],
        [{ scorecard: delivery, groupRef: 'a:b:c/d/e' }, /groupRef/],
        [{ scorecard: delivery, extra: 1 }, /extra/],
        [{}, /Invalid scorecard/],
      ];
      for (const [body, message] of cases) {
        const res = await preview(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.error.message).toMatch(message);
      }
    });

    it('answers 403 without dora.scorecards.manage (issue 16)', async () => {
      const denied = await startDoraBackend({
        knex,
        entities: fixedCatalog,
        permission: AuthorizeResult.DENY,
      });
      const res = await request(denied)
        .post('/api/dora/v1/scorecards/preview')
        .set('Authorization', user)
        .send({ scorecard: delivery });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/dora\.scorecards\.manage/);
    });
  },
);
