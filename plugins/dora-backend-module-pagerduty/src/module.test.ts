import { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import acknowledged from './__fixtures__/incident.acknowledged.json';
import reopened from './__fixtures__/incident.reopened.json';
import resolved from './__fixtures__/incident.resolved.json';
import triggered from './__fixtures__/incident.triggered.json';
import ping from './__fixtures__/pagey.ping.json';
import serviceUpdated from './__fixtures__/service.updated.json';
// The tests start the real dora backend that this module extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  Knex,
  clearTables,
  countRows,
  doraTestDatabases,
  startDoraTestBackend,
} from '@dora-metrics/plugin-dora-backend/testUtils';
import { doraModulePagerDuty } from './module';
import { signPagerDutyBody } from './webhook';

jest.setTimeout(120_000);

const OLD_SECRET = 'old-signing-secret-do-not-log';
const NEW_SECRET = 'new-signing-secret-do-not-log';
const ENTITY = 'component:default/payments-api';
const URL = '/api/dora/v1/webhooks/pagerduty';
const MINUTE = 60_000;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: { 'pagerduty.com/service-id': 'PPAY123' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  },
];

type Fixture = typeof triggered;

/** The fixture with its instants moved relative to now (the stale rule reads them). */
function at(
  fixture: object,
  occurredMinutesAgo: number,
  more: { eventId?: string; createdMinutesAgo?: number } = {},
) {
  const payload: Fixture = JSON.parse(JSON.stringify(fixture));
  const now = Date.now();
  payload.event.occurred_at = new Date(
    now - occurredMinutesAgo * MINUTE,
  ).toISOString();
  if (more.createdMinutesAgo !== undefined) {
    payload.event.data.created_at = new Date(
      now - more.createdMinutesAgo * MINUTE,
    ).toISOString();
  }
  if (more.eventId) payload.event.id = more.eventId;
  return payload;
}

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'PagerDuty webhooks on %s',
  databaseId => {
    const logger = mockServices.logger.mock();
    let knex: Knex;
    let server: Awaited<ReturnType<typeof startDoraTestBackend>>['server'];

    const deliver = (payload: unknown, signature?: string) => {
      const body = JSON.stringify(payload);
      const req = request(server)
        .post(URL)
        .set('Content-Type', 'application/json');
      if (signature !== undefined) req.set('X-PagerDuty-Signature', signature);
      return req.send(body);
    };
    const signed = (payload: unknown, secret = NEW_SECRET) =>
      deliver(payload, signPagerDutyBody(JSON.stringify(payload), secret));
    const storedIncidents = () =>
      knex('dora_incidents').select(
        'source',
        'id',
        'entity_ref',
        'service_id',
        'title',
        'opened_at',
        'resolved_at',
        'severity',
        'url',
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      ({ server } = await startDoraTestBackend({
        knex,
        entities,
        config: {
          dora: {
            webhooks: { pagerduty: { secrets: [OLD_SECRET, NEW_SECRET] } },
          },
        },
        features: [doraModulePagerDuty, logger.factory],
      }));
    });
    beforeEach(() =>
      clearTables(knex, ['dora_incidents', 'dora_webhook_deliveries']),
    );

    it('stores a signed incident.triggered as an open incident of the entity named by pagerduty.com/service-id', async () => {
      const payload = at(triggered, 1, { createdMinutesAgo: 1 });
      const res = await signed(payload);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'accepted',
        deliveryId: '01DEN1HNLBC1VITK192ETKA4YD',
        accepted: 1,
      });
      const [row] = await storedIncidents();
      expect(row).toMatchObject({
        source: 'pagerduty',
        id: 'Q1W2E3R4T5Y6U7',
        entity_ref: ENTITY,
        service_id: 'PPAY123',
        title: 'Card authorization error rate above 5%',
        resolved_at: null,
        severity: 'P2',
        url: 'https://acme.pagerduty.com/incidents/Q1W2E3R4T5Y6U7',
      });
      expect(Number(row.opened_at)).toBe(
        Date.parse(payload.event.data.created_at),
      );
    });

    it('keeps an incident whose html_url is not a web link, without the link', async () => {
      const payload = at(triggered, 1);
      payload.event.data.html_url = 'data:text/html,hello';
      expect((await signed(payload)).status).toBe(200);
      const [row] = await storedIncidents();
      expect(row).toMatchObject({ id: 'Q1W2E3R4T5Y6U7', url: null });
    });

    it('refuses an unsigned delivery with 401 and writes nothing', async () => {
      const res = await deliver(at(triggered, 1));
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(0);
    });

    it('refuses a signed body that is a JSON array, not an object, with 400 and writes nothing', async () => {
      const res = await signed([at(triggered, 1)]);
      expect(res.status).toBe(400);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(0);
    });

    it('refuses a forged delivery (body changed after signing) with 401 and writes nothing', async () => {
      const payload = at(triggered, 1);
      const signature = signPagerDutyBody(JSON.stringify(payload), NEW_SECRET);
      payload.event.data.title = 'Forged title';
      const res = await deliver(payload, signature);
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('refuses a delivery signed with a secret that is not configured with 401', async () => {
      const res = await signed(at(triggered, 1), 'some-other-secret');
      expect(res.status).toBe(401);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('accepts any configured secret while rotating, and a header with several signatures', async () => {
      const first = at(triggered, 1, { eventId: 'EVT-OLD' });
      expect((await signed(first, OLD_SECRET)).status).toBe(200);

      // PagerDuty signs with every active secret: one unknown, one configured.
      const second = at(acknowledged, 1, { eventId: 'EVT-BOTH' });
      const body = JSON.stringify(second);
      const header = [
        signPagerDutyBody(body, 'retired-secret'),
        signPagerDutyBody(body, NEW_SECRET),
      ].join(',');
      expect((await deliver(second, header)).status).toBe(200);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(2);
    });

    it('refuses a stale delivery (event.occurred_at older than maxAge, default 1h) with 401', async () => {
      const res = await signed(at(triggered, 61));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/stale/i);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
    });

    it('refuses a replayed delivery (same event.id) with 401 and writes nothing new', async () => {
      const payload = at(triggered, 1);
      expect((await signed(payload)).status).toBe(200);
      const before = await storedIncidents();

      const replay = at(resolved, 1, { eventId: payload.event.id });
      const res = await signed(replay);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/replayed/);
      expect(await storedIncidents()).toEqual(before);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(1);
    });

    it('acknowledges event types it does not use with 2xx and writes nothing', async () => {
      const service = await signed(at(serviceUpdated, 1));
      const pinged = await signed(at(ping, 1));
      expect(service.status).toBe(202);
      expect(service.body).toEqual({
        status: 'ignored',
        reason: 'PagerDuty event type "service.updated" is not used',
      });
      expect(pinged.status).toBe(202);
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(0);
    });

    it('stores nothing new when the same content comes again under a new delivery id (idempotent upsert)', async () => {
      const payload = at(triggered, 1);
      expect((await signed(payload)).status).toBe(200);
      const before = await storedIncidents();
      const again = { ...payload, event: { ...payload.event, id: 'EVT-2' } };
      expect((await signed(again)).status).toBe(200);
      expect(await storedIncidents()).toEqual(before);
    });

    it('keeps a resolution when triggered or acknowledged arrive after resolved (out of order)', async () => {
      const resolvedLate = at(resolved, 5, { createdMinutesAgo: 40 });
      expect((await signed(resolvedLate)).status).toBe(200);
      expect(
        (await signed(at(triggered, 40, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      expect(
        (await signed(at(acknowledged, 30, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      const [row] = await storedIncidents();
      expect(Number(row.resolved_at)).toBe(
        Date.parse(resolvedLate.event.occurred_at),
      );
    });

    it('reopens an incident when incident.reopened happened after its resolution', async () => {
      expect(
        (await signed(at(resolved, 20, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      expect(
        (await signed(at(reopened, 10, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      const [row] = await storedIncidents();
      expect(row.resolved_at).toBeNull();
    });

    it('answers 400 with details and writes nothing when no catalog entity has the service id', async () => {
      const payload = at(triggered, 1);
      payload.event.data.service.id = 'PUNKNOWN';
      const res = await signed(payload);
      expect(res.status).toBe(400);
      expect(res.body.details[0].message).toContain(
        'pagerduty.com/service-id: PUNKNOWN',
      );
      expect(await countRows(knex, 'dora_incidents')).toBe(0);
      expect(await countRows(knex, 'dora_webhook_deliveries')).toBe(0);
    });

    it('shows a triggered then resolved incident in time to restore', async () => {
      expect(
        (await signed(at(triggered, 40, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      expect(
        (await signed(at(resolved, 10, { createdMinutesAgo: 40 }))).status,
      ).toBe(200);
      const res = await request(server)
        .get('/api/dora/v1/metrics')
        .set('Authorization', mockCredentials.user.header())
        .query({
          entityRef: ENTITY,
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 3_600_000).toISOString(),
        });
      expect(res.status).toBe(200);
      expect(res.body.timeToRestore).toMatchObject({
        source: 'incidents',
        sampleSize: 1,
        median: 30 * 60,
        open: 0,
      });
    });

    it('logs every refusal without the secrets', async () => {
      await signed(at(triggered, 1), 'wrong-secret');
      await deliver(at(triggered, 1));
      const logged = JSON.stringify([
        logger.warn.mock.calls,
        logger.info.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Refused pagerduty webhook delivery'),
      );
      expect(logged).not.toContain(OLD_SECRET);
      expect(logged).not.toContain(NEW_SECRET);
    });
  },
);
