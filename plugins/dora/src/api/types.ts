import {
  Bucket,
  ChangeCounting,
  ChangeEvent,
  DeploymentCounting,
  DeploymentEvent,
  DoraEventKind,
  IncidentCounting,
  IncidentEvent,
  Scorecard,
  ScorecardResult,
} from '@dora-metrics/plugin-dora-common';

/** The window, calendar and bucket of a metrics request. */
export interface MetricsQuery {
  /** ISO-8601 instant, inclusive. */
  from?: string;
  /** ISO-8601 instant, exclusive. */
  to?: string;
  /** IANA timezone, e.g. `Europe/Berlin`. */
  timezone?: string;
  bucket?: Bucket;
}

/** The drill-down request: one entity or one team, optionally one event kind, paged. */
export interface EventsQuery {
  entityRef?: string;
  groupRef?: string;
  kind?: DoraEventKind;
  from?: string;
  to?: string;
  timezone?: string;
  /** At most 500 (the backend's limit). */
  limit?: number;
  cursor?: string;
}

/** A stored event as the drill-down returns it, with the entity it belongs to. */
type Stored<T> = T & { entityRef: string };

/** One drill-down row: the stored event and how the metrics counted it. */
export type DoraEventItem =
  | { event: Stored<DeploymentEvent>; counting: DeploymentCounting }
  | { event: Stored<ChangeEvent>; counting: ChangeCounting }
  | { event: Stored<IncidentEvent>; counting: IncidentCounting };

export interface DoraEventsPage {
  items: DoraEventItem[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  nextCursor: string | null;
}

/** A scorecard as listed by `GET /api/dora/v1/scorecards`. */
export interface ScorecardEntry {
  scorecard: Scorecard;
  /** `config` scorecards come from app-config and are read-only. */
  source: 'config' | 'api';
  readOnly: boolean;
}

/** One stored evaluation of a scorecard for an entity. */
export interface ScorecardResultRecord {
  scorecardId: string;
  /** Lower-cased entity ref. */
  entityRef: string;
  /** Epoch milliseconds. */
  evaluatedAt: number;
  level: string | null;
  /** `problems`: overrides that could not be read. */
  result: ScorecardResult & { problems?: string[] };
}

export interface ScorecardResultsQuery {
  entityRef?: string;
  groupRef?: string;
  scorecardId?: string;
}

export interface ScorecardHistoryQuery {
  entityRef: string;
  from?: string;
  to?: string;
}

/** Per rule, how many graded services pass, warn, fail or have no data. */
export interface RuleCompliance {
  ruleId: string;
  title: string;
  level: string;
  pass: number;
  warn: number;
  fail: number;
  noData: number;
  /** Share passing or warning; `null` when no service is graded. */
  passRate: number | null;
}

export interface LevelCompliance {
  level: string;
  reached: number;
  share: number | null;
}

/** `GET /api/dora/v1/scorecards/:id/compliance`. */
export interface ScorecardCompliance {
  scorecardId: string;
  groupRef: string | null;
  /** How many services have a result. */
  entities: number;
  rules: RuleCompliance[];
  levels: LevelCompliance[];
}
