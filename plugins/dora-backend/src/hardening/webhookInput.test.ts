import { createBackendModule } from '@backstage/backend-plugin-api';
import { doraWebhooksExtensionPoint } from '@dora-metrics/plugin-dora-node';
import { Knex } from 'knex';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { incident } from '../__testUtils__/events';
import { clearEvents, countEvents } from '../__testUtils__/startDoraBackend';
import { doraTestDatabases, startDoraTestBackend } from '../testUtils';

/**
 * Delivery ids the deliveries table could not hold (over its 255 characters,
 * NUL, unpaired surrogates) are refused with 400 before anything is written,
 * on both databases; ids at the limit, or with astral characters, are stored
 * and recognised when replayed.
 */

jest.setTimeout(120_000);

/** A provider that trusts its body: `{ deliveryId, events }`, as JSON. */
const trustingProviderModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'trusting-webhooks',
  register(env) {
    env.registerInit({
      deps: { webhooks: doraWebhooksExtensionPoint },
      async init({ webhooks }) {
        webhooks.addWebhookHandler({
          source: 'trusting',
          async handle(req) {
            const body = JSON.parse(req.rawBody.toString('utf8'));
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

const databases = doraTestDatabases();
const open = incident('i1', '2024-05-02T10:00:00Z', null);

describe.each(databases.eachSupportedId())(
  'webhook delivery ids on %s',
  databaseId => {
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraTestBackend>>['server'];

    // JSON.stringify writes a lone surrogate as \ud800 and NUL as \u0000, so
    // the handler's JSON.parse hands them over as they are.
    const deliver = (deliveryId: unknown) =>
      request(server)
        .post('/api/dora/v1/webhooks/trusting')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ deliveryId, events: [open] }));
    const deliveryIds = async () =>
      (await knex('dora_webhook_deliveries').select('delivery_id')).map(
        r => r.delivery_id,
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startDoraTestBackend({
        knex,
        entities: [component('payments-api')],
        features: [trustingProviderModule],
      }));
    });
    beforeEach(() => clearEvents(knex));

    it.each([
      ['256 characters', 'd'.repeat(256)],
      ['a NUL character', 'delivery\u00001'],
      ['only a NUL character', '\u0000'],
      ['a lone high surrogate', 'delivery-\uD800'],
      ['a lone low surrogate', '\uDC00-delivery'],
    ])(
      'answers 400 to a delivery id with %s and writes nothing',
      async (_what, deliveryId) => {
        const res = await deliver(deliveryId);
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({
          name: 'InputError',
          message: expect.stringContaining('delivery id must be at most 255'),
        });
        expect(await countEvents(knex)).toBe(0);
        expect(await deliveryIds()).toEqual([]);
      },
    );

    it.each([
      ['255 characters', 'd'.repeat(255)],
      ['astral characters', 'delivery-🚀-𝔘'],
    ])(
      'stores a delivery id of %s as sent and recognises it when replayed',
      async (_what, deliveryId) => {
        const res = await deliver(deliveryId);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          status: 'accepted',
          deliveryId,
          accepted: 1,
        });
        expect(await deliveryIds()).toEqual([deliveryId]);
        expect(await countEvents(knex)).toBe(1);
        const again = await deliver(deliveryId);
        expect(again.status).toBe(401);
        expect(again.body.error.message).toMatch(/already received/);
        expect(await deliveryIds()).toEqual([deliveryId]);
      },
    );

    it('after refusing an id, accepts the same delivery under a storable id', async () => {
      expect((await deliver('x\u0000')).status).toBe(400);
      expect((await deliver('x')).status).toBe(200);
      expect(await deliveryIds()).toEqual(['x']);
      expect(await countEvents(knex)).toBe(1);
    });
  },
);
