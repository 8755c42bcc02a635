import {
  DoraEventKind,
  EVENTS_ORDERS,
  EVENTS_SHOWS,
  EventsOrder,
  EventsShow,
  MAX_EVENTS_IDS,
} from '@dora-metrics/plugin-dora-common';

/** Which list the drill-down dialog shows: the kind, its filters and order. */
export interface DrillDownView {
  kind: DoraEventKind;
  show: EventsShow;
  order: EventsOrder;
  /** Deployments only. */
  environment?: string;
  /** An entity of the team (team tabs only). */
  service?: string;
  /** The events picked by following a link from another list. */
  ids?: string[];
}

/** The search params the open drill-down lives in; the page's others are kept. */
export const DRILL_DOWN_PARAMS = [
  'events',
  'show',
  'env',
  'service',
  'order',
  'ids',
] as const;

/** The list opens newest first; `order=oldest` in the URL says otherwise. */
export const DEFAULT_ORDER: EventsOrder = 'newest';

const KINDS: readonly DoraEventKind[] = ['deployment', 'change', 'incident'];

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(v => v === value);
}

/**
 * The drill-down a URL asks for, or `undefined` when none is open. A param
 * that does not fit (a filter the kind does not have, a service on a
 * service's page) is dropped, so a stale or hand-edited link still opens a
 * list.
 */
export function readDrillDown(
  params: URLSearchParams,
  options: { team: boolean },
): DrillDownView | undefined {
  const kind = oneOf(KINDS, params.get('events'));
  if (!kind) return undefined;
  let show = oneOf(EVENTS_SHOWS, params.get('show')) ?? 'all';
  if (show === 'failed' && kind !== 'deployment') show = 'all';
  const view: DrillDownView = {
    kind,
    show,
    order: oneOf(EVENTS_ORDERS, params.get('order')) ?? DEFAULT_ORDER,
  };
  const environment = params.get('env');
  if (environment && kind === 'deployment') view.environment = environment;
  const service = params.get('service');
  if (service && options.team) view.service = service;
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map(id => id.trim())
    .filter(Boolean)
    .slice(0, MAX_EVENTS_IDS);
  if (ids.length > 0) view.ids = ids;
  return view;
}

/** `params` with the drill-down's own params replaced; a copy, the others kept. */
export function writeDrillDown(
  view: DrillDownView | undefined,
  params: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(params);
  DRILL_DOWN_PARAMS.forEach(name => next.delete(name));
  if (!view) return next;
  next.set('events', view.kind);
  next.set('show', view.show);
  if (view.environment) next.set('env', view.environment);
  if (view.service) next.set('service', view.service);
  if (view.order !== DEFAULT_ORDER) next.set('order', view.order);
  if (view.ids && view.ids.length > 0) next.set('ids', view.ids.join(','));
  return next;
}
