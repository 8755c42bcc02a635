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
  /** A change's row of this (lower-cased) entity; changes have one per entity. */
  entityRef?: string;
}

/** The only place that knows how events are stored. */
export interface DoraStore {
  /**
   * Inserts or replaces events by (kind, source, id) (changes: the rows of
   * the entities given, deleting those of entities no longer given), all in one
   * transaction, which also marks the facts of their entities out of date.
   */
  upsertEvents(events: ResolvedEvent[]): Promise<void>;
  /** Every event of one entity (lower-cased ref), as the engine reads them. */
  readEntityTimeline(entityRef: string): Promise<Timeline>;
  /**
   * Full stored events of one kind, in the order of the keys given. A change
   * stored for several entities: the row of the key's entity (else of its
   * first entity).
   */
  getEvents(kind: DoraEventKind, keys: EventKey[]): Promise<ResolvedEvent[]>;
}
