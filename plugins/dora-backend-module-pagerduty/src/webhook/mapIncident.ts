import { PagerDutyWebhookPayload } from './pagerDutyTypes';

/** The incident event types that change what an incident means for DORA. */
export const INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.reopened',
  'incident.resolved',
] as const;

export const PAGERDUTY_SOURCE = 'pagerduty';

/** The longest link the dora backend accepts on an event. */
const MAX_URL_LENGTH = 2048;

/**
 * The incident's page, when it is a link the backend accepts (http or https,
 * at most 2,048 characters): anything else is dropped rather than making
 * the delivery refused.
 */
export function incidentLink(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : null;
  } catch {
    return null;
  }
}

/**
 * One PagerDuty incident event as an ingest event. The entity comes from
 * `serviceId` (annotation `pagerduty.com/service-id`). PagerDuty's incident
 * carries no resolution time, so a `resolved` event's `occurred_at` is it;
 * every other type leaves the incident open. `observedAt` lets the backend
 * keep a later state when deliveries arrive out of order.
 */
export function mapIncidentEvent(payload: PagerDutyWebhookPayload) {
  const event = payload.event ?? {};
  const incident = event.data ?? {};
  const resolved = event.event_type === 'incident.resolved';
  return {
    kind: 'incident',
    source: PAGERDUTY_SOURCE,
    id: incident.id,
    serviceId: incident.service?.id,
    title: incident.title ?? null,
    openedAt: incident.created_at,
    resolvedAt: resolved ? event.occurred_at : null,
    severity: incident.priority?.summary ?? incident.urgency ?? null,
    url: incidentLink(incident.html_url),
    observedAt: event.occurred_at,
  };
}
