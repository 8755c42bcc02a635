import { ResolvedEvent } from '../database/DoraStore';

type Incident = Extract<ResolvedEvent, { kind: 'incident' }>;

/** An incident from a webhook, and when the provider saw that state (ms), if it said. */
export interface ObservedIncident {
  event: Incident;
  observedAt?: number;
}

const millis = (iso: string | null | undefined) =>
  iso ? Date.parse(iso) : undefined;

/**
 * Providers deliver out of order (PagerDuty may send `triggered` after
 * `resolved`) and the store replaces a row whole, so a late delivery must not
 * undo a later state. Against the stored incident:
 * - an open delivery reopens a resolved incident only when it was observed
 *   after that resolution (a real reopen); otherwise the resolution stays;
 * - of two resolutions the later one stays.
 */
export function keepLatestResolution(
  incoming: ObservedIncident,
  stored: Incident | undefined,
): Incident {
  const { event, observedAt } = incoming;
  const storedResolvedAt = millis(stored?.resolvedAt);
  if (!stored || storedResolvedAt === undefined) {
    return event;
  }
  const resolvedAt = millis(event.resolvedAt);
  if (resolvedAt === undefined) {
    const reopenedLater =
      observedAt !== undefined && observedAt > storedResolvedAt;
    return reopenedLater ? event : { ...event, resolvedAt: stored.resolvedAt };
  }
  return resolvedAt >= storedResolvedAt
    ? event
    : { ...event, resolvedAt: stored.resolvedAt };
}
