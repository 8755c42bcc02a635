import { mockCredentials } from '@backstage/backend-test-utils';
import { parseCsv } from '@dora-metrics/plugin-dora-common';
import request from 'supertest';
import { component } from './__testUtils__/entities';
import { migrateUp } from './database/migrations';
import { doraTestDatabases, startDoraTestBackend } from './testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const service = mockCredentials.service.header();
const user = mockCredentials.user.header('user:default/reader');

const deployment = (id: string, environment: string, finishedAt: string) => ({
  kind: 'deployment',
  source: 'ci',
  id,
  entityRef: 'component:default/payments',
  environment,
  status: 'success',
  finishedAt,
  version: id,
});

const EVENTS = [
  deployment('d1', 'prod-eu-1', '2024-03-01T10:00:00Z'),
  deployment('d2', 'prod-eu-1', '2024-03-05T10:00:00Z'),
  deployment('d3', 'prod-us-2', '2024-03-02T10:00:00Z'),
  deployment('d4', 'staging', '2024-03-03T10:00:00Z'),
  deployment('d5', 'preprod', '2024-03-04T10:00:00Z'),
  {
    ...deployment('d6', 'other', '2024-03-04T10:00:00Z'),
    entityRef: 'component:default/billing',
  },
];

describe.each(databases.eachSupportedId())('GET /v1/environments (%p)', id => {
  async function start(annotations: Record<string, string>) {
    const knex = await databases.init(id);
    await migrateUp(knex);
    const { server } = await startDoraTestBackend({
      knex,
      entities: [component('payments', annotations), component('billing')],
      config: {
        dora: { defaults: { productionEnvironments: ['production', 'live*'] } },
      },
    });
    await request(server)
      .post('/api/dora/v1/events')
      .set('Authorization', service)
      .send({ events: EVENTS })
      .expect(200);
    return server;
  }

  it('lists each environment seen, whether it counts as production, and the annotation rule that decided', async () => {
    const server = await start({
      'dora/production-environments': 'prod-eu-*,/^prod-[a-z]{2,3}-\\d$/',
    });
    const res = await request(server)
      .get('/api/dora/v1/environments')
      .query({ entityRef: 'component:default/payments' })
      .set('Authorization', user)
      .expect(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/payments',
      rules: [
        { rule: 'prod-eu-*', source: 'annotation' },
        { rule: '/^prod-[a-z]{2,3}-\\d$/', source: 'annotation' },
      ],
      environments: [
        {
          environment: 'preprod',
          deployments: 1,
          lastDeployedAt: '2024-03-04T10:00:00.000Z',
          production: false,
          rule: null,
        },
        {
          environment: 'prod-eu-1',
          deployments: 2,
          lastDeployedAt: '2024-03-05T10:00:00.000Z',
          production: true,
          rule: 'prod-eu-*',
        },
        {
          environment: 'prod-us-2',
          deployments: 1,
          lastDeployedAt: '2024-03-02T10:00:00.000Z',
          production: true,
          rule: '/^prod-[a-z]{2,3}-\\d$/',
        },
        {
          environment: 'staging',
          deployments: 1,
          lastDeployedAt: '2024-03-03T10:00:00.000Z',
          production: false,
          rule: null,
        },
      ],
    });
  });

  it('counts only deployments in [from, to) when a window is given, and names config rules', async () => {
    const server = await start({});
    const res = await request(server)
      .get('/api/dora/v1/environments')
      .query({
        entityRef: 'component:default/payments',
        from: '2024-03-02T00:00:00Z',
        to: '2024-03-05T10:00:00Z',
      })
      .set('Authorization', user)
      .expect(200);
    expect(res.body.rules).toEqual([
      { rule: 'production', source: 'config' },
      { rule: 'live*', source: 'config' },
    ]);
    expect(
      res.body.environments.map((e: any) => [
        e.environment,
        e.deployments,
        e.production,
      ]),
    ).toEqual([
      ['preprod', 1, false],
      ['prod-us-2', 1, false],
      ['staging', 1, false],
    ]);
  });

  it('answers CSV, one row per environment', async () => {
    const server = await start({ 'dora/production-environments': 'prod*' });
    const res = await request(server)
      .get('/api/dora/v1/environments')
      .query({ entityRef: 'component:default/payments' })
      .set('Authorization', user)
      .set('Accept', 'text/csv')
      .expect(200);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      'entityRef',
      'environment',
      'deployments',
      'lastDeployedAt',
      'production',
      'rule',
    ]);
    expect(rows.map(r => [r[1], r[4], r[5]])).toEqual([
      ['preprod', 'false', ''],
      ['prod-eu-1', 'true', 'prod*'],
      ['prod-us-2', 'true', 'prod*'],
      ['staging', 'false', ''],
    ]);
  });

  it('refuses a request without credentials, a bad instant and an unknown entity', async () => {
    const server = await start({});
    await request(server)
      .get('/api/dora/v1/environments')
      .query({ entityRef: 'component:default/payments' })
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const bad = await request(server)
      .get('/api/dora/v1/environments')
      .query({ entityRef: 'component:default/payments', from: 'yesterday' })
      .set('Authorization', user)
      .expect(400);
    expect(bad.body.error.message).toMatch(/from: "yesterday"/);
    await request(server)
      .get('/api/dora/v1/environments')
      .set('Authorization', user)
      .expect(400);
    await request(server)
      .get('/api/dora/v1/environments')
      .query({ entityRef: 'component:default/nobody' })
      .set('Authorization', user)
      .expect(404);
  });
});
