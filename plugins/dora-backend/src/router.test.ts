import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group } from './__testUtils__/entities';
import { ENTITY, change, deployment, incident } from './__testUtils__/events';
import {
  clearEvents,
  countEvents,
  startDoraBackend,
} from './__testUtils__/startDoraBackend';
import { doraTestDatabases } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

// acme > commerce > payments-team > fraud-squad; commerce > checkout-team
const entities = [
  group('acme', ['commerce']),
  group('commerce', ['payments-team', 'checkout-team'], 'acme'),
  group('payments-team', ['fraud-squad'], 'commerce'),
  group('fraud-squad', [], 'payments-team'),
  group('checkout-team', [], 'commerce'),
  component(
    'payments-api',
    {
      'github.com/project-slug': 'acme/payments-api',
      'pagerduty.com/service-id': 'PPAY',
    },
    'payments-team',
  ),
  component('fraud-detector', {}, 'fraud-squad'),
  component(
    'cart-service',
    { 'dora/change-failure-mode': 'sideways' },
    'checkout-team',
  ),
  component(
    'twin-a',
    { 'github.com/project-slug': 'acme/mono' },
    'checkout-team',
  ),
  component(
    'twin-b',
    { 'github.com/project-slug': 'acme/mono' },
    'checkout-team',
  ),
];

const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };

