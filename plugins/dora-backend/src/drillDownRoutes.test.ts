import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group } from './__testUtils__/entities';
import { ENTITY, change, deployment, incident } from './__testUtils__/events';
import {
  clearEvents,
  startDoraBackend,
  waitForFacts,
} from './__testUtils__/startDoraBackend';
import { doraTestDatabases } from './testUtils';

jest.setTimeout(120_000);

/**
 * The drill-down's parameters (order, show, environment, service, ids),
 * its totals and matching count, each 400, and the events' links: with the
 * facts built (read in the database) and out of date (computed from events).
 */

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

const FRAUD = 'component:default/fraud-detector';
const PIPELINE = 'component:default/deploy-bot';

const entities = [
  group('payments-team', ['fraud-squad']),
  group('fraud-squad', [], 'payments-team'),
  group('other-team', []),
  component('payments-api', {}, 'payments-team'),
  component('fraud-detector', {}, 'fraud-squad'),
  component(
    'deploy-bot',
    { 'dora/change-failure-mode': 'pipeline' },
    'fraud-squad',
  ),
  component('elsewhere', {}, 'other-team'),
];

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };

const history = [
  deployment('d1', '2024-05-02T10:00:00Z', {
    version: 'v1',
    changeIds: ['c1'],
    url: 'https://github.com/acme/payments-api/actions/runs/1',
  }),
  deployment('d2', '2024-05-03T10:00:00Z', { version: 'v1' }),
  deployment('d3', '2024-05-04T10:00:00Z', { version: 'v2' }),
  deployment('s1', '2024-05-04T11:00:00Z', { environment: 'staging' }),
  change('c1', '2024-05-02T09:00:00Z', {
    firstCommitAt: '2024-05-02T08:00:00Z',
    url: 'https://github.com/acme/payments-api/pull/1',
  }),
  // Merged, never shipped: listed, not in the lead time.
  change('c2', '2024-05-05T09:00:00Z'),
  incident('i1', '2024-05-02T10:20:00Z', '2024-05-02T11:00:00Z', {
    url: 'https://acme.pagerduty.com/incidents/i1',
  }),
  // Open at the window's end: listed, not in time to restore.
  incident('i2', '2024-05-06T10:00:00Z', null),
  deployment('f1', '2024-05-03T12:00:00Z', { entityRef: FRAUD }),
  // Pipeline mode: a failed production run is a failed change.
  deployment('p1', '2024-05-02T12:00:00Z', { entityRef: PIPELINE }),
  deployment('p2', '2024-05-03T12:00:00Z', {
    entityRef: PIPELINE,
    status: 'failure',
  }),
  deployment('p3', '2024-05-03T13:00:00Z', {
    entityRef: PIPELINE,
    status: 'aborted',
  }),
];

type Query = Record<string, string | number>;

