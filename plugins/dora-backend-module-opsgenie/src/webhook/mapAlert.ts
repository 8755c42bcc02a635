import { opsgenieMillis, toIso } from './instants';
import { OpsgenieWebhookPayload } from './opsgenieTypes';

export const OPSGENIE_SOURCE = 'opsgenie';

/** The alert actions that open and close an incident. */
export const INCIDENT_ACTIONS = ['Create', 'Close'] as const;

/**
 * When the action happened: a close is the alert's last update, a create its
 * creation (Opsgenie sends no separate time of the action).
 */
export function actionTime(
  payload: OpsgenieWebhookPayload,
): number | undefined {
  const alert = payload.alert ?? {};
  return payload.action === 'Close'
    ? (opsgenieMillis(alert.updatedAt) ?? opsgenieMillis(alert.createdAt))
    : opsgenieMillis(alert.createdAt);
}

/** One alert action as an ingest incident; `observedAt` orders late deliveries. */
export function mapAlertEvent(
  payload: OpsgenieWebhookPayload,
  entityRef: string,
) {
  const alert = payload.alert ?? {};
  const at = toIso(actionTime(payload));
  return {
    kind: 'incident',
    source: OPSGENIE_SOURCE,
    id: alert.alertId,
    entityRef,
    title: alert.message ?? null,
    openedAt: toIso(opsgenieMillis(alert.createdAt)),
    resolvedAt: payload.action === 'Close' ? at : null,
    severity: alert.priority ?? null,
    observedAt: at,
  };
}