describe.each(databases.eachSupportedId())('dora routes on %s', databaseId => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startDoraBackend>>;

  const post = (events: unknown[]) =>
    request(server)
      .post('/api/dora/v1/events')
      .set('Authorization', service)
      .send({ events });

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    server = await startDoraBackend({ knex, entities });
  });
  beforeEach(() => clearEvents(knex));

  it('refuses a request without credentials with 401', async () => {
    const none = mockCredentials.none.header();
    const ingest = await request(server)
      .post('/api/dora/v1/events')
      .set('Authorization', none)
      .send({ events: [] });
    const metrics = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', none)
      .query({ entityRef: ENTITY });
    expect(ingest.status).toBe(401);
    expect(metrics.status).toBe(401);
  });

  it('ingests events and serves the metrics computed from them', async () => {
    const ingested = await post([
      change('c1', '2024-05-02T09:00:00Z', {
        firstCommitAt: '2024-05-02T08:00:00Z',
      }),
      deployment('d1', '2024-05-02T10:00:00Z', { changeIds: ['c1'] }),
      incident('i1', '2024-05-02T10:30:00Z', '2024-05-02T11:00:00Z'),
    ]);
    expect(ingested.body).toEqual({ accepted: 3 });
    const res = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({
        entityRef: ENTITY,
        ...window,
        timezone: 'Europe/Berlin',
        bucket: 'day',
      });
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/payments-api');
    expect(res.body.deploymentFrequency.count).toBe(1);
    expect(res.body.leadTime.median).toBe(7200);
    expect(res.body.changeFailureRate).toMatchObject({ failed: 1, total: 1 });
    expect(res.body.timeToRestore).toMatchObject({
      source: 'incidents',
      median: 1800,
    });
    // Berlin days, the first and last clipped to the UTC window.
    expect(res.body.series).toHaveLength(8);
    expect(res.body.series[0].start).toBe('2024-05-01T02:00:00.000+02:00');
    expect(res.body.series[1].start).toBe('2024-05-02T00:00:00.000+02:00');
    expect(res.body.series[7].end).toBe('2024-05-08T02:00:00.000+02:00');
  });

  it('counts an event sent twice once (idempotent by kind, source and id)', async () => {
    await post([deployment('d1', '2024-05-02T10:00:00Z')]);
    const again = await post([deployment('d1', '2024-05-02T10:00:00Z')]);
    expect(again.body).toEqual({ accepted: 1 });
    expect(await countEvents(knex)).toBe(1);
  });

  it('resolves a change without entityRef through github.com/project-slug', async () => {
    const res = await post([
      {
        kind: 'change',
        source: 'github',
        id: 'pr-1',
        repository: 'ACME/payments-api',
        mergedAt: '2024-05-02T09:00:00Z',
      },
    ]);
    expect(res.status).toBe(200);
    const [row] = await knex('dora_changes').select('entity_ref');
    expect(row.entity_ref).toBe('component:default/payments-api');
  });

  it('resolves an incident without entityRef through pagerduty.com/service-id', async () => {
    const res = await post([
      {
        kind: 'incident',
        source: 'pagerduty',
        id: 'Q1',
        serviceId: 'PPAY',
        openedAt: '2024-05-02T09:00:00Z',
      },
    ]);
    expect(res.status).toBe(200);
    const [row] = await knex('dora_incidents').select('entity_ref');
    expect(row.entity_ref).toBe('component:default/payments-api');
  });

  it('refuses the whole batch when an event resolves to no entity, or to several, and names it', async () => {
    const res = await post([
      deployment('d1', '2024-05-02T10:00:00Z'),
      {
        kind: 'change',
        source: 'github',
        id: 'pr-2',
        repository: 'acme/unknown',
        mergedAt: '2024-05-02T09:00:00Z',
      },
      {
        kind: 'change',
        source: 'github',
        id: 'pr-3',
        repository: 'acme/mono',
        mergedAt: '2024-05-02T09:00:00Z',
      },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      {
        index: 1,
        message: expect.stringContaining(
          'no catalog entity has github.com/project-slug: acme/unknown',
        ),
        code: 'unresolved-entity',
      },
      {
        index: 2,
        message: expect.stringMatching(/2 catalog entities .*twin-a.*twin-b/),
        code: 'unresolved-entity',
      },
    ]);
    expect(await countEvents(knex)).toBe(0);
  });

  it('keeps events for an entity the catalog does not know yet, and answers 404 for its metrics', async () => {
    const res = await post([
      deployment('d1', '2024-05-02T10:00:00Z', {
        entityRef: 'component:default/not-yet',
      }),
    ]);
    expect(res.status).toBe(200);
    expect(await countEvents(knex)).toBe(1);
    const metrics = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({ entityRef: 'component:default/not-yet' });
    expect(metrics.status).toBe(404);
  });

  it.each([
    [{ from: 'yesterday', to: window.to }, /from "yesterday"/],
    [{ from: window.to, to: window.from }, /from must be before to/],
    [{ ...window, timezone: 'Mars/Olympus' }, /timezone "Mars\/Olympus"/],
    [{ ...window, bucket: 'hour' }, /bucket "hour"/],
    [
      { from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
      /longer than 1096 days/,
    ],
  ])('answers 400 naming the bad parameter for %j', async (query, message) => {
    const res = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({ entityRef: ENTITY, ...query });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 when entityRef is missing', async () => {
    const res = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/entityRef/);
  });

  it('reports an unreadable annotation as a warning and measures with the default', async () => {
    const res = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({ entityRef: 'component:default/cart-service', ...window });
    expect(res.status).toBe(200);
    expect(res.body.changeFailureRate.mode).toBe('incidents');
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_ANNOTATION',
        message: expect.stringContaining('sideways'),
      }),
    );
  });

  it('rolls up a team with its nested sub-teams, pooling samples, with one row per entity', async () => {
    await post([
      deployment('p1', '2024-05-02T10:00:00Z', { changeIds: ['pc1'] }),
      change('pc1', '2024-05-02T09:00:00Z', {
        firstCommitAt: '2024-05-02T09:00:00Z',
      }),
      deployment('f1', '2024-05-03T10:00:00Z', {
        entityRef: 'component:default/fraud-detector',
        changeIds: ['fc1', 'fc2'],
      }),
      change('fc1', '2024-05-03T09:00:00Z', {
        entityRef: 'component:default/fraud-detector',
        firstCommitAt: '2024-05-03T07:00:00Z',
      }),
      change('fc2', '2024-05-03T09:00:00Z', {
        entityRef: 'component:default/fraud-detector',
        firstCommitAt: '2024-05-03T06:00:00Z',
      }),
      deployment('x1', '2024-05-03T10:00:00Z', {
        entityRef: 'component:default/cart-service',
      }),
    ]);
    const res = await request(server)
      .get('/api/dora/v1/groups/default/payments-team/metrics')
      .set('Authorization', user)
      .query(window);
    expect(res.status).toBe(200);
    expect(res.body.groupRef).toBe('group:default/payments-team');
    expect(
      res.body.entities.map((e: { entityRef: string }) => e.entityRef).sort(),
    ).toEqual([
      'component:default/fraud-detector',
      'component:default/payments-api',
    ]);
    expect(res.body.deploymentFrequency.count).toBe(2);
    // Lead times 1 h, 3 h and 4 h pooled: median 3 h (not the median of the medians 1 h and 3.5 h).
    expect(res.body.leadTime.median).toBe(3 * 3600);

    const department = await request(server)
      .get('/api/dora/v1/groups/default/commerce/metrics')
      .set('Authorization', user)
      .query(window);
    expect(department.body.deploymentFrequency.count).toBe(3);
    expect(department.body.entities).toHaveLength(5);
  });

  it('answers 404 for an unknown group', async () => {
    const res = await request(server)
      .get('/api/dora/v1/groups/default/nobody/metrics')
      .set('Authorization', user)
      .query(window);
    expect(res.status).toBe(404);
  });

  it('lists the events behind the numbers, how each was counted, page by page', async () => {
    await post([
      deployment('d1', '2024-05-02T10:00:00Z', {
        version: 'v1',
        changeIds: ['c1'],
      }),
      deployment('d2', '2024-05-03T10:00:00Z', { version: 'v1' }),
      deployment('d3', '2024-05-04T10:00:00Z', { version: 'v2' }),
      deployment('s1', '2024-05-04T11:00:00Z', { environment: 'staging' }),
      change('c1', '2024-05-02T09:00:00Z', {
        firstCommitAt: '2024-05-02T08:00:00Z',
      }),
      incident('i1', '2024-05-02T10:20:00Z', '2024-05-02T11:00:00Z'),
    ]);
    const first = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({ entityRef: ENTITY, kind: 'deployment', limit: 2, ...window });
    expect(first.status).toBe(200);
    expect(
      first.body.items.map((i: any) => [i.event.id, i.counting.status]),
    ).toEqual([
      ['d1', 'counted'],
      ['d2', 'redeploy'],
    ]);
    expect(first.body.items[0].counting).toMatchObject({
      failed: true,
      failureSignals: ['incident-in-attribution-window'],
      incidentIds: ['i1'],
      shippedChangeIds: ['c1'],
    });
    const second = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({
        entityRef: ENTITY,
        kind: 'deployment',
        limit: 2,
        cursor: first.body.nextCursor,
        ...window,
      });
    expect(
      second.body.items.map((i: any) => [i.event.id, i.counting.status]),
    ).toEqual([
      ['d3', 'counted'],
      ['s1', 'not-production'],
    ]);
    expect(second.body.nextCursor).toBeNull();

    const changes = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({ entityRef: ENTITY, kind: 'change', ...window });
    expect(changes.body.items[0].counting).toMatchObject({
      shippedBy: { id: 'd1' },
      leadTimeSeconds: 7200,
      leadTimeStart: 'firstCommitAt',
    });
  });

  it('answers 400 for a drill-down with both or neither of entityRef and groupRef, or a bad kind', async () => {
    const neither = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query(window);
    const badKind = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({ entityRef: ENTITY, kind: 'commit', ...window });
    const badLimit = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({ entityRef: ENTITY, limit: 501, ...window });
    expect([neither.status, badKind.status, badLimit.status]).toEqual([
      400, 400, 400,
    ]);
  });
});

describe('dora routes when the permission policy denies', () => {
  it('answers 403 to ingest and to reads, and stores nothing', async () => {
    const [databaseId] = databases.eachSupportedId()[0];
    const knex = await databases.init(databaseId);
    const server = await startDoraBackend({
      knex,
      entities,
      permission: AuthorizeResult.DENY,
    });
    const ingest = await request(server)
      .post('/api/dora/v1/events')
      .set('Authorization', service)
      .send({ events: [deployment('d1', '2024-05-02T10:00:00Z')] });
    const metrics = await request(server)
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({ entityRef: ENTITY });
    const events = await request(server)
      .get('/api/dora/v1/events')
      .set('Authorization', user)
      .query({ entityRef: ENTITY });
    const scorecard = await request(server)
      .post('/api/dora/v1/scorecards')
      .set('Authorization', user)
      .send({});
    expect([
      ingest.status,
      metrics.status,
      events.status,
      scorecard.status,
    ]).toEqual([403, 403, 403, 403]);
    expect(await countEvents(knex)).toBe(0);
  });
});
