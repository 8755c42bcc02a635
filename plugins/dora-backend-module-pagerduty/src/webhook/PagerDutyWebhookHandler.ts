import { InputError } from '@backstage/errors';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
  parseJsonBody,
  refuseStale,
  requireVerifiedHeader,
} from '@dora-metrics/plugin-dora-node';
import { PagerDutyWebhookConfig } from './config';
import {
  INCIDENT_EVENT_TYPES,
  PAGERDUTY_SOURCE,
  mapIncidentEvent,
} from './mapIncident';
import { PagerDutyWebhookPayload } from './pagerDutyTypes';
import { hasValidSignature } from './signatures';

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
    requireVerifiedHeader(
      request,
      'X-PagerDuty-Signature',
      header => hasValidSignature(header, request.rawBody, this.config.secrets),
      'matches none of the configured secrets',
    );

    const payload = parseJsonBody<PagerDutyWebhookPayload>(request.rawBody);
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
    refuseStale({
      at: occurredAt ? Date.parse(occurredAt) : undefined,
      receivedAt,
      maxAgeMs: this.config.maxAgeMs,
      unknownAge:
        'The delivery has no event.occurred_at, so its age is unknown',
      tooOld: () =>
        `Stale delivery: event.occurred_at ${occurredAt} is older than the allowed age`,
      inFuture: () =>
        `Stale delivery: event.occurred_at ${occurredAt} is in the future`,
    });
  }
}
