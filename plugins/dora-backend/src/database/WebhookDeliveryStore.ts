import { DoraStore } from './DoraStore';

/** One received webhook delivery, as remembered for replay protection. */
export interface WebhookDelivery {
  source: string;
  deliveryId: string;
  /** ms since the epoch */
  receivedAt: number;
}

/** Remembers webhook deliveries so that a replayed one writes nothing. */
export interface WebhookDeliveryStore {
  /** Whether the delivery id was recorded before (a cheap early check). */
  hasDelivery(source: string, deliveryId: string): Promise<boolean>;
  /**
   * Records the delivery and runs `write` against an event store in the same
   * transaction: both happen or neither. Returns `replayed`, having run
   * nothing, when the id was already recorded (also by a concurrent request).
   */
  recordDelivery(
    delivery: WebhookDelivery,
    write: (store: DoraStore) => Promise<void>,
  ): Promise<'recorded' | 'replayed'>;
  /** Forgets deliveries received before the instant; returns how many. */
  pruneDeliveries(receivedBefore: number): Promise<number>;
}
