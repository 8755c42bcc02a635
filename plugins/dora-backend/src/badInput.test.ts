import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { component } from './__testUtils__/entities';
import { ENTITY, deployment } from './__testUtils__/events';
import {
  clearEvents,
  countEvents,
  startDoraBackend,
} from './__testUtils__/startDoraBackend';
import { doraTestDatabases } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const good = deployment('good', '2024-05-02T10:00:00Z');

/** Each body holds one good event before the bad part, to prove nothing is half-written. */
const cases: [rule: string, body: unknown, status: number, message: RegExp][] =
  [
    [
      'a body that is not an object of events',
      [good],
      400,
      /\{ "events": \[ \.\.\. \] \}/,
    ],
    [
      'events that is not an array',
      { events: { 0: good } },
      400,
      /\{ "events": \[ \.\.\. \] \}/,
    ],
    [
      'an event that is not an object',
      { events: [good, 'deploy!'] },
      400,
      /event 1: must be an object/,
    ],
    [
      'an unknown kind',
      { events: [good, { ...good, id: 'x', kind: 'commit' }] },
      400,
      /event 1 \(commit "x"\): kind must be one of deployment, change, incident/,
    ],
    [
      'a missing required field',
      {
        events: [
          good,
          {
            kind: 'deployment',
            source: 'ci',
            id: 'd2',
            entityRef: ENTITY,
            status: 'success',
            finishedAt: '2024-05-02T10:00:00Z',
          },
        ],
      },
      400,
      /event 1 \(deployment "d2"\): environment is required/,
    ],
    [
      'a wrong type',
      { events: [good, { ...good, id: 'd3', status: 42 }] },
      400,
      /event 1 \(deployment "d3"\): status must be one of success, failure, aborted/,
    ],
    [
      'an instant without an offset',
      { events: [good, { ...good, id: 'd4', finishedAt: '2024-05-02 10:00' }] },
      400,
      /finishedAt must be an ISO-8601 instant with a UTC offset/,
    ],
    [
      'a day that does not exist',
      {
        events: [
          good,
          { ...good, id: 'd5', finishedAt: '2024-02-30T10:00:00Z' },
        ],
      },
      400,
      /event 1 .*finishedAt/,
    ],
    [
      'a negative count',
      {
        events: [
          good,
          {
            kind: 'change',
            source: 'gh',
            id: 'c1',
            entityRef: ENTITY,
            additions: -5,
          },
        ],
      },
      400,
      /additions must not be negative/,
    ],
    [
      'a change with neither entityRef nor repository',
      { events: [good, { kind: 'change', source: 'gh', id: 'c2' }] },
      400,
      /needs entityRef, or a repository/,
    ],
    [
      'a malformed entityRef',
      { events: [good, { ...good, id: 'd6', entityRef: 'component:' }] },
      400,
      /entityRef .*not an entity ref/,
    ],
    [
      'the same kind, source and id twice in one batch',
      { events: [good, { ...good }] },
      400,
      /event 1 .*repeats event 0/,
    ],
    [
      'more than 5,000 events',
      {
        events: Array.from({ length: 5001 }, (_, i) => ({
          ...good,
          id: `d${i}`,
        })),
      },
      413,
      /5001 events in one request; send at most 5000/,
    ],
  ];

