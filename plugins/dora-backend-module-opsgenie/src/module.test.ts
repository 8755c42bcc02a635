import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import acknowledge from './__fixtures__/alert.acknowledge.json';
import close from './__fixtures__/alert.close.json';
import create from './__fixtures__/alert.create.json';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  Knex,
  clearTables,
  countRows,
  doraTestDatabases,
  startDoraTestBackend,
} from '@dora-metrics/plugin-dora-backend/testUtils';
import { doraModuleOpsgenie } from './module';

jest.setTimeout(120_000);

const OLD_KEY = 'old-integration-key-0123456789';
const NEW_KEY = 'new-integration-key-9876543210';
const URL = '/api/dora/v1/webhooks/opsgenie';
const MINUTE = 60_000;

function component(name: string, selector?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: selector
        ? { 'opsgenie.com/component-selector': selector }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  };
}

const entities = [
  component('payments-api', 'tag:"service:payments"'),
  component('checkout', 'team:"Checkout" AND tag:prod'),
  component('legacy-billing'),
];

type Payload = typeof create;

/**
 * The fixture with its times moved relative to now (the stale rule reads
 * them): created `createdMinutesAgo`, last updated `updatedMinutesAgo`.
 */
function at(
  fixture: object,
  createdMinutesAgo: number,
  updatedMinutesAgo = createdMinutesAgo,
): Payload {
  const payload: Payload = JSON.parse(JSON.stringify(fixture));
  const now = Date.now();
  payload.alert.createdAt = now - createdMinutesAgo * MINUTE;
  // Opsgenie sends updatedAt in nanoseconds.
  payload.alert.updatedAt = (now - updatedMinutesAgo * MINUTE) * 1e6;
  return payload;
}

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'Opsgenie webhooks on %s',
  databaseId => {
    const logger = mockServices.logger.mock();
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraTestBackend>>['server'];

    const deliver = (payload: unknown, key?: string) => {
      const req = request(server)
        .post(URL)
        .set('Content-Type', 'application/json');
      if (key !== undefined) req.set('X-Dora-Opsgenie-Key', key);
      return req.send(JSON.stringify(payload));
    };
    const storedIncidents = () =>
      knex('dora_incidents')
        .select(
          'source',
          'id',
          'entity_ref',
          'title',
          'opened_at',
          'resolved_at',
          'severity',
        )
        .orderBy('id');

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startDoraTestBackend({
        knex,
        entities,
        config: {
          dora: {
            webhooks: {
              opsgenie: {
                integrationKeys: [OLD_KEY, NEW_KEY],
                entityMappings: [
                  {
                    selector: 'integration:"Legacy monitor"',
                    entityRef: 'component:default/legacy-billing',
                  },
                ],
              },
            },
          },
        },
        features: [doraModuleOpsgenie, logger.factory],
      }));
    });
    beforeEach(() =>
      clearTables(knex, ['dora_incidents', 'dora_webhook_deliveries']),
    );

    it('stores a Create alert as an open incident of the entity whose opsgenie.com/component-selector matches', async () => {
      const payload = at(create, 2);
      const res = await deliver(payload, NEW_KEY);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'accepted', accepted: 1 });
      const [row] = await storedIncidents();
      expect(row).toMatchObject({
        source: 'opsgenie',
        id: payload.alert.alertId,
        entity_ref: 'component:default/payments-api',
        title: 'Card authorization error rate above 5%',
        resolved_at: null,
        severity: 'P2',
      });
      expect(Number(row.opened_at)).toBe(payload.alert.createdAt);
    });

    it('refuses a delivery without the key header with 401 and writes nothing', async () => {
      const res = await deliver(at(create, 2));
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('refuses a delivery with a key that is not configured with 401', async () => {
      const res = await deliver(at(create, 2), 'not-the-integration-key');
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('accepts every configured key while rotating', async () => {
      expect((await deliver(at(create, 3), OLD_KEY)).status).toBe(200);
      expect((await deliver(at(close, 3, 1), NEW_KEY)).status).toBe(200);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(2);
    });

    it('refuses a stale delivery (alert time older than maxAge, default 1h) with 401', async () => {
      const res = await deliver(at(create, 61), NEW_KEY);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/stale/i);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('refuses a replayed delivery (same alert, action and time) with 401 and writes nothing new', async () => {
      const payload = at(close, 30, 5);
      expect((await deliver(payload, NEW_KEY)).status).toBe(200);
      const before = await storedIncidents();
      const res = await deliver(payload, NEW_KEY);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/replayed/);
      expect(await storedIncidents()).toEqual(before);
    });

    it('acknowledges alert actions it does not use with 2xx and writes nothing', async () => {
      const res = await deliver(at(acknowledge, 2), NEW_KEY);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        status: 'ignored',
        reason: 'Opsgenie alert action "Acknowledge" is not used',
      });
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('uses a configured entity mapping before the catalog selectors', async () => {
      const payload = at(create, 2);
      payload.integrationName = 'Legacy monitor';
      expect((await deliver(payload, NEW_KEY)).status).toBe(200);
      const [row] = await storedIncidents();
      expect(row.entity_ref).toBe('component:default/legacy-billing');
    });

    it('matches an AND selector against the alert team (responders) and tags', async () => {
      const payload = at(create, 2);
      payload.alert.tags = ['prod'];
      payload.alert.team = '';
      payload.alert.responders = [{ id: 't2', type: 'team', name: 'checkout' }];
      expect((await deliver(payload, NEW_KEY)).status).toBe(200);
      const [row] = await storedIncidents();
      expect(row.entity_ref).toBe('component:default/checkout');
    });

    it('acknowledges and ignores an alert that no mapping or selector matches, and warns', async () => {
      const payload = at(create, 2);
      payload.alert.tags = ['service:unknown'];
      const res = await deliver(payload, NEW_KEY);
      expect(res.status).toBe(202);
      expect(res.body.reason).toContain('no entity mapping');
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('ignored: no entity mapping'),
      );
    });

    it('keeps the resolution when Create arrives after Close (out of order)', async () => {
      const closed = at(close, 30, 5);
      expect((await deliver(closed, NEW_KEY)).status).toBe(200);
      expect((await deliver(at(create, 30), NEW_KEY)).status).toBe(200);
      const [row] = await storedIncidents();
      expect(Number(row.resolved_at)).toBe(
        Math.round(closed.alert.updatedAt / 1e6),
      );
    });

    it('shows a created then closed alert in time to restore', async () => {
      expect((await deliver(at(create, 30), NEW_KEY)).status).toBe(200);
      expect((await deliver(at(close, 30, 5), NEW_KEY)).status).toBe(200);
      const res = await request(server)
        .get('/api/dora/v1/metrics')
        .set('Authorization', mockCredentials.user.header())
        .query({
          entityRef: 'component:default/payments-api',
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 3_600_000).toISOString(),
        });
      expect(res.status).toBe(200);
      expect(res.body.timeToRestore).toMatchObject({
        source: 'incidents',
        sampleSize: 1,
        median: 25 * 60,
        open: 0,
      });
    });

    it('logs every refusal without the keys', async () => {
      await deliver(at(create, 2), 'wrong-key-wrong-key');
      await deliver(at(create, 2));
      const logged = JSON.stringify([
        logger.warn.mock.calls,
        logger.info.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Refused opsgenie webhook delivery'),
      );
      expect(logged).not.toContain(OLD_KEY);
      expect(logged).not.toContain(NEW_KEY);
    });
  },
);
