import {
  DoraEvent,
  DoraEventKind,
  Timeline,
  Window,
} from '@dora-metrics/plugin-dora-common';

/** An event whose entity is known (given, or resolved through the catalog). */
export type ResolvedEvent = DoraEvent & { entityRef: string };

/** What to read for one entity's metrics: the window plus bounded history. */
export interface HistoryQuery {
  /** Lower-cased entity ref. */
  entityRef: string;
  productionEnvironments: string[];
  window: Window;
  /** How far before the window changes, deployments and incidents are read. */
  historyFrom: number;
  /** Read deployments to every environment, not just production (the drill-down shows them). */
  allEnvironments?: boolean;
}

/** One entity's events as the engine needs them, and what the store knows beyond them. */
export interface EntityHistory {
  timeline: Timeline;
  deploymentEverIngested: boolean;
  incidentEverIngested: boolean;
  /** Environments deployed to, when none of them is production (for the warning). */
  nonProductionEnvironments: string[];
}

export interface EventKey {
  source: string;
  id: string;
}

/** The only place that knows how events are stored. */
export interface DoraStore {
  /** Inserts or replaces events by (kind, source, id), all in one transaction. */
  upsertEvents(events: ResolvedEvent[]): Promise<void>;
  /** The window's events plus the bounded history the metric rules need. */
  readEntityHistory(query: HistoryQuery): Promise<EntityHistory>;
  /** Full stored events of one kind, in the order of the keys given. */
  getEvents(kind: DoraEventKind, keys: EventKey[]): Promise<ResolvedEvent[]>;
}
