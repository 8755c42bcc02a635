import {
  TestBackend,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateUp } from './database/migrations';
import { component, group } from './__testUtils__/entities';
import { emptyEventsAndFacts } from './__testUtils__/tables';
import { waitForFacts } from './__testUtils__/startDoraBackend';
import { doraTestDatabases, startDoraTestBackend } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;

const weekly = {
  id: 'weekly',
  title: 'Deploy often',
  window: '7d',
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
      id: 'deploys-daily',
      title: 'Deploy more than daily',
      metric: 'deploymentFrequency.perDay',
      operator: '>',
      threshold: '1/day',
      level: 'silver',
    },
  ],
};

// payments > checkout (nested); search apart.
const entities = [
  group('payments', ['checkout']),
  group('checkout', [], 'payments'),
  group('search'),
  component('ledger', {}, 'payments'),
  component('cart', {}, 'checkout'),
  component('refunds', {}, 'payments'),
  component('finder', {}, 'search'),
];

// Who may do what: the policy these tests run under. Services (the test's
// ingest, waitForFacts) may do everything.
const GRANTS: Record<string, string[]> = {
  'user:default/manager': ['dora.metrics.read', 'dora.scorecards.manage'],
  'user:default/reader': ['dora.metrics.read'],
  'user:default/writer': ['dora.scorecards.manage'],
};
const authorize: PermissionsService['authorize'] = async (
  requests,
  options,
) => {
  const principal = options.credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  const granted = GRANTS[principal.userEntityRef ?? ''] ?? [];
  return requests.map(r => ({
    result:
      principal.type === 'service' || granted.includes(r.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  }));
};

const manager = mockCredentials.user.header('user:default/manager');
const reader = mockCredentials.user.header('user:default/reader');
const writer = mockCredentials.user.header('user:default/writer');
const stranger = mockCredentials.user.header('user:default/stranger');
const none = mockCredentials.none.header();
const service = mockCredentials.service.header();

const BASE = '/api/dora/v1/initiatives';
const iso = (ms: number) => new Date(ms).toISOString();

/** Daily production deploys of a service, at mid-day offsets from `t0`, `fromDays` to `toDays` ago. */
function dailyDeploys(name: string, t0: number, fromDays: number, toDays = 0) {
  const events = [];
  for (let day = fromDays; day > toDays; day--) {
    events.push({
      kind: 'deployment',
      source: 'ci',
      id: `${name}-${day}`,
      entityRef: `component:default/${name}`,
      environment: 'production',
      status: 'success',
      finishedAt: iso(t0 - (day - 0.5) * DAY),
    });
  }
  return events;
}

describe.each(databases.eachSupportedId())(
  'initiative routes on %s',
  databaseId => {
    let knex: Knex;
    let backend: TestBackend;
    let server: any;
    let t0: number;
    const api = () => request(server);

    /** "Payments at bronze": every payments service (checkout's included) deploying weekly. */
    const payments = (more: Record<string, unknown> = {}) => ({
      id: 'payments-bronze',
      title: 'Every payments service at bronze',
      target: { scorecardId: 'weekly', level: 'bronze' },
      scope: { owners: ['group:default/payments'] },
      targetShare: '100%',
      owner: 'group:default/payments',
      startsAt: iso(t0 - 25 * DAY),
      deadline: iso(t0 + 10.5 * DAY),
      ...more,
    });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      backend = await startDoraTestBackend({
        knex,
        entities,
        config: { dora: { scorecards: [weekly] } },
        features: [
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.permissions.mock({ authorize }).factory,
        ],
      });
      server = backend.server;
      // ledger deploys all along; cart only in the last 10 days; refunds
      // never; finder (search) all along, outside the scope.
      t0 = Date.now();
      const ingested = await api()
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({
          events: [
            ...dailyDeploys('ledger', t0, 40),
            ...dailyDeploys('cart', t0, 10),
            ...dailyDeploys('finder', t0, 40),
          ],
        });
      if (ingested.status !== 200) {
        throw new Error(`ingest answered ${ingested.status}`);
      }
      await waitForFacts(server);
    });
    afterAll(() => backend?.stop());
    beforeEach(async () => {
      for (const table of [
        'dora_initiatives',
        'dora_scorecard_exemptions',
        'dora_scorecard_audit',
        'dora_scorecards',
      ]) {
        await knex(table).delete();
      }
    });

    it('measures progress week by week from ingested events: paid down, share, way to target, who misses what, days left (issue 16)', async () => {
      const created = await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(payments());
      expect(created.status).toBe(201);
      const { progress } = created.body;
      // Weeks end at now, now − 7 d, …, back to the first at or before the start (25 days ago).
      expect(progress.weeks.map((w: any) => [w.entities, w.meeting])).toEqual([
        [3, 1],
        [3, 1],
        [3, 1],
        [3, 2],
        [3, 2],
      ]);
      const ats = progress.weeks.map((w: any) => Date.parse(w.at));
      expect(ats[0]).toBeLessThanOrEqual(t0 - 25 * DAY);
      expect(ats[4] - ats[0]).toBe(28 * DAY);
      expect(progress.start.share).toBeCloseTo(1 / 3);
      expect(progress.now.share).toBeCloseTo(2 / 3);
      expect(progress).toMatchObject({
        initiativeId: 'payments-bronze',
        targetShare: 1,
        // ledger met it all along; cart and refunds missed it at the start, cart meets it now.
        missingAtStart: 2,
        paidDown: 1,
        targetMet: false,
        stillNeeded: 1,
        missing: [
          { entityRef: 'component:default/refunds', misses: ['deploys'] },
        ],
        daysLeft: 11,
      });
      expect(progress.wayToTarget).toBeCloseTo(0.5);
      expect(created.body).toMatchObject({
        initiative: { ...payments(), targetShare: 1 },
        updatedBy: 'user:default/manager',
      });
      expect(created.body.team).toBeUndefined();

      // A rule target over the same scope: nobody deploys more than daily.
      const rule = await api()
        .put(`${BASE}/payments-bronze`)
        .set('Authorization', manager)
        .send(
          payments({
            target: { scorecardId: 'weekly', ruleId: 'deploys-daily' },
            targetShare: 0.5,
          }),
        );
      expect(rule.status).toBe(200);
      expect(rule.body.progress).toMatchObject({
        targetShare: 0.5,
        missingAtStart: 3,
        paidDown: 0,
        wayToTarget: 0,
        stillNeeded: 2,
      });
      expect(rule.body.progress.missing.map((m: any) => m.misses)).toEqual([
        ['deploys-daily'],
        ['deploys-daily'],
        ['deploys-daily'],
      ]);
    });

    it('counts an entity with an approved exemption from the target rule as meeting it, read after read (issue 16)', async () => {
      await api().post(BASE).set('Authorization', manager).send(payments());
      const progress = async () =>
        (
          await api()
            .get(`${BASE}/payments-bronze`)
            .set('Authorization', reader)
        ).body.progress;
      const before = await progress();
      expect(before.missing.map((m: any) => m.entityRef)).toEqual([
        'component:default/refunds',
      ]);
      // Read again: the weeks before now are the ones kept from the first read.
      const again = await progress();
      expect(again.weeks.slice(0, -1)).toEqual(before.weeks.slice(0, -1));
      expect(again.missing).toEqual(before.missing);

      const asked = await api()
        .post('/api/dora/v1/scorecards/weekly/exemptions')
        .set('Authorization', manager)
        .send({
          ruleId: 'deploys',
          scope: { entityRef: 'component:default/refunds' },
          reason: 'Refunds ships with the ledger',
        });
      expect(asked.status).toBe(201);
      const approved = await api()
        .post(
          `/api/dora/v1/scorecards/weekly/exemptions/${asked.body.id}/decision`,
        )
        .set('Authorization', manager)
        .send({ action: 'approve' });
      expect(approved.status).toBe(200);

      // The exemption is in force at every graded week: refunds meets the target all along.
      const after = await progress();
      expect(after.weeks.map((w: any) => w.meeting)).toEqual([2, 2, 2, 3, 3]);
      expect(after).toMatchObject({
        missingAtStart: 1,
        paidDown: 1,
        targetMet: true,
        stillNeeded: 0,
        missing: [],
      });
    });

    it('still answers for an initiative whose scorecard was deleted, with no weeks to measure (issue 16)', async () => {
      const temp = { ...weekly, id: 'temp', title: 'Temporary' };
      expect(
        (
          await api()
            .post('/api/dora/v1/scorecards')
            .set('Authorization', manager)
            .send(temp)
        ).status,
      ).toBe(201);
      await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(payments({ target: { scorecardId: 'temp', level: 'bronze' } }));
      expect(
        (
          await api()
            .delete('/api/dora/v1/scorecards/temp')
            .set('Authorization', manager)
        ).status,
      ).toBe(204);
      const read = await api()
        .get(`${BASE}/payments-bronze`)
        .set('Authorization', reader);
      expect(read.status).toBe(200);
      expect(read.body.progress).toMatchObject({
        start: null,
        now: null,
        weeks: [],
        missing: [],
        daysLeft: 11,
      });
      // A team's list leaves it out: nothing of the team is measured by it.
      const ofPayments = await api()
        .get(BASE)
        .query({ groupRef: 'group:default/payments' })
        .set('Authorization', reader);
      expect(ofPayments.body.items).toEqual([]);
    });

    it('lists only the initiatives that concern a team, nested groups included, with how the team stands (issue 16)', async () => {
      await api().post(BASE).set('Authorization', manager).send(payments());
      await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(
          payments({
            id: 'search-bronze',
            title: 'Search at bronze',
            scope: { owners: ['group:default/search'] },
            owner: 'group:default/search',
          }),
        );
      const list = async (groupRef?: string) =>
        api()
          .get(BASE)
          .query(groupRef ? { groupRef } : {})
          .set('Authorization', reader);

      const all = await list();
      expect(all.status).toBe(200);
      expect(all.body.items.map((e: any) => e.initiative.id)).toEqual([
        'payments-bronze',
        'search-bronze',
      ]);
      expect(all.body.items[1].progress.now).toMatchObject({
        entities: 1,
        meeting: 1,
      });

      const ofPayments = await list('group:default/payments');
      expect(ofPayments.body.items.map((e: any) => e.initiative.id)).toEqual([
        'payments-bronze',
      ]);
      expect(ofPayments.body.items[0].team).toEqual({
        groupRef: 'group:default/payments',
        entities: 3,
        meeting: 2,
        missing: [
          { entityRef: 'component:default/refunds', misses: ['deploys'] },
        ],
      });
      // checkout is below payments: its cart is in the payments initiative's scope.
      const ofCheckout = await list('group:default/checkout');
      expect(ofCheckout.body.items.map((e: any) => e.initiative.id)).toEqual([
        'payments-bronze',
      ]);
      expect(ofCheckout.body.items[0].team).toEqual({
        groupRef: 'group:default/checkout',
        entities: 1,
        meeting: 1,
        missing: [],
      });
      // The progress is still over the whole scope.
      expect(ofCheckout.body.items[0].progress.now.entities).toBe(3);
      expect(
        (await list('group:default/search')).body.items.map(
          (e: any) => e.initiative.id,
        ),
      ).toEqual(['search-bronze']);
      expect((await list('group:default/nobody')).status).toBe(404);
      expect((await list('component:default/cart')).status).toBe(400);
    });

    it("answers a team's initiatives with its compliance in one request (include=initiatives), the same as GET /v1/initiatives (issue 16)", async () => {
      await api().post(BASE).set('Authorization', manager).send(payments());
      const groupRef = 'group:default/checkout';
      const together = await api()
        .get('/api/dora/v1/scorecards/compliance')
        .query({ groupRef, include: 'initiatives' })
        .set('Authorization', reader);
      expect(together.status).toBe(200);
      const alone = await api()
        .get(BASE)
        .query({ groupRef })
        .set('Authorization', reader);
      // Read a few milliseconds apart: the same but for the instant "now" stands for.
      const withoutNow = (items: any[]) =>
        JSON.parse(
          JSON.stringify(items, (key, value) =>
            key === 'at' ? undefined : value,
          ),
        );
      expect(withoutNow(together.body.initiatives)).toEqual(
        withoutNow(alone.body.items),
      );
      expect(together.body.initiatives).toHaveLength(1);
      const plain = await api()
        .get('/api/dora/v1/scorecards/compliance')
        .query({ groupRef })
        .set('Authorization', reader);
      expect(plain.body.items).toEqual(together.body.items);
      expect(plain.body).not.toHaveProperty('initiatives');
      const wrong = await api()
        .get('/api/dora/v1/scorecards/compliance')
        .query({ groupRef, include: 'everything' })
        .set('Authorization', reader);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toContain('include');
    });

    it('creates, reads, updates and deletes; 409 for an existing id, 404 for an unknown one (issue 16)', async () => {
      const created = await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(payments());
      expect(created.status).toBe(201);
      const again = await api()
        .post(BASE)
        .set('Authorization', manager)
        .send(payments({ title: 'Another' }));
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe(
        'Initiative payments-bronze exists already',
      );

      const read = await api()
        .get(`${BASE}/payments-bronze`)
        .set('Authorization', reader);
      expect(read.status).toBe(200);
      expect(read.body.initiative).toEqual(created.body.initiative);
      expect(read.body.createdAt).toBe(created.body.createdAt);

      const updated = await api()
        .put(`${BASE}/payments-bronze`)
        .set('Authorization', manager)
        .send(
          payments({ title: 'Payments deploy weekly', targetShare: '80%' }),
        );
      expect(updated.status).toBe(200);
      expect(updated.body.initiative).toMatchObject({
        title: 'Payments deploy weekly',
        targetShare: 0.8,
      });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(created.body.updatedAt),
      );

      const missing = await Promise.all([
        api().get(`${BASE}/nope`).set('Authorization', reader),
        api()
          .put(`${BASE}/nope`)
          .set('Authorization', manager)
          .send(payments({ id: 'nope' })),
        api().delete(`${BASE}/nope`).set('Authorization', manager),
      ]);
      expect(missing.map(r => r.status)).toEqual([404, 404, 404]);

      const deleted = await api()
        .delete(`${BASE}/payments-bronze`)
        .set('Authorization', manager);
      expect(deleted.status).toBe(204);
      expect(
        (
          await api()
            .get(`${BASE}/payments-bronze`)
            .set('Authorization', reader)
        ).status,
      ).toBe(404);
    });

    it('refuses a bad initiative with 400 naming what is wrong and where, writing nothing (issue 16)', async () => {
      const post = (body: unknown) =>
        api()
          .post(BASE)
          .set('Authorization', manager)
          .send(body as object);
      const messages = async (body: unknown) => {
        const res = await post(body);
        expect(res.status).toBe(400);
        return res.body.error.message;
      };
      expect(
        await messages(
          payments({
            targetShare: '120%',
            deadline: iso(t0 - 30 * DAY),
            colour: 'blue',
          }),
        ),
      ).toBe(
        `Invalid initiative: targetShare: "120%" is not a share above 0 and at most 100%, such as 80% or 0.8; colour: is not a known field; deadline: must be after startsAt (${iso(t0 - 25 * DAY)})`,
      );
      expect(await messages(payments({ deadline: iso(t0 - 30 * DAY) }))).toBe(
        `Invalid initiative: deadline: must be after startsAt (${iso(t0 - 25 * DAY)})`,
      );
      expect(
        await messages(
          payments({ target: { scorecardId: 'speed', level: 'bronze' } }),
        ),
      ).toBe(
        'Invalid initiative: target.scorecardId: there is no scorecard "speed"',
      );
      expect(
        await messages(
          payments({ target: { scorecardId: 'weekly', level: 'gold' } }),
        ),
      ).toBe(
        'Invalid initiative: target.level: "gold" is not a level of scorecard weekly (bronze, silver)',
      );
      expect(
        await messages(
          payments({
            target: { scorecardId: 'weekly', ruleId: 'tests-green' },
          }),
        ),
      ).toBe(
        'Invalid initiative: target.ruleId: "tests-green" is not a rule of scorecard weekly (deploys, deploys-daily)',
      );
      expect(
        Number((await knex('dora_initiatives').count({ n: '*' }))[0].n),
      ).toBe(0);

      await post(payments());
      const mismatch = await api()
        .put(`${BASE}/payments-bronze`)
        .set('Authorization', manager)
        .send(payments({ id: 'other', title: 'Renamed' }));
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.error.message).toBe(
        'Invalid initiative: id: is "other", but the path names payments-bronze',
      );
      const badUpdate = await api()
        .put(`${BASE}/payments-bronze`)
        .set('Authorization', manager)
        .send(payments({ target: { scorecardId: 'weekly', level: 'gold' } }));
      expect(badUpdate.status).toBe(400);
      const kept = await api()
        .get(`${BASE}/payments-bronze`)
        .set('Authorization', reader);
      expect(kept.body.initiative.title).toBe(
        'Every payments service at bronze',
      );
      expect(kept.body.initiative.target).toEqual({
        scorecardId: 'weekly',
        level: 'bronze',
      });
      const badQuery = await api()
        .get(BASE)
        .query({ team: 'payments' })
        .set('Authorization', reader);
      expect(badQuery.status).toBe(400);
    });

    it('reads need dora.metrics.read and writes dora.scorecards.manage (403), every route credentials (401) (issue 16)', async () => {
      await api().post(BASE).set('Authorization', manager).send(payments());
      const statusesAs = async (header: string) =>
        Promise.all([
          api().get(BASE).set('Authorization', header),
          api().get(`${BASE}/payments-bronze`).set('Authorization', header),
          api()
            .post(BASE)
            .set('Authorization', header)
            .send(payments({ id: 'another' })),
          api()
            .put(`${BASE}/payments-bronze`)
            .set('Authorization', header)
            .send(payments({ title: 'Changed' })),
          api().delete(`${BASE}/payments-bronze`).set('Authorization', header),
        ]).then(all => all.map(r => r.status));
      expect(await statusesAs(none)).toEqual([401, 401, 401, 401, 401]);
      expect(await statusesAs(stranger)).toEqual([403, 403, 403, 403, 403]);
      expect(await statusesAs(reader)).toEqual([200, 200, 403, 403, 403]);
      // Manage alone does not read.
      const byWriter = await api().get(BASE).set('Authorization', writer);
      expect(byWriter.status).toBe(403);
      expect(byWriter.body.error.message).toBe(
        'Not allowed: dora.metrics.read',
      );
      // Nothing refused was written.
      const kept = await api().get(BASE).set('Authorization', reader);
      expect(
        kept.body.items.map((e: any) => [e.initiative.id, e.initiative.title]),
      ).toEqual([['payments-bronze', 'Every payments service at bronze']]);
    });
  },
);
