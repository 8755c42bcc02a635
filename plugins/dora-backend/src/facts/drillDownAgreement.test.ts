import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { component, group } from '../__testUtils__/entities';
import {
  startDoraBackend,
  waitForFacts,
} from '../__testUtils__/startDoraBackend';
import { doraTestDatabases } from '../testUtils';
import {
  EntityPlan,
  SeedPlan,
  WindowQuery,
  seedPlan,
} from '../__testUtils__/randomEvents';

/**
 * A number and its drill-down agree: for random histories of an entity in
 * deployments mode, one in pull-request mode, one in pipeline mode (and one
 * with other production environments) and the team of all of them, the
 * drill-down's totals equal the numbers of the metrics body, and paging
 * through `show=counted` (and `show=failed`) in either order lists exactly
 * that many distinct rows. Checked once the facts are built (totals in SQL)
 * and again right after the facts are made out of date (totals computed
 * from events), where the totals must not change.
 */

jest.setTimeout(300_000);

const SEEDS = [7, 2024];
const WINDOWS_PER_SEED = 6;
const PAGE_SIZE = 7;

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

/** An entity, or the team at the root of the seed's group tree (all its entities). */
type Scope =
  { entity: EntityPlan } | { team: { name: string; groupRef: string } };

const scopeName = (scope: Scope) =>
  'entity' in scope ? scope.entity.entityRef : scope.team.groupRef;

const scopeQuery = (scope: Scope) =>
  'entity' in scope
    ? { entityRef: scope.entity.entityRef }
    : { groupRef: scope.team.groupRef };

const windowQuery = (window: WindowQuery) => ({
  from: window.from,
  to: window.to,
  timezone: window.timezone,
  bucket: window.bucket,
});

async function metricsOf(
  server: Server,
  scope: Scope,
  window: WindowQuery,
): Promise<Body> {
  const res =
    'entity' in scope
      ? await request(server)
          .get('/api/dora/v1/metrics')
          .set('Authorization', user)
          .query({ entityRef: scope.entity.entityRef, ...windowQuery(window) })
      : await request(server)
          .get(`/api/dora/v1/groups/default/${scope.team.name}/metrics`)
          .set('Authorization', user)
          .query(windowQuery(window));
  expect(res.status).toBe(200);
  return res.body;
}

