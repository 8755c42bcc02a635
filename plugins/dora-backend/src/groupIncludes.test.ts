import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { component, group } from './__testUtils__/entities';
import { seedPlan } from './__testUtils__/randomEvents';
import {
  startDoraBackend,
  waitForFacts,
} from './__testUtils__/startDoraBackend';
import { doraTestDatabases } from './testUtils';

/**
 * Issue 15, fewer requests: what `include` adds to a team's metrics, the
 * many-groups route and the all-scorecards compliance must be the numbers
 * the separate routes answer, for random histories and windows; on facts
 * still out of date and once they are built.
 */

jest.setTimeout(300_000);

const SEEDS = [7, 4242];
const WINDOWS_PER_SEED = 5;

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

const plans = SEEDS.map(seed => seedPlan(seed, WINDOWS_PER_SEED));
const catalog = plans.flatMap(plan => [
  ...plan.groups.map(g => group(g.name, g.children, g.parent)),
  ...plan.entities.map(e => component(e.name, e.annotations, e.owner)),
]);

type Server = Awaited<ReturnType<typeof startDoraBackend>>;
type Body = Record<string, any>;

/** A body without when and from what it was computed (that may differ between two reads). */
function numbers(body: Body): Body {
  const { computedAt: _a, computedFrom: _f, ...rest } = body;
  return rest;
}

/** The pooled body of a rollup: no rows, no team, no provenance. */
function pooled(body: Body): Body {
  const { groupRef: _g, entities: _e, ...rest } = numbers(body);
  return rest;
}

const iso = (millis: number) => new Date(millis).toISOString();

