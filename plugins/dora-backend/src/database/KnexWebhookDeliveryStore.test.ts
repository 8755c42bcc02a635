import { Knex } from 'knex';
import { incident } from '../__testUtils__/events';
import { doraTestDatabases } from '../testUtils';
import { KnexWebhookDeliveryStore } from './KnexWebhookDeliveryStore';
import { migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const delivery = (deliveryId: string, receivedAt = 1_000) => ({
  source: 'pagerduty',
  deliveryId,
  receivedAt,
});
const open = incident('i1', '2024-05-02T10:00:00Z', null);

describe.each(databases.eachSupportedId())(
  'KnexWebhookDeliveryStore on %s',
  databaseId => {
    let knex: Knex;
    let deliveries: KnexWebhookDeliveryStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      deliveries = new KnexWebhookDeliveryStore(knex);
    });
    beforeEach(async () => {
      await knex('dora_webhook_deliveries').delete();
      await knex('dora_incidents').delete();
    });

    it('runs the delivery migration down and up again (reversible)', async () => {
      await migrateDownAll(knex);
      expect(await knex.schema.hasTable('dora_webhook_deliveries')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_webhook_deliveries')).toBe(true);
    });

    it('records a delivery and writes its events in one go', async () => {
      const outcome = await deliveries.recordDelivery(delivery('d1'), store =>
        store.upsertEvents([open]),
      );
      expect(outcome).toBe('recorded');
      expect(await deliveries.hasDelivery('pagerduty', 'd1')).toBe(true);
      expect(await deliveries.hasDelivery('opsgenie', 'd1')).toBe(false);
      const [{ n }] = await knex('dora_incidents').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('answers replayed for a known delivery id and does not run the write', async () => {
      await deliveries.recordDelivery(delivery('d1'), async () => {});
      const write = jest.fn();
      expect(await deliveries.recordDelivery(delivery('d1'), write)).toBe(
        'replayed',
      );
      expect(write).not.toHaveBeenCalled();
    });

    it('forgets the delivery id when the write fails (no half-writes; the provider may retry)', async () => {
      await expect(
        deliveries.recordDelivery(delivery('d1'), async store => {
          await store.upsertEvents([open]);
          throw new Error('write failed');
        }),
      ).rejects.toThrow('write failed');
      expect(await deliveries.hasDelivery('pagerduty', 'd1')).toBe(false);
      const [{ n }] = await knex('dora_incidents').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('lets only one of two concurrent deliveries with one id write', async () => {
      const write = jest.fn(async () => {});
      const outcomes = await Promise.all([
        deliveries.recordDelivery(delivery('d1'), write),
        deliveries.recordDelivery(delivery('d1'), write),
      ]);
      expect(outcomes.sort()).toEqual(['recorded', 'replayed']);
      expect(write).toHaveBeenCalledTimes(1);
    });

    it('prunes delivery ids received before the given instant', async () => {
      await deliveries.recordDelivery(delivery('old', 1_000), async () => {});
      await deliveries.recordDelivery(delivery('new', 5_000), async () => {});
      expect(await deliveries.pruneDeliveries(2_000)).toBe(1);
      expect(await deliveries.hasDelivery('pagerduty', 'old')).toBe(false);
      expect(await deliveries.hasDelivery('pagerduty', 'new')).toBe(true);
    });
  },
);
