import { AggregateResult } from './postgresAggregates';
import {
  ChangeFact,
  DeploymentFact,
  DoraEventKind,
  EntityFacts,
  IncidentFact,
  MeasurementMode,
  Timeline,
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

/** A stale entity taken for a rebuild. */
export interface ClaimedEntity {
  /** Its generation when taken. */
  generation: number;
  /** Whether its facts were ever built, and with which settings. */
  builtGeneration: number | null;
  settingsKey: string | null;
  /** The earliest instant written since they were built; null: unknown. */
  dirtyFrom: number | null;
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

/** The drill-down's order by the instant a row is listed at. */
export type FactOrder = 'oldest' | 'newest';

/**
 * The rows of one kind a drill-down asks for: all, those its metric counted
 * (deployment frequency, lead time, time to restore) or (deployments) the
 * failed changes of the change failure rate; of one environment; with
 * these event ids.
 */
export interface FactFilter {
  show: 'all' | 'counted' | 'failed';
  environment?: string;
  ids?: string[];
}

export interface FactPageQuery {
  entityRefs: string[];
  window: Window;
  kind?: DoraEventKind;
  after?: FactPosition;
  limit: number;
  /** Default `oldest`; `after` is then a position in this order. */
  order?: FactOrder;
  /** Only with `kind`. */
  filter?: FactFilter;
}

/** One entity's (and, for deployments, one environment's) drill-down counts. */
export interface FactTotalsRow {
  entityRef: string;
  /** Deployments only; null for the other kinds. */
  environment: string | null;
  events: number;
  counted: number;
  /** Deployments: failed changes and the change failure rate's total; else 0. */
  failed: number;
  inChangeFailureRate: number;
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

/**
 * What rebuilding an entity's facts from an instant on (the cut) reads:
 * the events from the cut on, the facts stored for them, what the whole
 * history says in a few counts, the state of the sequential rules at the
 * cut, and whether any event before the cut is linked to one after it (a
 * rebuild from this cut could then change facts before it).
 *
 * An event's place: a deployment's `finishedAt`, a change's `mergedAt`
 * (unmerged changes after every instant), an incident's `openedAt`.
 */
export interface CutReading {
  cut: number;
  /** Events at or after the cut, unmerged changes included. */
  timeline: Timeline;
  /** The stored facts of the places at or after the cut (before the writes). */
  previous: {
    deployments: DeploymentFact[];
    changes: ChangeFact[];
    incidents: IncidentFact[];
  };
  whole: {
    deploymentEverIngested: boolean;
    changeEverIngested: boolean;
    incidentEverIngested: boolean;
    eventCount: number;
    /** Every environment deployed to. */
    environments: string[];
    /** What the stored facts say (they were built with these). */
    storedMode: MeasurementMode | null;
    storedHasIncidentSource: boolean | null;
  };
  /** What the last successful production deployment before the cut deployed. */
  artifactBefore: string | null;
  /** When the pipeline outage open at the cut began. */
  failingSinceBefore: number | null;
  /** The last counted deployment before the cut (its instant). */
  lastCountedBefore: number | null;
  /** The earliest event before the cut linked to one after it; null when none is. */
  linkedBefore: number | null;
  /** The earliest merged change before the cut that nothing before it shipped. */
  unshippedBefore: number | null;
}

export interface CutSettings {
  productionEnvironments: string[];
  pipelineMode: boolean;
}

/** The facts the backend keeps per entity; the only place that knows how. */
export interface FactStore {
  /** The state of each entity that has a row (entities without one have no events). */
  states(entityRefs: string[]): Promise<Map<string, FactState>>;
  /** Entities whose facts are out of date and that nobody is building. */
  staleEntities(now: number, limit: number): Promise<string[]>;
  /** How many entities have current and stale facts. */
  counts(): Promise<{ current: number; stale: number }>;
  /** Takes the lease on a stale entity; what a rebuild needs to know, else undefined. */
  claim(
    entityRef: string,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<ClaimedEntity | undefined>;
  /**
   * What a rebuild from an instant on reads, in one snapshot; undefined when
   * more than half the history sits after the cut (rebuild it whole).
   */
  readCut(
    entityRef: string,
    cut: number,
    settings: CutSettings,
  ): Promise<CutReading | undefined>;
  /**
   * Replaces the entity's facts in one transaction, if `owner` still holds
   * its lease; releases it. False when the lease was lost. With `from`, only
   * the facts of places at or after that instant are replaced (`facts`
   * holds those, and the entity's whole summary).
   */
  saveFacts(options: {
    entityRef: string;
    owner: string;
    generation: number;
    settingsKey: string;
    facts: EntityFacts;
    now: number;
    from?: number;
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
  /** How many drill-down rows of a kind match a filter. */
  countFacts(
    query: Pick<FactPageQuery, 'entityRefs' | 'window' | 'filter'> & {
      kind: DoraEventKind;
    },
  ): Promise<number>;
  /**
   * The drill-down's counts of a kind per entity (and environment), in one
   * aggregate query; each entity counted in its own change-failure mode.
   * Entities without rows are left out.
   */
  totalFacts(query: {
    entityRefs: string[];
    window: Window;
    kind: DoraEventKind;
  }): Promise<FactTotalsRow[]>;
}