describe.each(databases.eachSupportedId())(
  'group metrics with include, on %s',
  databaseId => {
    let server: Server;
    const get = (path: string, query: Record<string, unknown>) =>
      request(server)
        .get(`/api/dora/v1${path}`)
        .set('Authorization', user)
        .query(query);
    const groupPath = (groupRef: string) =>
      `/groups/default/${groupRef.split('/')[1]}/metrics`;

    beforeAll(async () => {
      server = await startDoraBackend({
        knex: await databases.init(databaseId),
        entities: catalog,
      });
      for (const plan of plans) {
        for (const batch of plan.batches) {
          const res = await request(server)
            .post('/api/dora/v1/events')
            .set('Authorization', service)
            .send({ events: batch });
          if (res.status !== 200) {
            throw new Error(`POST answered ${res.status}`);
          }
        }
      }
    });

    /** Checks every window of every seed; returns how many. */
    async function checkAll(): Promise<number> {
      let checked = 0;
      for (const plan of plans) {
        const root = plan.groups.find(g => !g.parent)!;
        for (const window of plan.windows) {
          const { kind: _kind, ...query } = window;
          const where = `seed ${plan.seed}, ${JSON.stringify(window)}`;
          const included = await get(groupPath(root.groupRef), {
            ...query,
            include: 'previous,entitySeries,subTeams',
          });
          expect({ where, status: included.status }).toEqual({
            where,
            status: 200,
          });
          const body = included.body;

          // Rule: without include the body is the plain route's, so the
          // rest of an included body must equal it too.
          const plain = await get(groupPath(root.groupRef), query);
          const { previous, subTeams, ...current } = body;
          expect({
            where,
            body: {
              ...numbers(current),
              entities: current.entities.map(
                ({ series: _s, ...row }: Body) => row,
              ),
            },
          }).toEqual({ where, body: numbers(plain.body) });

          // Rule: previous = the window of the same length just before.
          const from = Date.parse(body.window.from);
          const to = Date.parse(body.window.to);
          const before = await get(groupPath(root.groupRef), {
            from: iso(from - (to - from)),
            to: iso(from),
            timezone: query.timezone,
            bucket: query.bucket,
          });
          expect({ where, previous }).toEqual({
            where,
            previous: pooled(before.body),
          });

          // Rule: each row's series is the entity's own, as GET /v1/metrics gives it.
          for (const row of body.entities) {
            const alone = await get('/metrics', {
              ...query,
              entityRef: row.entityRef,
            });
            expect({ where, row: row.entityRef, series: row.series }).toEqual({
              where,
              row: row.entityRef,
              series: alone.body.series,
            });
          }

          // Rule: a sub-team row is that sub-team's own rollup, pooled.
          expect(subTeams.map((r: Body) => r.groupRef).sort()).toEqual(
            root.children.map(c => `group:default/${c}`).sort(),
          );
          for (const row of subTeams) {
            const own = await get(groupPath(row.groupRef), query);
            const { series: _s, ...expected } = pooled(own.body);
            const { serviceCount, groupRef, ...rest } = row;
            expect({ where, groupRef, rest, serviceCount }).toEqual({
              where,
              groupRef: own.body.groupRef,
              rest: expected,
              serviceCount: own.body.entities.length,
            });
          }

          // Rule: a row of the many-groups route is that group's own rollup, pooled.
          const refs = plan.groups.map(g => g.groupRef);
          const many = await get('/groups/metrics', {
            ...query,
            groupRef: refs,
          });
          expect(many.status).toBe(200);
          expect(many.body.notFound).toEqual([]);
          expect(many.body.items.map((r: Body) => r.groupRef)).toEqual(refs);
          for (const row of many.body.items) {
            const own = await get(groupPath(row.groupRef), query);
            const { series: _s, ...expected } = pooled(own.body);
            const { serviceCount, groupRef, type, parentRef, ...rest } = row;
            const plannedParent = plan.groups.find(
              g => g.groupRef === groupRef,
            )!.parent;
            expect({ where, groupRef, rest, serviceCount, parentRef }).toEqual({
              where,
              groupRef: own.body.groupRef,
              rest: expected,
              serviceCount: own.body.entities.length,
              parentRef: plannedParent && `group:default/${plannedParent}`,
            });
            expect(type).toBe('team');
          }
          checked++;
        }
      }
      return checked;
    }

    it('includes the same numbers as the separate routes, facts out of date', async () => {
      expect(await checkAll()).toBe(SEEDS.length * WINDOWS_PER_SEED);
    });

    it('includes the same numbers as the separate routes, facts built', async () => {
      await waitForFacts(server);
      expect(await checkAll()).toBe(SEEDS.length * WINDOWS_PER_SEED);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'every scorecard’s compliance at once, on %s',
  databaseId => {
    it('equals each scorecard’s own compliance, for a team and for everyone', async () => {
      const knex = await databases.init(databaseId);
      const plan = plans[0];
      const server = await startDoraBackend({
        knex,
        entities: catalog,
        config: {
          dora: {
            scorecards: [
              {
                id: 'frequent',
                title: 'Frequent',
                levels: ['bronze', 'gold'],
                rules: [
                  {
                    id: 'weekly',
                    title: 'Deploy weekly',
                    level: 'bronze',
                    metric: 'deploymentFrequency.perWeek',
                    operator: '>=',
                    threshold: '1/week',
                  },
                ],
              },
              {
                id: 'fast',
                title: 'Fast',
                levels: ['gold'],
                rules: [
                  {
                    id: 'daily',
                    title: 'Deploy daily',
                    level: 'gold',
                    metric: 'deploymentFrequency.perDay',
                    operator: '>',
                    threshold: '1/day',
                  },
                ],
              },
            ],
          },
        },
      });
      for (const batch of plan.batches) {
        await request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', service)
          .send({ events: batch });
      }
      const evaluated = await request(server)
        .post('/api/dora/v1/scorecards/evaluate')
        .set('Authorization', user);
      expect(evaluated.status).toBe(200);
      const root = plan.groups.find(g => !g.parent)!;
      for (const groupRef of [
        undefined,
        root.groupRef,
        plan.groups[1].groupRef,
      ]) {
        const all = await request(server)
          .get('/api/dora/v1/scorecards/compliance')
          .set('Authorization', user)
          .query(groupRef ? { groupRef } : {});
        expect(all.status).toBe(200);
        const separate = [];
        for (const id of ['frequent', 'fast']) {
          const one = await request(server)
            .get(`/api/dora/v1/scorecards/${id}/compliance`)
            .set('Authorization', user)
            .query(groupRef ? { groupRef } : {});
          separate.push(one.body);
        }
        expect(all.body).toEqual({ items: separate });
        expect(separate[0].entities).toBeGreaterThan(0);
      }
    });
  },
);

describe('the batched routes refuse bad input and check credentials', () => {
  let server: Server;
  const refs = (n: number) =>
    Array.from({ length: n }, (_, i) => `group:default/g${i}`);

  beforeAll(async () => {
    const [databaseId] = databases.eachSupportedId()[0];
    server = await startDoraBackend({
      knex: await databases.init(databaseId),
      entities: catalog,
    });
  });

  it('answers 400 naming the allowed values for an unknown include', async () => {
    const res = await request(server)
      .get('/api/dora/v1/groups/default/seed7-platform/metrics')
      .set('Authorization', user)
      .query({ include: 'previous,everything' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('include');
    expect(res.body.error.message).toContain('"everything"');
    expect(res.body.error.message).toContain(
      'allowed: previous, entitySeries, subTeams',
    );
  });

  it('answers 400 to more than 500 groups, and to a bad window', async () => {
    const tooMany = await request(server)
      .get('/api/dora/v1/groups/metrics')
      .set('Authorization', user)
      .query({ groupRef: refs(501) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain(
      'groupRef: at most 500 groups per request',
    );
    const badWindow = await request(server)
      .get('/api/dora/v1/groups/metrics')
      .set('Authorization', user)
      .query({ groupRef: 'group:default/seed7-alpha', from: 'yesterday' });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.message).toContain('from');
  });

  it('lists every group without groupRef, and groups it does not know as notFound', async () => {
    const all = await request(server)
      .get('/api/dora/v1/groups/metrics')
      .set('Authorization', user);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: Body) => r.groupRef).sort()).toEqual(
      plans.flatMap(p => p.groups.map(g => g.groupRef)).sort(),
    );
    const some = await request(server)
      .get('/api/dora/v1/groups/metrics')
      .set('Authorization', user)
      .query({
        groupRef: ['group:default/seed7-alpha', 'group:default/nobody'],
      });
    expect(some.status).toBe(200);
    expect(some.body.items.map((r: Body) => r.groupRef)).toEqual([
      'group:default/seed7-alpha',
    ]);
    expect(some.body.notFound).toEqual(['group:default/nobody']);
  });

  it('answers 401 without credentials', async () => {
    const none = mockCredentials.none.header();
    const statuses = [];
    for (const path of [
      '/api/dora/v1/groups/metrics',
      '/api/dora/v1/scorecards/compliance',
      '/api/dora/v1/groups/default/seed7-platform/metrics?include=previous',
    ]) {
      statuses.push(
        (await request(server).get(path).set('Authorization', none)).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401]);
  });
});

describe('the batched routes when the permission policy denies', () => {
  it('answers 403', async () => {
    const [databaseId] = databases.eachSupportedId()[0];
    const server = await startDoraBackend({
      knex: await databases.init(databaseId),
      entities: catalog,
      permission: AuthorizeResult.DENY,
    });
    const statuses = [];
    for (const path of [
      '/api/dora/v1/groups/metrics',
      '/api/dora/v1/scorecards/compliance',
      '/api/dora/v1/groups/default/seed7-platform/metrics?include=subTeams',
    ]) {
      statuses.push(
        (await request(server).get(path).set('Authorization', user)).status,
      );
    }
    expect(statuses).toEqual([403, 403, 403]);
  });
});