async function drillDown(
  server: Server,
  scope: Scope,
  window: WindowQuery,
  params: Record<string, string | number>,
): Promise<Body> {
  const res = await request(server)
    .get('/api/dora/v1/events')
    .set('Authorization', user)
    .query({ ...scopeQuery(scope), ...windowQuery(window), ...params });
  if (res.status !== 200) {
    throw new Error(`drill-down ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Every row of a filtered drill-down, page by page; the totals of each page. */
async function allPages(
  server: Server,
  scope: Scope,
  window: WindowQuery,
  params: Record<string, string>,
): Promise<{ keys: string[]; totals: Body[]; matching: number[] }> {
  const keys: string[] = [];
  const totals: Body[] = [];
  const matching: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const body = await drillDown(server, scope, window, {
      ...params,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    keys.push(
      ...body.items.map(
        (item: Body) =>
          `${item.event.entityRef} ${item.event.source} ${item.event.id}`,
      ),
    );
    totals.push(body.totals);
    matching.push(body.matching);
    if (!body.nextCursor) return { keys, totals, matching };
    cursor = body.nextCursor;
  }
  throw new Error('more than 1000 pages');
}

/** What the metrics body says the drill-down's totals must be. */
function expectedTotals(metrics: Body) {
  return {
    deployment: {
      counted: metrics.deploymentFrequency.count,
      failed: metrics.changeFailureRate.failed,
      inChangeFailureRate: metrics.changeFailureRate.total,
    },
    change: { counted: metrics.leadTime.sampleSize },
    // No incident source: no sample (null), and no incident to list either.
    incident: { counted: metrics.timeToRestore.sampleSize ?? 0 },
  };
}

const KINDS = ['deployment', 'change', 'incident'] as const;

/** The totals of each kind, and each kind's counted (and failed) rows paged both ways. */
async function checkScope(server: Server, scope: Scope, window: WindowQuery) {
  const where = `${scopeName(scope)} [${window.from}, ${window.to}) ${window.timezone}`;
  const metrics = await metricsOf(server, scope, window);
  const expected = expectedTotals(metrics);
  const totals: Record<string, Body> = {};
  for (const kind of KINDS) {
    const body = await drillDown(server, scope, window, { kind, limit: 1 });
    totals[kind] = body.totals;
    expect(body.matching).toBe(body.totals.events);
    // The entities' rows add up to the totals.
    const sum = (field: string) =>
      body.totals.entities.reduce((n: number, e: Body) => n + e[field], 0);
    expect({
      where,
      kind,
      events: sum('events'),
      counted: sum('counted'),
    }).toEqual({
      where,
      kind,
      events: body.totals.events,
      counted: body.totals.counted,
    });
  }
  expect({
    where,
    deployment: {
      counted: totals.deployment.counted,
      failed: totals.deployment.failed,
      inChangeFailureRate: totals.deployment.inChangeFailureRate,
    },
    change: { counted: totals.change.counted },
    incident: { counted: totals.incident.counted },
  }).toEqual({ where, ...expected });

  const shows = [
    ...KINDS.map(kind => ({
      kind,
      show: 'counted',
      count: totals[kind].counted,
    })),
    { kind: 'deployment', show: 'failed', count: totals.deployment.failed },
  ];
  for (const { kind, show, count } of shows) {
    const oldest = await allPages(server, scope, window, { kind, show });
    const newest = await allPages(server, scope, window, {
      kind,
      show,
      order: 'newest',
    });
    expect({
      where,
      kind,
      show,
      oldest: oldest.keys.length,
      distinct: new Set(oldest.keys).size,
      newestReversed: [...newest.keys].reverse(),
      matching: [...new Set([...oldest.matching, ...newest.matching])],
      totalsOnEveryPage: [...oldest.totals, ...newest.totals].every(
        t => t.counted === totals[kind].counted,
      ),
    }).toEqual({
      where,
      kind,
      show,
      oldest: count,
      distinct: count,
      newestReversed: oldest.keys,
      matching: [count],
      totalsOnEveryPage: true,
    });
  }
  return totals;
}

function scopesOf(plan: SeedPlan): Scope[] {
  const root = plan.groups.find(g => !g.parent)!;
  return [
    ...plan.entities.map(entity => ({ entity })),
    { team: { name: root.name, groupRef: root.groupRef } },
  ];
}

describe.each(databases.eachSupportedId())(
  'a number and its drill-down agree, random histories, on %s',
  databaseId => {
    let server: Server;
    let knex: Awaited<ReturnType<typeof databases.init>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({ knex, entities: catalog });
      for (const plan of plans) {
        const res = await request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', service)
          .send({ events: plan.events });
        if (res.status !== 200) {
          throw new Error(
            `seed ${plan.seed}: POST answered ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
      }
      await waitForFacts(server);
    });

    it.each(plans.map(plan => [plan.seed, plan] as const))(
      'seed %i: totals equal deployment frequency, change failure rate, lead time and time to restore; show=counted and show=failed page to exactly that many rows both ways',
      async (_seed, plan) => {
        let checked = 0;
        for (const window of plan.windows) {
          for (const scope of scopesOf(plan)) {
            await checkScope(server, scope, window);
            checked++;
          }
        }
        // Every window, for each entity and the team.
        expect(checked).toBe(plan.windows.length * (plan.entities.length + 1));
      },
    );

    it.each(plans.map(plan => [plan.seed, plan] as const))(
      'seed %i: totals computed from events (facts out of date) equal those read from the facts',
      async (_seed, plan) => {
        const scopes = scopesOf(plan);
        const team = scopes[scopes.length - 1];
        for (const window of plan.windows) {
          await waitForFacts(server);
          const fromFacts: Body[] = [];
          for (const kind of KINDS) {
            fromFacts.push(
              (await drillDown(server, team, window, { kind })).totals,
            );
          }
          const fromEvents: Body[] = [];
          for (const kind of KINDS) {
            // Out of date: the read computes these entities from their events
            // (and asks for a rebuild, so each kind's read first makes them
            // out of date again).
            await knex('dora_fact_entities')
              .whereIn(
                'entity_ref',
                plan.entities.map(e => e.entityRef),
              )
              .increment('generation', 1);
            fromEvents.push(
              (await drillDown(server, team, window, { kind })).totals,
            );
          }
          expect(fromEvents).toEqual(fromFacts);
        }
      },
    );
  },
);
