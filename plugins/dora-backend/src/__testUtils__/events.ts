import { ResolvedEvent } from '../database/DoraStore';

/** Small builders of stored events for tests; each names only what the test is about. */
export const ENTITY = 'component:default/payments-api';

export function deployment(
  id: string,
  finishedAt: string,
  more: Partial<Extract<ResolvedEvent, { kind: 'deployment' }>> = {},
): ResolvedEvent {
  return {
    kind: 'deployment',
    source: 'ci',
    id,
    entityRef: ENTITY,
    environment: 'production',
    status: 'success',
    finishedAt,
    ...more,
  };
}

export function change(
  id: string,
  mergedAt: string | null,
  more: Partial<Extract<ResolvedEvent, { kind: 'change' }>> = {},
): ResolvedEvent {
  return {
    kind: 'change',
    source: 'github',
    id,
    entityRef: ENTITY,
    firstCommitAt: mergedAt,
    mergedAt,
    ...more,
  };
}

export function incident(
  id: string,
  openedAt: string,
  resolvedAt: string | null,
  more: Partial<Extract<ResolvedEvent, { kind: 'incident' }>> = {},
): ResolvedEvent {
  return {
    kind: 'incident',
    source: 'pagerduty',
    id,
    entityRef: ENTITY,
    openedAt,
    resolvedAt,
    ...more,
  };
}
