import { AggregateResult } from './postgresAggregates';
import {
  ChangeFact,
  DeploymentFact,
  DoraEventKind,
  EntityFacts,
  IncidentFact,
  Window,
} from '@dora-metrics/plugin-dora-common';

/** Where an entity's facts stand. */
export interface FactState {
  entityRef: string;
  /** Grows with every write to the entity's events. */
  generation: number;
  /** The generation the stored facts were built from (null: never built). */
  builtGeneration: number | null;
  /** The settings the facts were built with. */
  settingsKey: string | null;
  computedAt: number | null;
}

/** A place in the drill-down's order: instant, entity, kind, then the event's key. */
export type FactPosition = [
  at: number,
  entityRef: string,
  kind: DoraEventKind,
  source: string,
  id: string,
];

export type StoredFact =
  | { kind: 'deployment'; fact: DeploymentFact }
  | { kind: 'change'; fact: ChangeFact }
  | { kind: 'incident'; fact: IncidentFact };

/** One drill-down row read from the facts. */
export type ListedFact = StoredFact & {
  entityRef: string;
  position: FactPosition;
};

/** An entity's facts for a window and the state they were read in. */
export interface WindowFacts {
  state: FactState;
  facts: EntityFacts;
}

export interface FactPageQuery {
  entityRefs: string[];
  window: Window;
  kind?: DoraEventKind;
  after?: FactPosition;
  limit: number;
}

/** What a database-side aggregation of a window needs. */
export interface AggregateQuery {
  /** Lower-cased refs and the settings their facts must have been built with. */
  entities: { key: string; settingsKey: string }[];
  window: Window;
  dayBoundaries: number[];
  /** Chart bucket boundaries; empty for no series. */
  bucketBoundaries: number[];
}

/** The facts the backend keeps per entity; the only place that knows how. */
export interface FactStore {
  /** The state of each entity that has a row (entities without one have no events). */
  states(entityRefs: string[]): Promise<Map<string, FactState>>;
  /** Entities whose facts are out of date and that nobody is building. */
  staleEntities(now: number, limit: number): Promise<string[]>;
  /** How many entities have current and stale facts. */
  counts(): Promise<{ current: number; stale: number }>;
  /** Takes the lease on an entity; its generation when taken, else undefined. */
  claim(
    entityRef: string,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<number | undefined>;
  /**
   * Replaces the entity's facts in one transaction, if `owner` still holds
   * its lease; releases it. False when the lease was lost.
   */
  saveFacts(options: {
    entityRef: string;
    owner: string;
    generation: number;
    settingsKey: string;
    facts: EntityFacts;
    now: number;
  }): Promise<boolean>;
  release(entityRef: string, owner: string): Promise<void>;
  /** Marks facts built with other settings as out of date. */
  invalidate(entityRefs: string[]): Promise<void>;
  /**
   * The facts a window's metrics need, with the state they were read in,
   * per entity that has a row (whether current or not: the caller decides).
   */
  readWindowFacts(
    entityRefs: string[],
    window: Window,
  ): Promise<Map<string, WindowFacts>>;
  /**
   * The window's statistics aggregated in the database, when it can
   * (PostgreSQL) and every entity with events has current facts; else
   * undefined (the caller aggregates facts itself). Entities without
   * events are left out of `perEntity`.
   */
  aggregateWindow(
    query: AggregateQuery,
  ): Promise<{ result: AggregateResult; computedAt: number } | undefined>;
  /** The next drill-down rows after a position, in order. */
  listFacts(query: FactPageQuery): Promise<ListedFact[]>;
}
