import { Knex } from 'knex';
import { DoraStore } from './DoraStore';
import { KnexDoraStore } from './KnexDoraStore';
import { RetryOptions, retryTransaction } from './retry';
import { WebhookDelivery, WebhookDeliveryStore } from './WebhookDeliveryStore';

const TABLE = 'dora_webhook_deliveries';

export class KnexWebhookDeliveryStore implements WebhookDeliveryStore {
  constructor(
    private readonly db: Knex,
    private readonly retry: RetryOptions = {},
  ) {}

  async hasDelivery(source: string, deliveryId: string): Promise<boolean> {
    const row = await this.db(TABLE)
      .select('delivery_id')
      .where({ source, delivery_id: deliveryId })
      .first();
    return row !== undefined;
  }

  async recordDelivery(
    delivery: WebhookDelivery,
    write: (store: DoraStore) => Promise<void>,
  ): Promise<'recorded' | 'replayed'> {
    return retryTransaction(() => this.record(delivery, write), this.retry);
  }

  private async record(
    delivery: WebhookDelivery,
    write: (store: DoraStore) => Promise<void>,
  ): Promise<'recorded' | 'replayed'> {
    return this.db.transaction(async tx => {
      // The primary key decides between concurrent deliveries of one id.
      const inserted = await tx(TABLE)
        .insert({
          source: delivery.source,
          delivery_id: delivery.deliveryId,
          received_at: delivery.receivedAt,
        })
        .onConflict(['source', 'delivery_id'])
        .ignore()
        .returning('delivery_id');
      if (inserted.length === 0) {
        return 'replayed';
      }
      // The event store joins this transaction (a savepoint), so a failed
      // write also forgets the delivery id and the provider may retry.
      await write(new KnexDoraStore(tx));
      return 'recorded';
    });
  }

  async pruneDeliveries(receivedBefore: number): Promise<number> {
    return this.db(TABLE).where('received_at', '<', receivedBefore).delete();
  }
}