describe.each(databases.eachSupportedId())(
  'bad ingest input on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraBackend>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({
        knex,
        entities: [component('payments-api')],
        config: { dora: { ingest: { maxBodySize: '2mb' } } },
      });
    });
    beforeEach(() => clearEvents(knex));

    it.each(cases)(
      'refuses %s with a useful message and stores nothing',
      async (_rule, body, status, message) => {
        const res = await request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', mockCredentials.service.header())
          .send(body as object);
        expect(res.status).toBe(status);
        const text = [
          res.body.error?.message,
          ...(res.body.details ?? []).map(
            (d: { message: string }) => d.message,
          ),
        ].join('\n');
        expect(text).toMatch(message);
        expect(await countEvents(knex)).toBe(0);
      },
    );

    it('refuses a body over the size limit with 413 and stores nothing', async () => {
      const padding = 'x'.repeat(2 * 1024 * 1024);
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: [{ ...good, title: padding }] });
      expect(res.status).toBe(413);
      expect(await countEvents(knex)).toBe(0);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send('{"events": [');
      expect(res.status).toBe(400);
      expect(await countEvents(knex)).toBe(0);
    });

    it('lists every bad event of a batch, each with its index', async () => {
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({
          events: [
            { ...good, id: 'a', status: 'ok' },
            good,
            { ...good, id: 'b', environment: '' },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('2 of 3 events are invalid'),
      });
      expect(res.body.details.map((d: { index: number }) => d.index)).toEqual([
        0, 2,
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'input the databases could not store on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraBackend>>;
    const post = (events: unknown[]) =>
      request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startDoraBackend({
        knex,
        entities: [component('payments-api')],
      });
    });
    beforeEach(() => clearEvents(knex));

    it('refuses an entityRef longer than 512 characters once normalized, naming the event', async () => {
      // 500 characters as sent (the schema allows 512), 518 as stored.
      const name = 'a'.repeat(500);
      const res = await post([good, { ...good, id: 'long', entityRef: name }]);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        {
          index: 1,
          message: expect.stringMatching(
            /^event 1 \(deployment "long"\): entityRef is 518 characters long .*at most 512/,
          ),
        },
      ]);
      expect(await countEvents(knex)).toBe(0);
    });

    it('stores an entityRef of exactly 512 characters once normalized', async () => {
      const name = 'b'.repeat(512 - 'component:default/'.length);
      const res = await post([{ ...good, id: 'edge', entityRef: name }]);
      expect(res.status).toBe(200);
      const [row] = await knex('dora_deployments').select('entity_ref');
      expect(row.entity_ref).toBe(`component:default/${name}`);
    });

    const nulQueries: [path: string, name: string, query: object][] = [
      ['/api/dora/v1/metrics', 'entityRef', { entityRef: `${ENTITY}\u0000` }],
      [
        '/api/dora/v1/metrics',
        'timezone',
        { entityRef: ENTITY, timezone: 'UTC\u0000' },
      ],
      ['/api/dora/v1/events', 'entityRef', { entityRef: `\u0000${ENTITY}` }],
      [
        '/api/dora/v1/events',
        'cursor',
        { entityRef: ENTITY, cursor: '\u0000' },
      ],
      [
        '/api/dora/v1/groups/default/payments-team/metrics',
        'from',
        { from: '2024-05-01T00:00:00Z\u0000' },
      ],
    ];

    it.each(nulQueries)(
      'answers 400 to a NUL in the query of GET %s (in %s)',
      async (path, name, query) => {
        const res = await request(server)
          .get(path)
          .set('Authorization', mockCredentials.user.header())
          .query(query);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringContaining(`${name} must not contain NUL`),
        });
      },
    );

    const nulPaths: [method: 'get' | 'put' | 'delete', path: string][] = [
      ['get', '/api/dora/v1/groups/default/pay%00ments/metrics'],
      ['get', '/api/dora/v1/groups/de%00fault/payments/metrics'],
      ['get', '/api/dora/v1/scorecards/a%00b'],
      ['put', '/api/dora/v1/scorecards/a%00b'],
      ['delete', '/api/dora/v1/scorecards/a%00b'],
      ['get', `/api/dora/v1/scorecards/a%00b/history?entityRef=${ENTITY}`],
      ['get', '/api/dora/v1/scorecards/a%00b/compliance'],
    ];

    it.each(nulPaths)(
      'answers 4xx, not 5xx, to a NUL in the path of %s %s',
      async (method, path) => {
        const res = await request(server)
          [method](path)
          .set('Authorization', mockCredentials.user.header())
          .send(method === 'put' ? { id: 'a\u0000b' } : undefined);
        expect(`${res.status} ${JSON.stringify(res.body.error)}`).toMatch(
          /^4\d\d /,
        );
      },
    );
  },
);
