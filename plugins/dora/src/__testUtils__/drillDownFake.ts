/*
 * A fake of `GET /v1/events` with the drill-down's filters, order and totals,
 * over the fixtures' explained events. It follows the contract in
 * `@dora-metrics/plugin-dora-common` (api/events.ts) so the dialog can be
 * tested before and apart from the backend.
 */
import { DrillDownTotals } from '@dora-metrics/plugin-dora-common';
import { DoraEventItem, DoraEventsPage, EventsQuery } from '../api/types';
import { createFakeDoraApi, explainedItems, TEAM_MEMBERS } from './fixtures';

/** The event's time the list sorts by. */
function timeOf(item: DoraEventItem): number {
  const { event } = item;
  if (event.kind === 'deployment') return Date.parse(event.finishedAt);
  if (event.kind === 'change') return Date.parse(event.mergedAt ?? '');
  return Date.parse(event.openedAt);
}

function isCounted(item: DoraEventItem): boolean {
  if (item.event.kind === 'deployment') {
    return (item.counting as { status: string }).status === 'counted';
  }
  if (item.event.kind === 'change') {
    return (
      (item.counting as { leadTimeSeconds: number | null }).leadTimeSeconds !==
      null
    );
  }
  return (item.counting as { resolvedInWindow: boolean }).resolvedInWindow;
}

/** A failed change: failed and in the change failure rate's total. */
function isFailed(item: DoraEventItem): boolean {
  if (item.event.kind !== 'deployment') return false;
  const counting = item.counting as {
    failed: boolean;
    inChangeFailureRate: boolean;
  };
  return counting.failed && counting.inChangeFailureRate;
}

/**
 * Links to the tools: pull requests and incidents always, production
 * deployments only (staging ones carry none), so rows with and without a
 * link can be told apart.
 */
export function urlOf(item: DoraEventItem): string | undefined {
  const { event } = item;
  if (event.kind === 'change') {
    return `https://github.com/${event.repository}/pull/${event.number}`;
  }
  if (event.kind === 'incident') {
    return `https://acme.pagerduty.com/incidents/${event.id}`;
  }
  return event.environment === 'production'
    ? `https://github.com/acme/runs/${event.id}`
    : undefined;
}

function tally(items: DoraEventItem[], deployments: boolean) {
  return {
    events: items.length,
    counted: items.filter(isCounted).length,
    failed: deployments ? items.filter(isFailed).length : null,
  };
}

const byName =
  <T>(name: (t: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b), 'en-US');

function totalsOf(
  items: DoraEventItem[],
  kind: string,
  entityRefs: string[],
): DrillDownTotals {
  const deployments = kind === 'deployment';
  const byEnvironment = new Map<string, DoraEventItem[]>();
  // Every entity in scope, with zeros when it has no events of the kind.
  const byEntity = new Map<string, DoraEventItem[]>(
    entityRefs.map(ref => [ref, []]),
  );
  for (const item of items) {
    if (item.event.kind === 'deployment') {
      const env = item.event.environment;
      byEnvironment.set(env, [...(byEnvironment.get(env) ?? []), item]);
    }
    const ref = item.event.entityRef;
    byEntity.set(ref, [...(byEntity.get(ref) ?? []), item]);
  }
  const { events, counted, failed } = tally(items, deployments);
  return {
    events,
    counted,
    failed,
    inChangeFailureRate: deployments
      ? items.filter(
          i =>
            (i.counting as { inChangeFailureRate: boolean })
              .inChangeFailureRate,
        ).length
      : null,
    environments: [...byEnvironment]
      .map(([environment, list]) => {
        const t = tally(list, true);
        return { environment, events: t.events, counted: t.counted };
      })
      .sort(byName(e => e.environment)),
    entities: [...byEntity]
      .map(([entityRef, list]) => ({
        entityRef,
        ...tally(list, deployments),
      }))
      .sort(byName(e => e.entityRef)),
  };
}

/** One page of the drill-down, filtered, ordered and totalled. */
export function drillDownPage(query: EventsQuery): DoraEventsPage {
  const listed = explainedItems(query)
    .map(
      item =>
        ({
          ...item,
          event: { ...item.event, url: urlOf(item) },
        }) as DoraEventItem,
    )
    .sort((a, b) =>
      query.order === 'newest' ? timeOf(b) - timeOf(a) : timeOf(a) - timeOf(b),
    );
  const ids = query.ids ? new Set(query.ids) : undefined;
  const matching = listed.filter(
    item =>
      (query.show !== 'counted' || isCounted(item)) &&
      (query.show !== 'failed' || isFailed(item)) &&
      (!query.environment ||
        (item.event.kind === 'deployment' &&
          item.event.environment === query.environment)) &&
      (!query.service || item.event.entityRef === query.service) &&
      (!ids || ids.has(item.event.id)),
  );
  const start = query.cursor ? Number(query.cursor) : 0;
  const limit = query.limit ?? 100;
  return {
    items: matching.slice(start, start + limit),
    nextCursor: start + limit < matching.length ? String(start + limit) : null,
    totals: query.kind
      ? totalsOf(
          listed,
          query.kind,
          query.groupRef
            ? (TEAM_MEMBERS[query.groupRef] ?? [])
            : [query.entityRef!],
        )
      : undefined,
    matching: matching.length,
  };
}

/** The fake DoraApi with a drill-down that filters, orders and totals. */
export function createDrillDownApi() {
  return createFakeDoraApi({ getEvents: async query => drillDownPage(query) });
}
