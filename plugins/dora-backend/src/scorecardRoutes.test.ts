import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KnexDoraStore } from './database/KnexDoraStore';
import { migrateUp } from './database/migrations';
import { component, group } from './__testUtils__/entities';
import { change, deployment } from './__testUtils__/events';
import {
  clearEvents,
  startDoraBackend,
} from './__testUtils__/startDoraBackend';
import { countRows, doraTestDatabases } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');
const DAY = 86_400_000;

const delivery = {
  id: 'delivery',
  title: 'Delivery working agreements',
  window: '30d',
  levels: ['bronze', 'gold'],
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

// platform > checkout-team overrides PR size for its subtree; cart-service overrides it for itself.
const checkout = group('checkout-team', [], 'platform');
checkout.metadata.annotations = { 'dora-scorecards/delivery.pr-size': '600' };
const cart = component(
  'cart-service',
  { 'dora-scorecards/delivery.pr-size': '800' },
  'checkout-team',
);
const entities = [
  group('platform', ['checkout-team']),
  checkout,
  component('payments-api', {}, 'platform'),
  component('checkout-web', {}, 'checkout-team'),
  cart,
];

/** Every service: weekly deploys over the last 30 days, and one merged change of the given size. */
function eventsFor(name: string, size: number, now: number) {
  const entityRef = `component:default/${name}`;
  return [
    ...[1, 8, 15, 22, 29].map(days =>
      deployment(`${name}-d${days}`, new Date(now - days * DAY).toISOString(), {
        entityRef,
      }),
    ),
    change(`${name}-c`, new Date(now - 2 * DAY).toISOString(), {
      entityRef,
      openedAt: new Date(now - 3 * DAY).toISOString(),
      additions: size,
      deletions: 0,
    }),
  ];
}

describe.each(databases.eachSupportedId())('scorecards on %s', databaseId => {
  let knex: Knex;

  const seed = async (now: number) => {
    await migrateUp(knex);
    await clearEvents(knex);
    await new KnexDoraStore(knex).upsertEvents([
      ...eventsFor('payments-api', 500, now),
      ...eventsFor('checkout-web', 500, now),
      ...eventsFor('cart-service', 700, now),
    ]);
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
  });

  it('evaluates the app-config scorecard on the scheduler and serves results with the threshold source', async () => {
    await seed(Date.now());
    const server = await startDoraBackend({
      knex,
      entities,
      config: { dora: { scorecards: [delivery] } },
      runScheduledTasks: true,
    });
    const res = await request(server)
      .get('/api/dora/v1/scorecards/results')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    const byEntity = Object.fromEntries(
      res.body.items.map((r: any) => [r.entityRef, r]),
    );
    expect(Object.keys(byEntity).sort()).toEqual([
      'component:default/cart-service',
      'component:default/checkout-web',
      'component:default/payments-api',
    ]);
    const size = (ref: string) =>
      byEntity[ref].result.rules.find((r: any) => r.ruleId === 'pr-size');
    // 500 lines against the scorecard's 400: fail; against checkout-team's 600: pass.
    expect(size('component:default/payments-api')).toMatchObject({
      status: 'fail',
      threshold: 400,
      source: { kind: 'scorecard' },
    });
    expect(size('component:default/checkout-web')).toMatchObject({
      status: 'pass',
      threshold: 600,
      source: { kind: 'group', groupRef: 'group:default/checkout-team' },
    });
    expect(size('component:default/cart-service')).toMatchObject({
      status: 'pass',
      threshold: 800,
      source: { kind: 'entity' },
    });
    // Weekly deploys reach bronze, not gold (not more than one a day).
    expect(byEntity['component:default/checkout-web'].level).toBe('bronze');
    expect(byEntity['component:default/payments-api'].level).toBeNull();
  });

  describe('through the API', () => {
    let server: Awaited<ReturnType<typeof startDoraBackend>>;
    const api = () => request(server);

    beforeAll(async () => {
      await seed(Date.now());
      server = await startDoraBackend({
        knex,
        entities,
        config: { dora: { scorecards: [delivery] } },
      });
    });

    it('lists app-config scorecards as read-only and refuses to change them with 409', async () => {
      const list = await api()
        .get('/api/dora/v1/scorecards')
        .set('Authorization', user);
      expect(list.body.items).toEqual([
        { scorecard: delivery, source: 'config', readOnly: true, version: 1 },
      ]);
      const put = await api()
        .put('/api/dora/v1/scorecards/delivery')
        .set('Authorization', user)
        .send(delivery);
      const del = await api()
        .delete('/api/dora/v1/scorecards/delivery')
        .set('Authorization', user);
      expect([put.status, del.status]).toEqual([409, 409]);
    });

    it('creates, reads, updates and deletes a scorecard, refusing an invalid one with every problem named', async () => {
      const mine = { ...delivery, id: 'mine', title: 'Mine' };
      const created = await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send(mine);
      expect(created.status).toBe(201);
      const again = await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send(mine);
      expect(again.status).toBe(409);
      const bad = await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send({
          ...mine,
          id: 'bad',
          rules: [{ ...mine.rules[0], threshold: '24x', level: 'platinum' }],
        });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/rules\[0\]\.threshold/);
      expect(bad.body.error.message).toMatch(/platinum/);
      const updated = await api()
        .put('/api/dora/v1/scorecards/mine')
        .set('Authorization', user)
        .send({ ...mine, title: 'Renamed' });
      expect(updated.status).toBe(200);
      const read = await api()
        .get('/api/dora/v1/scorecards/mine')
        .set('Authorization', user);
      expect(read.body).toMatchObject({
        scorecard: { title: 'Renamed' },
        source: 'api',
        readOnly: false,
      });
      expect(
        (
          await api()
            .delete('/api/dora/v1/scorecards/mine')
            .set('Authorization', user)
        ).status,
      ).toBe(204);
      expect(
        (
          await api()
            .get('/api/dora/v1/scorecards/mine')
            .set('Authorization', user)
        ).status,
      ).toBe(404);
    });

    it('evaluates on demand for one entity, keeps each run as history, and reports team compliance', async () => {
      const first = await api()
        .post('/api/dora/v1/scorecards/evaluate')
        .set('Authorization', user)
        .query({ entityRef: 'component:default/checkout-web' });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      await new Promise(resolve => setTimeout(resolve, 5));
      const all = await api()
        .post('/api/dora/v1/scorecards/evaluate')
        .set('Authorization', user)
        .query({ scorecardId: 'delivery' });
      // For the whole catalog: a count, not every result.
      expect(all.body).toMatchObject({ count: 3 });
      expect(all.body.items).toBeUndefined();

      const history = await api()
        .get('/api/dora/v1/scorecards/delivery/history')
        .set('Authorization', user)
        .query({ entityRef: 'component:default/checkout-web' });
      expect(history.body.items).toHaveLength(2);
      expect(history.body.items[0].evaluatedAt).toBeLessThan(
        history.body.items[1].evaluatedAt,
      );

      const team = await api()
        .get('/api/dora/v1/scorecards/results')
        .set('Authorization', user)
        .query({ groupRef: 'group:default/checkout-team' });
      expect(team.body.items.map((r: any) => r.entityRef).sort()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-web',
      ]);

      const compliance = await api()
        .get('/api/dora/v1/scorecards/delivery/compliance')
        .set('Authorization', user)
        .query({ groupRef: 'group:default/platform' });
      expect(compliance.body.entities).toBe(3);
      expect(
        compliance.body.rules.find((r: any) => r.ruleId === 'pr-size'),
      ).toMatchObject({ pass: 2, fail: 1, passRate: 2 / 3 });
      expect(compliance.body.levels).toEqual([
        { level: 'bronze', reached: 2, share: 2 / 3 },
        { level: 'gold', reached: 0, share: 0 },
      ]);
    });

    it('versions every write: 1 on create, +1 on update, who and when, newest first; app-config is version 1 by app-config (issue 16)', async () => {
      const mine = { ...delivery, id: 'versioned', title: 'V1' };
      const created = await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', alice)
        .send(mine);
      expect(created.body).toMatchObject({
        version: 1,
        updatedBy: 'user:default/alice',
      });
      expect(Date.parse(created.body.updatedAt)).not.toBeNaN();
      const updated = await api()
        .put('/api/dora/v1/scorecards/versioned')
        .set('Authorization', bob)
        .send({ ...mine, title: 'V2' });
      expect(updated.body).toMatchObject({
        scorecard: { title: 'V2' },
        version: 2,
        updatedBy: 'user:default/bob',
      });
      const versions = await api()
        .get('/api/dora/v1/scorecards/versioned/versions')
        .set('Authorization', user);
      expect(versions.status).toBe(200);
      expect(
        versions.body.items.map((v: any) => [
          v.version,
          v.scorecard.title,
          v.changedBy,
        ]),
      ).toEqual([
        [2, 'V2', 'user:default/bob'],
        [1, 'V1', 'user:default/alice'],
      ]);
      const audit = await api()
        .get('/api/dora/v1/scorecards/versioned/audit')
        .set('Authorization', user);
      expect(
        audit.body.items.map((a: any) => [a.action, a.detail.version]),
      ).toEqual([
        ['updated', 2],
        ['created', 1],
      ]);

      const config = await api()
        .get('/api/dora/v1/scorecards/delivery/versions')
        .set('Authorization', user);
      expect(config.body.items).toEqual([
        {
          scorecardId: 'delivery',
          version: 1,
          scorecard: delivery,
          changedBy: 'app-config',
          changedAt: expect.any(String),
        },
      ]);
      const unknown = await api()
        .get('/api/dora/v1/scorecards/nope/versions')
        .set('Authorization', user);
      expect(unknown.status).toBe(404);

      // Deleting keeps the versions and the audit list readable.
      await api()
        .delete('/api/dora/v1/scorecards/versioned')
        .set('Authorization', user);
      const kept = await api()
        .get('/api/dora/v1/scorecards/versioned/versions')
        .set('Authorization', user);
      expect(kept.body.items.map((v: any) => v.version)).toEqual([2, 1]);
    });

    it('writes a scorecard, its version and its audit entry together or not at all (issue 16)', async () => {
      const rows = async () => [
        await countRows(knex, 'dora_scorecards'),
        await countRows(knex, 'dora_scorecard_versions'),
        await countRows(knex, 'dora_scorecard_audit'),
      ];
      const mine = { ...delivery, id: 'atomic' };
      await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send(mine);
      const before = await rows();
      const refused = [
        // invalid
        await api()
          .put('/api/dora/v1/scorecards/atomic')
          .set('Authorization', user)
          .send({ ...mine, levels: [] }),
        // exists already
        await api()
          .post('/api/dora/v1/scorecards')
          .set('Authorization', user)
          .send(mine),
        // no such scorecard
        await api()
          .put('/api/dora/v1/scorecards/missing')
          .set('Authorization', user)
          .send({ ...mine, id: 'missing' }),
        // a draft that says it counts before it is announced
        await api()
          .post('/api/dora/v1/scorecards')
          .set('Authorization', user)
          .send({
            ...mine,
            id: 'staged-badly',
            rules: [
              {
                ...mine.rules[0],
                announceAt: '2027-02-01T00:00:00Z',
                activeFrom: '2027-01-01T00:00:00Z',
              },
            ],
          }),
      ];
      expect(refused.map(r => r.status)).toEqual([400, 409, 404, 400]);
      expect(refused[3].body.error.message).toMatch(
        /rules\[0\]\.announceAt: must not be after activeFrom/,
      );
      expect(await rows()).toEqual(before);
      const current = await api()
        .get('/api/dora/v1/scorecards/atomic')
        .set('Authorization', user);
      expect(current.body.version).toBe(1);
    });

    it('gives concurrent PUTs distinct, consecutive versions and never a 500 (issue 16)', async () => {
      const mine = { ...delivery, id: 'contended' };
      await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send(mine);
      const puts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          api()
            .put('/api/dora/v1/scorecards/contended')
            .set('Authorization', user)
            .send({ ...mine, title: `Take ${i}` }),
        ),
      );
      expect(puts.map(p => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(puts.map(p => p.body.version).sort()).toEqual([2, 3, 4, 5, 6, 7]);
      const versions = await api()
        .get('/api/dora/v1/scorecards/contended/versions')
        .set('Authorization', user);
      expect(versions.body.items.map((v: any) => v.version)).toEqual([
        7, 6, 5, 4, 3, 2, 1,
      ]);
      // Each version holds the definition of the PUT that made it.
      for (const put of puts) {
        const made = versions.body.items.find(
          (v: any) => v.version === put.body.version,
        );
        expect(made.scorecard.title).toBe(put.body.scorecard.title);
      }
    });

    it('stores and returns the staging fields as written, and records the version that graded each result (issue 16)', async () => {
      const staged = {
        ...delivery,
        id: 'staged',
        announceAt: '2026-01-01T00:00:00Z',
        activeFrom: '2026-02-01T00:00:00Z',
        rules: [
          {
            ...delivery.rules[0],
            announceAt: '2026-01-01T00:00:00Z',
            activeFrom: '2099-01-01T00:00:00Z',
          },
          delivery.rules[1],
          delivery.rules[2],
        ],
      };
      const created = await api()
        .post('/api/dora/v1/scorecards')
        .set('Authorization', user)
        .send(staged);
      expect(created.status).toBe(201);
      expect(created.body.scorecard).toEqual(staged);
      const read = await api()
        .get('/api/dora/v1/scorecards/staged')
        .set('Authorization', user);
      expect(read.body.scorecard).toEqual(staged);

      const evaluate = () =>
        api()
          .post('/api/dora/v1/scorecards/evaluate')
          .set('Authorization', user)
          .query({
            scorecardId: 'staged',
            entityRef: 'component:default/payments-api',
          });
      const first = await evaluate();
      expect(first.body.items[0]).toMatchObject({ version: 1 });
      // The announced PR size rule (payments-api fails it) does not hold bronze back.
      expect(first.body.items[0].level).toBe('bronze');
      expect(first.body.items[0].result.announced).toEqual([
        expect.objectContaining({
          ruleId: 'pr-size',
          status: 'fail',
          stage: 'announced',
          activeFrom: '2099-01-01T00:00:00Z',
        }),
      ]);
      await api()
        .put('/api/dora/v1/scorecards/staged')
        .set('Authorization', user)
        .send({ ...staged, title: 'Staged, again' });
      await new Promise(resolve => setTimeout(resolve, 5));
      await evaluate();
      const history = await api()
        .get('/api/dora/v1/scorecards/staged/history')
        .set('Authorization', user)
        .query({ entityRef: 'component:default/payments-api' });
      expect(history.body.items.map((r: any) => r.version)).toEqual([1, 2]);
    });

    it('answers 404 for an unknown scorecard and 400 for a bad history query', async () => {
      const unknown = await api()
        .post('/api/dora/v1/scorecards/evaluate')
        .set('Authorization', user)
        .query({ scorecardId: 'nope' });
      const noEntity = await api()
        .get('/api/dora/v1/scorecards/delivery/history')
        .set('Authorization', user);
      const badFrom = await api()
        .get('/api/dora/v1/scorecards/delivery/history')
        .set('Authorization', user)
        .query({ entityRef: 'component:default/x', from: 'soon' });
      expect([unknown.status, noEntity.status, badFrom.status]).toEqual([
        404, 400, 400,
      ]);
    });
  });

  it('accepts staging fields on app-config scorecards, returns them as written and grades with them (issue 16)', async () => {
    await seed(Date.now());
    const staged = {
      ...delivery,
      rules: [
        {
          ...delivery.rules[0],
          announceAt: '2026-01-01T00:00:00Z',
          activeFrom: '2099-01-01T00:00:00Z',
        },
        delivery.rules[1],
        delivery.rules[2],
      ],
    };
    const server = await startDoraBackend({
      knex,
      entities,
      config: { dora: { scorecards: [staged] } },
    });
    const listed = await request(server)
      .get('/api/dora/v1/scorecards')
      .set('Authorization', user);
    expect(listed.body.items[0].scorecard).toEqual(staged);
    const evaluated = await request(server)
      .post('/api/dora/v1/scorecards/evaluate')
      .set('Authorization', user)
      .query({ entityRef: 'component:default/payments-api' });
    // payments-api fails the announced PR size rule, which does not count yet.
    expect(evaluated.body.items[0]).toMatchObject({
      level: 'bronze',
      version: 1,
    });
    expect(
      evaluated.body.items[0].result.announced.map((r: any) => r.ruleId),
    ).toEqual(['pr-size']);
  });

  it('refuses every scorecard write without dora.scorecards.manage with 403, writing nothing (issue 16)', async () => {
    await seed(Date.now());
    const denied = await startDoraBackend({
      knex,
      entities,
      permission: AuthorizeResult.DENY,
    });
    const mine = { ...delivery, id: 'forbidden' };
    const before = await countRows(knex, 'dora_scorecard_versions');
    const statuses = [
      (
        await request(denied)
          .post('/api/dora/v1/scorecards')
          .set('Authorization', user)
          .send(mine)
      ).status,
      (
        await request(denied)
          .put('/api/dora/v1/scorecards/forbidden')
          .set('Authorization', user)
          .send(mine)
      ).status,
      (
        await request(denied)
          .delete('/api/dora/v1/scorecards/forbidden')
          .set('Authorization', user)
      ).status,
      (
        await request(denied)
          .get('/api/dora/v1/scorecards/forbidden/versions')
          .set('Authorization', user)
      ).status,
    ];
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect(await countRows(knex, 'dora_scorecard_versions')).toBe(before);
  });
});
