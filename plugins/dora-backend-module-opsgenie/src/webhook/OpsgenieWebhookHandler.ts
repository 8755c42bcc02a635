import { LoggerService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
} from '@dora-metrics/plugin-dora-node';
import { INTEGRATION_KEY_HEADER, OpsgenieWebhookConfig } from './config';
import { EntityResolver } from './EntityResolver';
import { isConfiguredKey } from './integrationKeys';
import {
  INCIDENT_ACTIONS,
  OPSGENIE_SOURCE,
  actionTime,
  mapAlertEvent,
} from './mapAlert';
import { OpsgenieWebhookPayload } from './opsgenieTypes';

/** Clocks differ a little: a delivery this far in the future is still fresh. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Opsgenie outgoing webhooks (`POST /api/dora/v1/webhooks/opsgenie`).
 * Opsgenie does not sign deliveries, so the integration sends a configured
 * key in the `X-Dora-Opsgenie-Key` header. Alert `Create` and `Close` become
 * incidents; other actions are acknowledged and ignored. Opsgenie sends no
 * delivery id: the alert id, action and action time stand for one.
 */
export class OpsgenieWebhookHandler implements DoraWebhookHandler {
  readonly source = OPSGENIE_SOURCE;

  constructor(
    private readonly config: OpsgenieWebhookConfig,
    private readonly entities: EntityResolver,
    private readonly logger: LoggerService,
  ) {}

  async handle(request: DoraWebhookRequest): Promise<DoraWebhookResult> {
    const key = request.headers[INTEGRATION_KEY_HEADER];
    if (!key) {
      throw new AuthenticationError('No X-Dora-Opsgenie-Key header');
    }
    if (!isConfiguredKey(key, this.config.integrationKeys)) {
      throw new AuthenticationError(
        'X-Dora-Opsgenie-Key is none of the configured integration keys',
      );
    }

    const payload = parsePayload(request.rawBody);
    const at = actionTime(payload);
    this.refuseStale(at, request.receivedAt);
    const action = payload.action ?? '';
    if (!(INCIDENT_ACTIONS as readonly string[]).includes(action)) {
      return {
        outcome: 'ignored',
        reason: `Opsgenie alert action "${action}" is not used`,
      };
    }
    const alertId = payload.alert?.alertId;
    if (!alertId) {
      throw new InputError('The delivery has no alert.alertId');
    }

    const resolution = await this.entities.resolve(payload);
    if (resolution.entityRef === undefined) {
      this.logger.warn(
        `Opsgenie alert ${alertId} (${action}) ignored: ${resolution.reason}`,
      );
      return { outcome: 'ignored', reason: resolution.reason };
    }
    return {
      outcome: 'events',
      deliveryId: `${alertId}:${action}:${at}`,
      events: [mapAlertEvent(payload, resolution.entityRef)],
    };
  }

  private refuseStale(at: number | undefined, receivedAt: number) {
    if (at === undefined) {
      throw new AuthenticationError(
        'The delivery has no alert.createdAt / updatedAt, so its age is unknown',
      );
    }
    if (receivedAt - at > this.config.maxAgeMs) {
      throw new AuthenticationError(
        `Stale delivery: the alert action happened at ${new Date(at).toISOString()}, longer ago than the allowed age`,
      );
    }
    if (at - receivedAt > CLOCK_SKEW_MS) {
      throw new AuthenticationError(
        `Stale delivery: the alert action time ${new Date(at).toISOString()} is in the future`,
      );
    }
  }
}

function parsePayload(rawBody: Buffer): OpsgenieWebhookPayload {
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
