import {
  DoraEvent,
  DoraEventKind,
  Timeline,
} from '@dora-metrics/plugin-dora-common';

/** An event whose entity is known (given, or resolved through the catalog). */
export type ResolvedEvent = DoraEvent & { entityRef: string };

export interface EventKey {
  source: string;
  id: string;
}

/** The only place that knows how events are stored. */
export interface DoraStore {
  /**
   * Inserts or replaces events by (kind, source, id), all in one
   * transaction, which also marks the facts of their entities out of date.
   */
  upsertEvents(events: ResolvedEvent[]): Promise<void>;
  /** Every event of one entity (lower-cased ref), as the engine reads them. */
  readEntityTimeline(entityRef: string): Promise<Timeline>;
  /** Full stored events of one kind, in the order of the keys given. */
  getEvents(kind: DoraEventKind, keys: EventKey[]): Promise<ResolvedEvent[]>;
}
