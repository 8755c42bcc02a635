import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** One webhook delivery as received, before anything is read from it. */
export interface DoraWebhookRequest {
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body exactly as sent: signatures are computed over these bytes. */
  rawBody: Buffer;
  /** When the backend received the delivery (ms since the epoch). */
  receivedAt: number;
}

/** What a verified delivery means for the event store. */
export type DoraWebhookResult =
  | {
      outcome: 'events';
      /** The provider's id of this delivery: a second delivery with the same id is a replay. */
      deliveryId: string;
      /** Events in the shape of `POST /v1/events`, written through the same ingest path. */
      events: unknown[];
    }
  | {
      /** A verified delivery of an event type the plugin does not use: acknowledged, nothing written. */
      outcome: 'ignored';
      deliveryId?: string;
      reason: string;
    };

/**
 * Turns deliveries of one provider (PagerDuty, Opsgenie, GitHub...) into
 * events. The backend serves it at `POST /api/dora/v1/webhooks/<source>`.
 *
 * `handle` verifies the delivery before reading it, and throws
 * `AuthenticationError` (from `@backstage/errors`) when it is unsigned, forged
 * or stale; the backend answers 401 and writes nothing. It never logs secrets.
 */
export interface DoraWebhookHandler {
  /** The URL segment, e.g. `pagerduty`. */
  readonly source: string;
  handle(request: DoraWebhookRequest): Promise<DoraWebhookResult>;
}

/** Lets backend modules add webhook receivers to the dora backend plugin. */
export interface DoraWebhooksExtensionPoint {
  addWebhookHandler(...handlers: DoraWebhookHandler[]): void;
}

export const doraWebhooksExtensionPoint =
  createExtensionPoint<DoraWebhooksExtensionPoint>({
    id: 'dora.webhooks',
  });