describe.each(databases.eachSupportedId())(
  'the drill-down on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraBackend>>;

    /** Whether each read first makes every entity's facts out of date. */
    let outOfDate = false;

    const get = async (query: Query) => {
      // A read of out-of-date facts asks for a rebuild: out of date again.
      if (outOfDate)
        await knex('dora_fact_entities').increment('generation', 1);
      return request(server)
        .get('/api/dora/v1/events')
        .set('Authorization', user)
        .query({ ...window, ...query });
    };
    const ids = async (query: Query) => {
      const res = await get(query);
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.event.id);
    };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({ knex, entities });
      await clearEvents(knex);
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({ events: history });
      if (res.status !== 200) {
        throw new Error(
          `POST answered ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
    });

    describe.each(['facts built', 'facts out of date'])('with %s', state => {
      beforeEach(async () => {
        outOfDate = false;
        await waitForFacts(server);
        outOfDate = state === 'facts out of date';
      });

      it('order=newest lists newest first and pages backwards with the cursor', async () => {
        const newest = await get({
          entityRef: ENTITY,
          kind: 'deployment',
          order: 'newest',
          limit: 3,
        });
        expect(newest.body.items.map((i: any) => i.event.id)).toEqual([
          's1',
          'd3',
          'd2',
        ]);
        expect(
          await ids({
            entityRef: ENTITY,
            kind: 'deployment',
            order: 'newest',
            limit: 3,
            cursor: newest.body.nextCursor,
          }),
        ).toEqual(['d1']);
        // Without kind too: every kind, newest first.
        expect(
          await ids({ entityRef: ENTITY, order: 'newest', limit: 100 }),
        ).toEqual(['i2', 'c2', 's1', 'd3', 'd2', 'i1', 'd1', 'c1']);
      });

      it('show=counted lists what each metric counted; show=failed the failed changes', async () => {
        const kind = 'deployment';
        expect(await ids({ entityRef: ENTITY, kind, show: 'counted' })).toEqual(
          ['d1', 'd3'],
        );
        expect(await ids({ entityRef: ENTITY, kind, show: 'failed' })).toEqual([
          'd1',
        ]);
        expect(
          await ids({ entityRef: ENTITY, kind: 'change', show: 'counted' }),
        ).toEqual(['c1']);
        expect(
          await ids({ entityRef: ENTITY, kind: 'incident', show: 'counted' }),
        ).toEqual(['i1']);
        // Pipeline mode: the failed production run, not the aborted one.
        expect(
          await ids({ entityRef: PIPELINE, kind, show: 'failed' }),
        ).toEqual(['p2']);
      });

      it('gives the totals of the kind on every page, and how many rows match', async () => {
        const first = await get({
          entityRef: ENTITY,
          kind: 'deployment',
          environment: 'production',
          limit: 1,
        });
        const expectedTotals = {
          events: 4,
          counted: 2,
          failed: 1,
          inChangeFailureRate: 2,
          environments: [
            { environment: 'production', events: 3, counted: 2 },
            { environment: 'staging', events: 1, counted: 0 },
          ],
          entities: [{ entityRef: ENTITY, events: 4, counted: 2, failed: 1 }],
        };
        expect(first.body.totals).toEqual(expectedTotals);
        expect(first.body.matching).toBe(3);
        const second = await get({
          entityRef: ENTITY,
          kind: 'deployment',
          environment: 'production',
          limit: 1,
          cursor: first.body.nextCursor,
        });
        expect(second.body.totals).toEqual(expectedTotals);
        expect(second.body.matching).toBe(3);

        const changes = await get({ entityRef: ENTITY, kind: 'change' });
        expect(changes.body.totals).toEqual({
          events: 2,
          counted: 1,
          failed: null,
          inChangeFailureRate: null,
          environments: [],
          entities: [
            { entityRef: ENTITY, events: 2, counted: 1, failed: null },
          ],
        });
        const pipeline = await get({ entityRef: PIPELINE, kind: 'deployment' });
        expect(pipeline.body.totals).toMatchObject({
          events: 3,
          failed: 1,
          inChangeFailureRate: 2,
        });
        // No kind: the rows only, as before.
        const all = await get({ entityRef: ENTITY });
        expect(all.body).not.toHaveProperty('totals');
        expect(all.body).not.toHaveProperty('matching');
      });

      it('environment lists one environment; ids the events named', async () => {
        expect(
          await ids({
            entityRef: ENTITY,
            kind: 'deployment',
            environment: 'staging',
          }),
        ).toEqual(['s1']);
        expect(
          await ids({
            entityRef: ENTITY,
            kind: 'deployment',
            ids: 'd3, d1,unknown',
          }),
        ).toEqual(['d1', 'd3']);
        const linked = await get({
          groupRef: 'group:default/payments-team',
          kind: 'change',
          ids: 'c1',
        });
        expect(linked.body.items.map((i: any) => i.event.id)).toEqual(['c1']);
        expect(linked.body.matching).toBe(1);
      });

      it("service narrows a team's drill-down to one of its entities; the totals keep them all", async () => {
        const res = await get({
          groupRef: 'group:default/payments-team',
          kind: 'deployment',
          service: 'Component:default/Fraud-Detector',
        });
        expect(res.body.items.map((i: any) => i.event.id)).toEqual(['f1']);
        expect(res.body.matching).toBe(1);
        expect(
          res.body.totals.entities.map((e: any) => [e.entityRef, e.events]),
        ).toEqual([
          [PIPELINE, 3],
          [FRAUD, 1],
          [ENTITY, 4],
        ]);
        expect(res.body.totals.events).toBe(8);
      });

      it('returns the link of each event, null when it has none', async () => {
        const items = (await get({ entityRef: ENTITY, limit: 100 })).body.items;
        const urls = Object.fromEntries(
          items.map((i: any) => [i.event.id, i.event.url]),
        );
        expect(urls).toEqual({
          d1: 'https://github.com/acme/payments-api/actions/runs/1',
          d2: null,
          d3: null,
          s1: null,
          c1: 'https://github.com/acme/payments-api/pull/1',
          c2: null,
          i1: 'https://acme.pagerduty.com/incidents/i1',
          i2: null,
        });
      });
    });

    describe('bad queries', () => {
      beforeAll(() => {
        outOfDate = false;
      });

      it.each([
        [{ entityRef: ENTITY, show: 'counted' }, 'show needs kind'],
        [
          { entityRef: ENTITY, environment: 'production' },
          'environment needs kind',
        ],
        [
          { groupRef: 'group:default/payments-team', service: FRAUD },
          'service needs kind',
        ],
        [{ entityRef: ENTITY, ids: 'd1' }, 'ids needs kind'],
        [
          { entityRef: ENTITY, kind: 'change', show: 'failed' },
          'show=failed applies to deployments',
        ],
        [
          { entityRef: ENTITY, kind: 'incident', show: 'failed' },
          'show=failed applies to deployments',
        ],
        [
          { entityRef: ENTITY, kind: 'change', environment: 'production' },
          'environment applies to deployments',
        ],
        [
          { entityRef: ENTITY, kind: 'deployment', service: FRAUD },
          'service needs groupRef',
        ],
        [
          {
            groupRef: 'group:default/payments-team',
            kind: 'deployment',
            service: 'component:default/elsewhere',
          },
          "service component:default/elsewhere is not one of the team's entities",
        ],
        [
          {
            entityRef: ENTITY,
            kind: 'deployment',
            ids: Array.from({ length: 101 }, (_, i) => `d${i}`).join(','),
          },
          'ids must name at most 100 event ids',
        ],
        [
          { entityRef: ENTITY, kind: 'deployment', ids: ' , ' },
          'ids must name at least one event id',
        ],
        [{ entityRef: ENTITY, order: 'sideways' }, 'order'],
        [{ entityRef: ENTITY, kind: 'deployment', show: 'some' }, 'show'],
      ])('answers 400 to %j, saying %s', async (query, message) => {
        const res = await get(query as Query);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      });
    });

    it('refuses an event whose url is not an http or https link, naming the field', async () => {
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({
          events: [
            change('bad-link', '2024-05-02T09:00:00Z', {
              url: 'data:text/html,hello',
            }),
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        {
          index: 0,
          message:
            'event 0 (change "bad-link"): url must be an http or https URL',
        },
      ]);
    });
  },
);
