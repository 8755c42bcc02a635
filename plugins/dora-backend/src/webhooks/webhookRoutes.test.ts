import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import {
  DoraWebhookRequest,
  doraWebhooksExtensionPoint,
} from '@dora-metrics/plugin-dora-node';
import { Knex } from 'knex';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { ENTITY, incident } from '../__testUtils__/events';
import { clearEvents, countEvents } from '../__testUtils__/startDoraBackend';
import { doraTestDatabases, startDoraTestBackend } from '../testUtils';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const received: DoraWebhookRequest[] = [];

/**
 * A provider whose "signature" is the header `x-fake-token: letmein`; the
 * body is `{ deliveryId, events }` or `{ ignore }`.
 */
const fakeProviderModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'fake-webhooks',
  register(env) {
    env.registerInit({
      deps: { webhooks: doraWebhooksExtensionPoint },
      async init({ webhooks }) {
        webhooks.addWebhookHandler({
          source: 'fake',
          async handle(req) {
            received.push(req);
            if (req.headers['x-fake-token'] !== 'letmein') {
              throw new AuthenticationError('bad fake token');
            }
            const body = JSON.parse(req.rawBody.toString('utf8'));
            if (body.ignore) return { outcome: 'ignored', reason: body.ignore };
            return {
              outcome: 'events',
              deliveryId: body.deliveryId,
              events: body.events,
            };
          },
        });
      },
    });
  },
});

async function start(knex: Knex) {
  const logger = mockServices.logger.mock();
  const { server } = await startDoraTestBackend({
    knex,
    entities: [
      component('payments-api', { 'pagerduty.com/service-id': 'PPAY' }),
    ],
    config: { dora: { webhooks: { maxBodySize: '2kb' } } },
    features: [fakeProviderModule, logger.factory],
  });
  return { server, logger };
}

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'POST /api/dora/v1/webhooks/:source on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof start>>['server'];
    let logger: Awaited<ReturnType<typeof start>>['logger'];

    // No Authorization header anywhere: the handler's check is the credential.
    const deliver = (body: unknown, token = 'letmein', source = 'fake') =>
      request(server)
        .post(`/api/dora/v1/webhooks/${source}`)
        .set('Content-Type', 'application/json')
        .set('X-Fake-Token', token)
        .send(typeof body === 'string' ? body : JSON.stringify(body));
    const open = incident('i1', '2024-05-02T10:00:00Z', null);
    const deliveryIds = async () =>
      (await knex('dora_webhook_deliveries').select('delivery_id')).map(
        r => r.delivery_id,
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server, logger } = await start(knex));
    });
    beforeEach(async () => {
      await clearEvents(knex);
      received.length = 0;
    });

    it('accepts a verified delivery without Backstage credentials and writes its events', async () => {
      const res = await deliver({ deliveryId: 'd1', events: [open] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'accepted',
        deliveryId: 'd1',
        accepted: 1,
      });
      expect(await countEvents(knex)).toBe(1);
      expect(await deliveryIds()).toEqual(['d1']);
    });

    it('hands the handler the raw bytes of the body, lower-cased headers and the receive time', async () => {
      const raw = '{ "ignore" : "spacing   and ünïcödé stay" }\n';
      const before = Date.now();
      await deliver(raw);
      expect(received).toHaveLength(1);
      expect(received[0].rawBody.equals(Buffer.from(raw, 'utf8'))).toBe(true);
      expect(received[0].headers['x-fake-token']).toBe('letmein');
      expect(received[0].receivedAt).toBeGreaterThanOrEqual(before);
    });

    it('answers 404 for a source no module registered, and logs it', async () => {
      const res = await deliver({ ignore: 'x' }, 'letmein', 'nagios');
      expect(res.status).toBe(404);
      expect(received).toHaveLength(0);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('No webhook receiver for "nagios"'),
      );
    });

    it('answers 401 and writes nothing when the handler refuses the delivery', async () => {
      const res = await deliver({ deliveryId: 'd1', events: [open] }, 'nope');
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        name: 'AuthenticationError',
        message: 'bad fake token',
      });
      expect(await countEvents(knex)).toBe(0);
      expect(await deliveryIds()).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Refused fake webhook delivery'),
      );
    });

    it('answers 401 "replayed" to a delivery id seen before and writes nothing new', async () => {
      await deliver({ deliveryId: 'd1', events: [open] });
      const changed = incident(
        'i1',
        '2024-05-02T10:00:00Z',
        '2024-05-02T11:00:00Z',
      );
      const res = await deliver({ deliveryId: 'd1', events: [changed] });
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe(
        'Delivery d1 was already received (replayed)',
      );
      const [row] = await knex('dora_incidents').select('resolved_at');
      expect(row.resolved_at).toBeNull();
    });

    it('acknowledges an ignored delivery with 202 and writes nothing', async () => {
      const res = await deliver({ ignore: 'not interesting' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        status: 'ignored',
        reason: 'not interesting',
      });
      expect(await deliveryIds()).toEqual([]);
    });

    it('answers 400 with details to invalid events, writes nothing and keeps the id free for a retry', async () => {
      const bad = { ...open, openedAt: 'yesterday' };
      const res = await deliver({ deliveryId: 'd1', events: [bad, open] });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ index: 0 })]);
      expect(await countEvents(knex)).toBe(0);
      expect(await deliveryIds()).toEqual([]);
      expect((await deliver({ deliveryId: 'd1', events: [open] })).status).toBe(
        200,
      );
    });

    it('resolves serviceId through the catalog like POST /v1/events', async () => {
      const { entityRef: _, ...unresolved } = open;
      const res = await deliver({
        deliveryId: 'd1',
        events: [{ ...unresolved, serviceId: 'PPAY' }],
      });
      expect(res.status).toBe(200);
      const [row] = await knex('dora_incidents').select('entity_ref');
      expect(row.entity_ref).toBe(ENTITY);
    });

    it('answers 413 to a body over dora.webhooks.maxBodySize, and logs the refusal like every other', async () => {
      const res = await deliver({ ignore: 'x'.repeat(4096) });
      expect(res.status).toBe(413);
      expect(received).toHaveLength(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Refused \S+ webhook delivery .*: 413/),
      );
    });

    it('still parses JSON on the other routes', async () => {
      const res = await request(server)
        .post('/api/dora/v1/events')
        .set('Authorization', mockCredentials.service.header())
        .send({ events: [open] });
      expect(res.status).toBe(200);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'webhook delivery ids on %s',
  databaseId => {
    it('prunes ids older than dora.webhooks.deliveryRetention (7d) when a delivery is accepted', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await start(knex);
      await knex('dora_webhook_deliveries').insert([
        {
          source: 'fake',
          delivery_id: 'old',
          received_at: Date.now() - 8 * DAY,
        },
        {
          source: 'fake',
          delivery_id: 'recent',
          received_at: Date.now() - DAY,
        },
      ]);
      const res = await request(server)
        .post('/api/dora/v1/webhooks/fake')
        .set('X-Fake-Token', 'letmein')
        .set('Content-Type', 'application/json')
        .send(
          JSON.stringify({
            deliveryId: 'new',
            events: [incident('i9', '2024-05-02T10:00:00Z', null)],
          }),
        );
      expect(res.status).toBe(200);
      const ids = (
        await knex('dora_webhook_deliveries').select('delivery_id')
      ).map(r => r.delivery_id);
      expect(ids.sort()).toEqual(['new', 'recent']);
    });
  },
);
