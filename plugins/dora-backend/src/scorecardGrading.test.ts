import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import request from 'supertest';
import { KnexExemptionStore } from './database/KnexExemptionStore';
import { KnexScorecardStore } from './database/KnexScorecardStore';
import { migrateUp } from './database/migrations';
import { addExemptionRoutes } from './exemptionRoutes';
import { addScorecardRoutes } from './scorecardRoutes';
import { EntityCatalog } from './service/EntityCatalog';
import { MetricsService } from './service/MetricsService';
import { ScorecardService } from './service/ScorecardService';
import { ExemptionService } from './service/scorecards/ExemptionService';
import { component, group } from './__testUtils__/entities';
import { doraTestDatabases } from './testUtils';

/*
 * Stages and exemptions at the instant asked about: the routes run on a
 * clock the test moves, over real stores, a fake catalog and fixed metrics,
 * so "a week later" needs no waiting and no re-evaluation.
 */

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;
const T0 = Date.parse('2027-03-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

// platform > checkout-team > cart-squad owns cart-service; platform owns payments-api.
const entities: Entity[] = [
  group('platform', ['checkout-team']),
  group('checkout-team', ['cart-squad'], 'platform'),
  group('cart-squad', [], 'checkout-team'),
  component('cart-service', {}, 'cart-squad'),
  component('payments-api', {}, 'platform'),
];
const CART = 'component:default/cart-service';
const PAYMENTS = 'component:default/payments-api';

/** PR size (p75) by entity; both deploy twice a week. */
const PR_SIZE: Record<string, number> = { [CART]: 500, [PAYMENTS]: 300 };
const metrics = {
  measured: (entity: Entity) => {
    const ref = `component:default/${entity.metadata.name}`;
    return { entityRef: ref, key: ref, settings: {}, warnings: [] };
  },
  metricsOf: async (batch: Array<{ key: string }>) =>
    new Map(
      batch.map(({ key }) => [
        key,
        {
          deploymentFrequency: { perWeek: 2, count: 8 },
          pullRequests: { size: { p75: PR_SIZE[key] }, merged: 10 },
        },
      ]),
    ),
} as unknown as MetricsService;

const agreements = {
  id: 'agreements',
  title: 'Working agreements',
  window: '28d',
  levels: ['bronze', 'silver'],
  rules: [
    {
      id: 'deploys',
      title: 'Deploy weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'pr-size',
      title: 'Small PRs',
      metric: 'pullRequests.size.p75',
      operator: '<=',
      threshold: 400,
      level: 'bronze',
      announceAt: iso(T0 - DAY),
      activeFrom: iso(T0 + 7 * DAY),
    },
    {
      id: 'deploys-often',
      title: 'Deploy often',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '5/week',
      level: 'silver',
    },
    {
      id: 'lead-time',
      title: 'Fast lead time',
      metric: 'leadTime.median',
      operator: '<=',
      threshold: '1d',
      level: 'silver',
      announceAt: iso(T0 + 30 * DAY),
      activeFrom: iso(T0 + 60 * DAY),
    },
  ],
};

const GRANTS: Record<string, string[]> = {
  'user:default/owner': ['dora.metrics.read', 'dora.scorecards.exempt'],
  'user:default/manager': ['dora.metrics.read', 'dora.scorecards.manage'],
};
const authorize = async (req: Request, permission: BasicPermission) => {
  const user = req.header('x-test-user') ?? '';
  if (!(GRANTS[user] ?? []).includes(permission.name)) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return mockCredentials.user(user);
};

const ruleIds = (rules: Array<{ ruleId: string }>) =>
  rules.map(r => r.ruleId).sort();

describe.each(databases.eachSupportedId())(
  'graded scorecard results on %s',
  databaseId => {
    let knex: Knex;
    let app: express.Express;
    let clock = T0;
    const as = (user: string) => ({
      get: (path: string) =>
        request(app).get(`/v1/scorecards${path}`).set('x-test-user', user),
      post: (path: string) =>
        request(app).post(`/v1/scorecards${path}`).set('x-test-user', user),
    });
    const manager = as('user:default/manager');
    const owner = as('user:default/owner');

    const latest = async () => {
      const res = await manager.get('/results').query({
        scorecardId: 'agreements',
      });
      expect(res.status).toBe(200);
      return Object.fromEntries(
        res.body.items.map((r: any) => [r.entityRef, r]),
      ) as Record<string, any>;
    };
    const compliance = async () => {
      const res = await manager.get('/agreements/compliance');
      expect(res.status).toBe(200);
      return res.body;
    };
    const ruleOf = (result: any, ruleId: string) =>
      [...result.rules, ...result.announced].find(
        (r: any) => r.ruleId === ruleId,
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      const exemptionStore = new KnexExemptionStore(knex);
      const scorecards = new ScorecardService(
        new KnexScorecardStore(knex),
        new EntityCatalog(catalogServiceMock({ entities })),
        metrics,
        [],
        ['component'],
        mockServices.logger.mock(),
        exemptionStore,
      );
      const router = Router();
      const now = () => clock;
      addScorecardRoutes(router, {
        authorize,
        scorecards,
        // Nothing here asks for include=initiatives.
        initiatives: { list: async () => [] },
        now,
        resultHistoryDays: 365,
      });
      addExemptionRoutes(router, {
        authorize,
        exemptions: new ExemptionService(exemptionStore, scorecards),
        now,
      });
      app = express();
      app.use(express.json());
      app.use(router);
      app.use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig(),
          logger: mockServices.rootLogger(),
        }).error(),
      );
    });

    it('grades at the instant asked: announced rules apart until activeFrom, then counted without re-evaluation; exemptions exempt until they expire (issue 16)', async () => {
      clock = T0;
      expect((await manager.post('').send(agreements)).status).toBe(201);
      const evaluated = await manager.post('/evaluate');
      expect(evaluated.body.count).toBe(2);

      // Announced: shown with its result and the date it counts from, not in the level.
      let results = await latest();
      expect(results[CART].version).toBe(1);
      expect(results[CART].level).toBe('bronze');
      expect(ruleIds(results[CART].result.rules)).toEqual([
        'deploys',
        'deploys-often',
      ]);
      expect(results[CART].result.announced).toEqual([
        expect.objectContaining({
          ruleId: 'pr-size',
          status: 'fail',
          stage: 'announced',
          activeFrom: iso(T0 + 7 * DAY),
        }),
      ]);
      // A draft rule appears nowhere.
      expect(ruleOf(results[CART].result, 'lead-time')).toBeUndefined();
      let report = await compliance();
      expect(ruleIds(report.rules)).toEqual(['deploys', 'deploys-often']);
      expect(report.announced).toEqual([
        expect.objectContaining({
          ruleId: 'pr-size',
          pass: 1,
          fail: 1,
          passRate: 0.5,
          activeFrom: iso(T0 + 7 * DAY),
        }),
      ]);
      expect(report.levels[0]).toEqual({
        level: 'bronze',
        reached: 2,
        share: 1,
      });

      // A day past activeFrom, with no evaluation since: it counts.
      clock = T0 + 8 * DAY;
      results = await latest();
      expect(ruleOf(results[CART].result, 'pr-size')).toMatchObject({
        status: 'fail',
        stage: 'active',
      });
      expect(results[CART].result.announced).toEqual([]);
      expect(results[CART].level).toBeNull();
      expect(results[PAYMENTS].level).toBe('bronze');
      report = await compliance();
      expect(report.announced).toEqual([]);
      expect(
        report.rules.find((r: any) => r.ruleId === 'pr-size'),
      ).toMatchObject({ pass: 1, fail: 1, exempt: 0, passRate: 0.5 });
      expect(report.levels[0]).toEqual({
        level: 'bronze',
        reached: 1,
        share: 0.5,
      });

      // The owner asks for checkout-team's subtree (cart-squad's service is in it), a manager approves.
      const asked = await owner.post('/agreements/exemptions').send({
        ruleId: 'pr-size',
        scope: { groupRef: 'group:default/checkout-team' },
        reason: 'Generated client code makes every PR large',
        expiresAt: iso(T0 + 20 * DAY),
      });
      expect(asked.status).toBe(201);
      const approved = await manager
        .post(`/agreements/exemptions/${asked.body.id}/decision`)
        .send({ action: 'approve' });
      expect(approved.body.state).toBe('approved');

      results = await latest();
      expect(ruleOf(results[CART].result, 'pr-size')).toMatchObject({
        status: 'exempt',
        evaluatedStatus: 'fail',
        exemption: {
          exemptionId: asked.body.id,
          reason: 'Generated client code makes every PR large',
          expiresAt: iso(T0 + 20 * DAY),
        },
      });
      // Exempt does not hold the level back.
      expect(results[CART].level).toBe('bronze');
      expect(ruleOf(results[PAYMENTS].result, 'pr-size').status).toBe('pass');
      report = await compliance();
      expect(
        report.rules.find((r: any) => r.ruleId === 'pr-size'),
      ).toMatchObject({ pass: 1, fail: 0, exempt: 1, passRate: 1 });
      const all = await manager.get('/compliance');
      expect(all.body.items).toEqual([report]);

      // Evaluated while exempt: the history keeps it as stored, with its version.
      clock = T0 + 9 * DAY;
      await manager.post('/evaluate').query({ entityRef: CART });

      // Past the expiry: the exemption stops applying by itself.
      clock = T0 + 21 * DAY;
      results = await latest();
      expect(ruleOf(results[CART].result, 'pr-size')).toMatchObject({
        status: 'fail',
      });
      expect(ruleOf(results[CART].result, 'pr-size').exemption).toBeUndefined();
      expect(results[CART].level).toBeNull();
      report = await compliance();
      expect(
        report.rules.find((r: any) => r.ruleId === 'pr-size'),
      ).toMatchObject({ exempt: 0, fail: 1 });

      const history = await manager
        .get('/agreements/history')
        .query({ entityRef: CART, from: iso(T0 - DAY) });
      expect(
        history.body.items.map((r: any) => [
          r.evaluatedAt,
          r.version,
          r.level,
          ruleOf(r.result, 'pr-size').status,
        ]),
      ).toEqual([
        [T0, 1, 'bronze', 'fail'],
        [T0 + 9 * DAY, 1, 'bronze', 'exempt'],
      ]);
      expect(ruleOf(history.body.items[1].result, 'pr-size').exemption).toEqual(
        expect.objectContaining({ reason: expect.any(String) }),
      );
      for (const item of history.body.items) {
        expect(ruleOf(item.result, 'lead-time')).toBeUndefined();
        expect(item.result).not.toHaveProperty('regrade');
      }
    });

    it('counts a rule that was a draft at evaluation once it is active, without re-evaluation (issue 16)', async () => {
      clock = T0 + 61 * DAY;
      const results = await latest();
      expect(ruleOf(results[PAYMENTS].result, 'lead-time')).toMatchObject({
        status: 'no-data',
        stage: 'active',
      });
      const report = await compliance();
      expect(
        report.rules.find((r: any) => r.ruleId === 'lead-time'),
      ).toMatchObject({ noData: 2 });
    });

    it('shows a scorecard announced later in no result and no compliance until its announcement, then with no level while nothing counts (issue 16)', async () => {
      clock = T0;
      const later = {
        id: 'later',
        title: 'Announced later',
        levels: ['bronze'],
        announceAt: iso(T0 + 10 * DAY),
        activeFrom: iso(T0 + 20 * DAY),
        rules: [
          {
            id: 'lead',
            title: 'Lead time within a week',
            metric: 'leadTime.median',
            operator: '<=',
            threshold: '7d',
            level: 'bronze',
          },
        ],
      };
      expect((await manager.post('').send(later)).status).toBe(201);
      const evaluated = await manager
        .post('/evaluate')
        .query({ scorecardId: 'later' });
      expect(evaluated.status).toBe(200);
      expect(evaluated.body.count).toBeGreaterThan(0);
      const resultsOfLater = async () =>
        (await manager.get('/results').query({ scorecardId: 'later' })).body
          .items;
      expect(await resultsOfLater()).toEqual([]);
      expect((await manager.get('/later/compliance')).body.entities).toBe(0);

      clock = T0 + 11 * DAY;
      const announced = await resultsOfLater();
      expect(announced).toHaveLength(evaluated.body.count);
      for (const record of announced) {
        expect(record.level).toBeNull();
        expect(ruleIds(record.result.announced)).toEqual(['lead']);
      }
    });
  },
);
