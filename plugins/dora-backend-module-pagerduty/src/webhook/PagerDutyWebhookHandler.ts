import { AuthenticationError, InputError } from '@backstage/errors';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
} from '@dora-metrics/plugin-dora-node';
import { PagerDutyWebhookConfig } from './config';
import {
  INCIDENT_EVENT_TYPES,
  PAGERDUTY_SOURCE,
  mapIncidentEvent,
} from './mapIncident';
import { PagerDutyWebhookPayload } from './pagerDutyTypes';
import { hasValidSignature } from './signatures';

/** Clocks differ a little: a delivery this far in the future is still fresh. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * PagerDuty v3 webhooks (`POST /api/dora/v1/webhooks/pagerduty`): verified by
 * `X-PagerDuty-Signature`, refused when `event.occurred_at` is older than
 * `maxAge`; incident triggered / acknowledged / reopened / resolved become
 * incidents, everything else is acknowledged and ignored. The delivery id is
 * `event.id`, which the signature covers.
 */
export class PagerDutyWebhookHandler implements DoraWebhookHandler {
  readonly source = PAGERDUTY_SOURCE;

  constructor(private readonly config: PagerDutyWebhookConfig) {}

  async handle(request: DoraWebhookRequest): Promise<DoraWebhookResult> {
    const header = request.headers['x-pagerduty-signature'];
    if (!header) {
      throw new AuthenticationError('No X-PagerDuty-Signature header');
    }
    if (!hasValidSignature(header, request.rawBody, this.config.secrets)) {
      throw new AuthenticationError(
        'X-PagerDuty-Signature matches none of the configured secrets',
      );
    }

    const payload = parsePayload(request.rawBody);
    const event = payload.event ?? {};
    this.refuseStale(event.occurred_at, request.receivedAt);
    if (!event.id) {
      throw new InputError('The delivery has no event.id');
    }

    const type = event.event_type ?? '';
    if (!(INCIDENT_EVENT_TYPES as readonly string[]).includes(type)) {
      return {
        outcome: 'ignored',
        deliveryId: event.id,
        reason: `PagerDuty event type "${type}" is not used`,
      };
    }
    return {
      outcome: 'events',
      deliveryId: event.id,
      events: [mapIncidentEvent(payload)],
    };
  }

  private refuseStale(occurredAt: string | undefined, receivedAt: number) {
    const at = occurredAt ? Date.parse(occurredAt) : NaN;
    if (Number.isNaN(at)) {
      throw new AuthenticationError(
        'The delivery has no event.occurred_at, so its age is unknown',
      );
    }
    if (receivedAt - at > this.config.maxAgeMs) {
      throw new AuthenticationError(
        `Stale delivery: event.occurred_at ${occurredAt} is older than the allowed age`,
      );
    }
    if (at - receivedAt > CLOCK_SKEW_MS) {
      throw new AuthenticationError(
        `Stale delivery: event.occurred_at ${occurredAt} is in the future`,
      );
    }
  }
}

function parsePayload(rawBody: Buffer): PagerDutyWebhookPayload {
  try {
    const payload = JSON.parse(rawBody.toString('utf8'));
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
      return payload;
    }
  } catch {
    // reported below
  }
  throw new InputError('The delivery body is not a JSON object');
}
