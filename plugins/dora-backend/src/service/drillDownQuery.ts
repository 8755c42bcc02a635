import { InputError } from '@backstage/errors';
import {
  ChangeCounting,
  DeploymentCounting,
  DoraEventKind,
  EventsQueryParams,
  ExplainedEvent,
  IncidentCounting,
  MAX_EVENTS_IDS,
  Window,
  eventKinds,
  inWindow,
} from '@dora-metrics/plugin-dora-common';
import { FactFilter, FactOrder, StoredFact } from '../database/FactStore';

/** The drill-down's query checked: its kind, order and filters. */
export interface DrillDownQuery {
  kind?: DoraEventKind;
  order: FactOrder;
  /** Present with `kind` only. */
  filter?: FactFilter;
  /** An entity of the team, as asked for. */
  service?: string;
}

/** The filters that only make sense for one kind. */
const KIND_FILTERS = ['show', 'environment', 'service', 'ids'] as const;

function parseIds(ids: string): string[] {
  const list = [...new Set(ids.split(',').map(id => id.trim()))].filter(
    id => id.length > 0,
  );
  if (list.length === 0) {
    throw new InputError('ids must name at least one event id');
  }
  if (list.length > MAX_EVENTS_IDS) {
    throw new InputError(`ids must name at most ${MAX_EVENTS_IDS} event ids`);
  }
  return list;
}

export function parseDrillDownQuery(
  query: Omit<EventsQueryParams, 'from' | 'to' | 'timezone' | 'bucket'>,
): DrillDownQuery {
  const kind = query.kind as DoraEventKind | undefined;
  if (kind !== undefined && !eventKinds.includes(kind)) {
    throw new InputError(`kind must be one of ${eventKinds.join(', ')}`);
  }
  const order = query.order ?? 'oldest';
  if (kind === undefined) {
    const given = KIND_FILTERS.filter(name => query[name] !== undefined);
    if (given.length > 0) {
      throw new InputError(
        `${given.join(', ')} ${given.length === 1 ? 'needs' : 'need'} kind (one of ${eventKinds.join(', ')})`,
      );
    }
    return { order };
  }
  const show = query.show ?? 'all';
  if (show === 'failed' && kind !== 'deployment') {
    throw new InputError('show=failed applies to deployments');
  }
  if (query.environment !== undefined && kind !== 'deployment') {
    throw new InputError('environment applies to deployments');
  }
  if (query.service !== undefined && query.groupRef === undefined) {
    throw new InputError('service needs groupRef (an entity of the team)');
  }
  return {
    kind,
    order,
    filter: {
      show,
      environment: query.environment,
      ids: query.ids === undefined ? undefined : parseIds(query.ids),
    },
    service: query.service,
  };
}

/** How a listed row stands in its kind's numbers. */
export interface RowStanding {
  /** Deployment frequency, lead time or time to restore counted it. */
  counted: boolean;
  /** Deployments: a failed change of the change failure rate. */
  failed: boolean;
  /** Deployments: part of the change failure rate's total. */
  inChangeFailureRate: boolean;
}

/**
 * The same rules as the metrics (analyzeFacts) and the SQL filters
 * (factFilters), read from a row's counting.
 */
export function standingOf(
  listed: StoredFact,
  counting: ExplainedEvent['counting'],
  window: Window,
): RowStanding {
  if (listed.kind === 'deployment') {
    const c = counting as DeploymentCounting;
    return {
      counted: c.status === 'counted',
      failed: c.failed && c.inChangeFailureRate,
      inChangeFailureRate: c.inChangeFailureRate,
    };
  }
  if (listed.kind === 'change') {
    const c = counting as ChangeCounting;
    return {
      counted:
        inWindow(window, listed.fact.shippedBy?.at ?? null) &&
        c.leadTimeSeconds !== null &&
        c.excluded === null,
      failed: false,
      inChangeFailureRate: false,
    };
  }
  return {
    counted: (counting as IncidentCounting).resolvedInWindow,
    failed: false,
    inChangeFailureRate: false,
  };
}

/** Whether a listed row passes a drill-down filter. */
export function matchesFilter(
  listed: StoredFact,
  standing: RowStanding,
  filter: FactFilter,
): boolean {
  if (
    filter.environment !== undefined &&
    (listed.kind !== 'deployment' ||
      listed.fact.environment !== filter.environment)
  ) {
    return false;
  }
  if (filter.ids !== undefined && !filter.ids.includes(listed.fact.id)) {
    return false;
  }
  if (filter.show === 'counted') return standing.counted;
  if (filter.show === 'failed') return standing.failed;
  return true;
}
