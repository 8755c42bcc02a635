import { Knex } from 'knex';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { component } from './__testUtils__/entities';
import { FAKE_TOKEN } from './__testUtils__/fakeGithub';
import { loadFixture } from './__testUtils__/loadFixture';
import { startBackend } from './__testUtils__/startBackend';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import { signGithubBody } from './webhooks';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const SECRET = 'webhook-secret-for-tests';
const entities = [
  component('payments-api', { 'github.com/project-slug': 'acme/payments-api' }),
];
const integrations = {
  github: [
    { host: 'github.com', apiBaseUrl: 'http://127.0.0.1:9', token: FAKE_TOKEN },
  ],
};

/** A `pull_request` `closed` delivery of a merged pull request, signed. */
function mergedPullRequestDelivery(secret: string) {
  const body = JSON.stringify({
    action: 'closed',
    number: 102,
    pull_request: loadFixture('acme-payments-api')['pulls/102'],
    repository: { full_name: 'acme/payments-api' },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': signGithubBody(body, secret),
    },
  };
}

describe.each(databases.eachSupportedId())(
  'the module wires the GitHub webhook receiver on %s',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
    });

    it('with dora.webhooks.github configured, a signed merge delivery is stored as the same change id the collector writes', async () => {
      const { backend, server } = await startBackend({
        knex,
        entities,
        clock: createTestClock('2026-03-20T00:00:00Z'),
        config: {
          integrations,
          dora: {
            webhooks: { github: { secrets: [SECRET], maxAge: '3650d' } },
          },
        },
      });
      try {
        const delivery = mergedPullRequestDelivery(SECRET);
        const res = await request(server)
          .post('/api/dora/v1/webhooks/github')
          .set(delivery.headers)
          .send(delivery.body);
        expect(res.status).toBe(200);
        const stored = await knex('dora_changes')
          .where({ source: 'github', id: 'acme/payments-api#102' })
          .first();
        expect(stored?.entity_ref).toBe('component:default/payments-api');

        const forged = mergedPullRequestDelivery('not-the-secret');
        const refused = await request(server)
          .post('/api/dora/v1/webhooks/github')
          .set(forged.headers)
          .send(forged.body);
        expect(refused.status).toBe(401);
      } finally {
        await backend.stop();
      }
    });

    it('without dora.webhooks.github, no GitHub receiver is registered', async () => {
      const { backend, server } = await startBackend({
        knex,
        entities,
        clock: createTestClock('2026-03-20T00:00:00Z'),
        config: { integrations },
      });
      try {
        const delivery = mergedPullRequestDelivery(SECRET);
        const res = await request(server)
          .post('/api/dora/v1/webhooks/github')
          .set(delivery.headers)
          .send(delivery.body);
        expect(res.status).toBe(404);
      } finally {
        await backend.stop();
      }
    });
  },
);
