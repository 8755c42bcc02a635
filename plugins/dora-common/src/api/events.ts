import { z } from 'zod';
import type {
  ChangeEvent,
  DeploymentEvent,
  DoraEventKind,
  IncidentEvent,
} from '../events/schemas';
import type {
  ChangeCounting,
  DeploymentCounting,
  IncidentCounting,
} from '../engine/explainEvents';
import { metricsWindowQueryShape } from './metrics';

/** The most events one drill-down page returns. */
export const MAX_EVENTS_PAGE_SIZE = 500;

/** The most event ids one drill-down request may name in `ids`. */
export const MAX_EVENTS_IDS = 100;

/** Orders of the drill-down list, by the event's time. */
export const EVENTS_ORDERS = ['oldest', 'newest'] as const;
export type EventsOrder = (typeof EVENTS_ORDERS)[number];

/**
 * Which events of the kind the drill-down lists: all, those the metric
 * counted, or (deployments only) the failed changes.
 */
export const EVENTS_SHOWS = ['all', 'counted', 'failed'] as const;
export type EventsShow = (typeof EVENTS_SHOWS)[number];

/**
 * Query of `GET /v1/events`: one entity or one team, optionally one kind,
 * paged. The filters `show`, `environment`, `service` and `ids` need `kind`;
 * `ids` is a comma-separated list of event ids, split by the backend.
 */
export const eventsQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  groupRef: z.string().min(1).optional(),
  // Checked by the service so that the 400 lists the kinds.
  kind: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE_SIZE).optional(),
  cursor: z.string().optional(),
  order: z.enum(EVENTS_ORDERS).optional(),
  show: z.enum(EVENTS_SHOWS).optional(),
  environment: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  ids: z.string().min(1).optional(),
  ...metricsWindowQueryShape,
});

/** The drill-down query as parsed by the backend (kind and ids unchecked). */
export type EventsQueryParams = z.infer<typeof eventsQuerySchema>;

/**
 * The drill-down request as a client sends it; the client joins `ids` with
 * commas.
 */
export type EventsQuery = Omit<EventsQueryParams, 'kind' | 'bucket' | 'ids'> & {
  kind?: DoraEventKind;
  ids?: string[];
};

/** A stored event as the drill-down returns it, with the entity it belongs to. */
type Stored<T> = T & { entityRef: string };

/** One drill-down row: the stored event and how the metrics counted it. */
export type DoraEventItem =
  | { event: Stored<DeploymentEvent>; counting: DeploymentCounting }
  | { event: Stored<ChangeEvent>; counting: ChangeCounting }
  | { event: Stored<IncidentEvent>; counting: IncidentCounting };

/**
 * What the drill-down's kind holds in the window, before the filters `show`,
 * `environment`, `service` and `ids`.
 */
export interface DrillDownTotals {
  /** All listed events of the kind in the window. */
  events: number;
  /**
   * Deployments: counted in deployment frequency; changes: behind the lead
   * time; incidents: resolved in the window (behind time to restore).
   */
  counted: number;
  /** Deployments: failed changes; `null` for other kinds. */
  failed: number | null;
  /** Deployments: the change failure rate's denominator; `null` otherwise. */
  inChangeFailureRate: number | null;
  environments: Array<{ environment: string; events: number; counted: number }>;
  entities: Array<{
    entityRef: string;
    events: number;
    counted: number;
    failed: number | null;
  }>;
}

/** Response of `GET /v1/events`. */
export interface DoraEventsPage {
  items: DoraEventItem[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  nextCursor: string | null;
  /** Present whenever the query names a `kind`. */
  totals?: DrillDownTotals;
  /** Events matching all the filters (across all pages). */
  matching?: number;
}
