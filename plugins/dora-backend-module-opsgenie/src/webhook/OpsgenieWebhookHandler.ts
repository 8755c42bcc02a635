import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DoraWebhookHandler,
  DoraWebhookRequest,
  DoraWebhookResult,
  isOneOfSecrets,
  parseJsonBody,
  refuseStale,
  requireVerifiedHeader,
} from '@dora-metrics/plugin-dora-node';
import { OpsgenieWebhookConfig } from './config';
import { EntityResolver } from './EntityResolver';
import {
  INCIDENT_ACTIONS,
  OPSGENIE_SOURCE,
  actionTime,
  mapAlertEvent,
} from './mapAlert';
import { OpsgenieWebhookPayload } from './opsgenieTypes';

/** INTEGRATION_KEY_HEADER as the README spells it, for the refusals. */
const KEY_HEADER = 'X-Dora-Opsgenie-Key';

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
    requireVerifiedHeader(
      request,
      KEY_HEADER,
      key => isOneOfSecrets(key, this.config.integrationKeys),
      'is none of the configured integration keys',
    );

    const payload = parseJsonBody<OpsgenieWebhookPayload>(request.rawBody);
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
    refuseStale({
      at,
      receivedAt,
      maxAgeMs: this.config.maxAgeMs,
      unknownAge:
        'The delivery has no alert.createdAt / updatedAt, so its age is unknown',
      tooOld: time =>
        `Stale delivery: the alert action happened at ${new Date(time).toISOString()}, longer ago than the allowed age`,
      inFuture: time =>
        `Stale delivery: the alert action time ${new Date(time).toISOString()} is in the future`,
    });
  }
}
