import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { isStorableText } from '@dora-metrics/plugin-dora-common';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
} from '@dora-metrics/plugin-dora-node';
import { WebhookDeliveryStore } from '../database/WebhookDeliveryStore';
import { IngestService } from '../service/IngestService';
import { writeDeliveryEvents } from './writeDelivery';

export interface WebhookServiceOptions {
  handlers: DoraWebhookHandler[];
  ingest: IngestService;
  deliveries: WebhookDeliveryStore;
  auth: AuthService;
  logger: LoggerService;
  deliveryRetentionMs: number;
}

/** What the webhook route answers for a delivery it did not refuse. */
export type WebhookOutcome =
  | { status: 'accepted'; deliveryId: string; accepted: number }
  | { status: 'ignored'; reason: string };

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** The length of the deliveries table's id column. */
const MAX_DELIVERY_ID = 255;

/** When the provider saw each event's state (ms), if the handler said (`observedAt`). */
function observedTimes(events: unknown[]): (number | undefined)[] {
  return events.map(event => {
    const observedAt = (event as { observedAt?: unknown } | null)?.observedAt;
    const ms = typeof observedAt === 'string' ? Date.parse(observedAt) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  });
}

/**
 * Receives webhook deliveries: the provider's handler verifies and maps
 * them; then the same validation and entity resolution as `POST /v1/events`;
 * then the delivery id and the events are written together, once.
 */
export class WebhookService {
  private readonly handlers = new Map<string, DoraWebhookHandler>();
  private lastPruneAt = 0;

  constructor(private readonly options: WebhookServiceOptions) {
    for (const handler of options.handlers) {
      if (this.handlers.has(handler.source)) {
        throw new Error(
          `Two DORA webhook handlers for the source "${handler.source}"`,
        );
      }
      this.handlers.set(handler.source, handler);
    }
  }

  /** The source, or a NotFoundError: checked before the body is read. */
  handlerFor(source: string): DoraWebhookHandler {
    const handler = this.handlers.get(source);
    if (!handler) {
      throw new NotFoundError(`No webhook receiver for "${source}"`);
    }
    return handler;
  }

  async receive(
    source: string,
    request: DoraWebhookRequest,
  ): Promise<WebhookOutcome> {
    const { ingest, deliveries, auth } = this.options;
    const result = await this.handlerFor(source).handle(request);
    if (result.outcome === 'ignored') {
      return { status: 'ignored', reason: result.reason };
    }
    const { deliveryId } = result;
    if (typeof deliveryId !== 'string' || deliveryId.length === 0) {
      throw new Error(`The ${source} webhook handler gave no delivery id`);
    }
    // The id comes from the provider's headers or body: refused, not stored,
    // when the deliveries table could not hold it.
    if (deliveryId.length > MAX_DELIVERY_ID || !isStorableText(deliveryId)) {
      throw new InputError(
        `The delivery id must be at most ${MAX_DELIVERY_ID} characters, without NUL characters or unpaired UTF-16 surrogates`,
      );
    }
    if (await deliveries.hasDelivery(source, deliveryId)) {
      throw replayed(deliveryId);
    }
    // Validation and entity resolution as for POST /v1/events (400 on failure).
    const events = await ingest.resolve(
      { events: result.events },
      await auth.getOwnServiceCredentials(),
    );
    const observed = observedTimes(result.events);
    const recorded = await deliveries.recordDelivery(
      { source, deliveryId, receivedAt: request.receivedAt },
      store => writeDeliveryEvents(store, events, observed),
    );
    if (recorded === 'replayed') {
      throw replayed(deliveryId);
    }
    ingest.written();
    await this.pruneNowAndThen(request.receivedAt);
    return { status: 'accepted', deliveryId, accepted: events.length };
  }

  /** Old delivery ids go at most once an hour: one indexed delete. */
  private async pruneNowAndThen(now: number): Promise<void> {
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    try {
      const pruned = await this.options.deliveries.pruneDeliveries(
        now - this.options.deliveryRetentionMs,
      );
      if (pruned > 0) {
        this.options.logger.info(`Pruned ${pruned} old webhook delivery ids`);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not prune webhook delivery ids: ${(error as Error).message}`,
      );
    }
  }
}

function replayed(deliveryId: string): AuthenticationError {
  return new AuthenticationError(
    `Delivery ${deliveryId} was already received (replayed)`,
  );
}
