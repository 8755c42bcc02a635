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

/** Query of `GET /v1/events`: one entity or one team, optionally one kind, paged. */
export const eventsQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  groupRef: z.string().min(1).optional(),
  // Checked by the service so that the 400 lists the kinds.
  kind: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE_SIZE).optional(),
  cursor: z.string().optional(),
  ...metricsWindowQueryShape,
});

/** The drill-down query as parsed by the backend (kind unchecked). */
export type EventsQueryParams = z.infer<typeof eventsQuerySchema>;

/** The drill-down request as a client sends it. */
export type EventsQuery = Omit<EventsQueryParams, 'kind' | 'bucket'> & {
  kind?: DoraEventKind;
};

/** A stored event as the drill-down returns it, with the entity it belongs to. */
type Stored<T> = T & { entityRef: string };

/** One drill-down row: the stored event and how the metrics counted it. */
export type DoraEventItem =
  | { event: Stored<DeploymentEvent>; counting: DeploymentCounting }
  | { event: Stored<ChangeEvent>; counting: ChangeCounting }
  | { event: Stored<IncidentEvent>; counting: IncidentCounting };

/** Response of `GET /v1/events`. */
export interface DoraEventsPage {
  items: DoraEventItem[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  nextCursor: string | null;
}
