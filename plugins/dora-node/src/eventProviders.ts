import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** The outcome of ingesting one batch. */
export interface DoraIngestResult {
  accepted: number;
}

/**
 * Where a provider writes events: the same path as `POST /api/dora/v1/events`
 * (validation, entity resolution, idempotent upsert, all or nothing). A batch
 * with a bad event is refused whole with an `InputError` naming it.
 */
export interface DoraEventSink {
  ingest(events: unknown[]): Promise<DoraIngestResult>;
}

/** A source of delivery events, added by a backend module (GitHub, PagerDuty, demo data...). */
export interface DoraEventProvider {
  /** A stable name, used in logs and as the lock name of scheduled work. */
  getProviderName(): string;
  /** Called once when the dora backend starts; keep the sink to write later. */
  connect(sink: DoraEventSink): Promise<void>;
}

/** Lets backend modules add event providers to the dora backend plugin. */
export interface DoraEventProvidersExtensionPoint {
  addEventProvider(...providers: DoraEventProvider[]): void;
}

export const doraEventProvidersExtensionPoint =
  createExtensionPoint<DoraEventProvidersExtensionPoint>({
    id: 'dora.event-providers',
  });
