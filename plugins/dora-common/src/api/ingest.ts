import type { z } from 'zod';
import type {
  changeEventSchema,
  deploymentEventSchema,
  incidentEventSchema,
} from '../events/schemas';
import type { EventProblem } from '../events/validateEvents';

/** An event as a sender writes it (optional fields omitted or `null`). */
export type DoraEventInput =
  | z.input<typeof deploymentEventSchema>
  | z.input<typeof changeEventSchema>
  | z.input<typeof incidentEventSchema>;

/** How many events one `POST /v1/events` takes unless `dora.ingest.maxEvents` says otherwise. */
export const DEFAULT_MAX_EVENTS_PER_REQUEST = 5000;

/** Body of `POST /v1/events`: all or nothing. */
export interface IngestRequest {
  events: DoraEventInput[];
}

/** Response of `POST /v1/events`: replaced events count as accepted. */
export interface IngestResponse {
  accepted: number;
}

/** The 400 of `POST /v1/events` when an event is invalid: Backstage's error body plus each event's problem. */
export interface IngestErrorBody {
  error: { name: string; message: string };
  details: EventProblem[];
  request: { method: string; url: string };
  response: { statusCode: 400 };
}
