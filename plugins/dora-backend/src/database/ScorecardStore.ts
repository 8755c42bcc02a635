import {
  GradedRuleResult,
  ScorecardAuditEntry,
  ScorecardResultRecord,
  ScorecardVersion,
  StagedScorecard,
} from '@dora-metrics/plugin-dora-common';

/** A scorecard created through the API, at its current version. */
export interface StoredScorecard {
  definition: StagedScorecard;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** `null` only for a scorecard migrated without an audit entry naming its author. */
  updatedBy: string | null;
}

/** Who writes a scorecard, and when (epoch milliseconds). */
export interface ScorecardWrite {
  actor: string;
  now: number;
  /** The audit entry of the write, given the version it made; written in the same transaction. */
  audit: (version: number) => ScorecardAuditEntry;
}

/**
 * What grading a stored result again at a later instant needs besides the
 * result: the rules that were drafts then (they may count by now), and the
 * groups above the entity (group exemptions may start or stop applying).
 */
export interface RegradeInputs {
  drafts: GradedRuleResult[];
  /** The owner group, then its parent, and so on, at evaluation. */
  groupAncestry: string[];
}

/** A result as stored: the record as the API shows it, and what regrading it needs. */
export interface StoredResult {
  record: ScorecardResultRecord;
  regrade: RegradeInputs;
}

/** One entity's level of one scorecard changed between two stored results. */
export interface StoredLevelChange {
  scorecardId: string;
  /** Lower-cased. */
  entityRef: string;
  /** When the new level was stored (epoch milliseconds). */
  evaluatedAt: number;
  /** `null`: no level reached. */
  from: string | null;
  to: string | null;
}

/** The only place that knows how scorecards, their versions and their results are stored. */
export interface ScorecardStore {
  listScorecards(): Promise<StoredScorecard[]>;
  getScorecard(id: string): Promise<StoredScorecard | undefined>;
  /**
   * Creates the scorecard, its version row and its audit entry, all or
   * nothing. Undefined (nothing written) when a scorecard with that id
   * exists already. Versions of a deleted scorecard of the same id are kept,
   * so the new one continues their numbering.
   */
  createScorecard(
    definition: StagedScorecard,
    write: ScorecardWrite,
  ): Promise<StoredScorecard | undefined>;
  /**
   * Replaces the definition, adding 1 to the version atomically (concurrent
   * updates get distinct, consecutive versions), with the version row and
   * the audit entry, all or nothing. Undefined when there is no such scorecard.
   */
  updateScorecard(
    definition: StagedScorecard,
    write: ScorecardWrite,
  ): Promise<StoredScorecard | undefined>;
  /**
   * Deletes the scorecard and its results and writes its audit entry, all
   * or nothing; its versions and audit list are kept. False when there is none.
   */
  deleteScorecard(id: string, audit: ScorecardAuditEntry): Promise<boolean>;
  /** A scorecard's versions, newest first (also those of a deleted scorecard). */
  listVersions(id: string): Promise<ScorecardVersion[]>;
  /** One version's definition, if kept. */
  getVersion(
    id: string,
    version: number,
  ): Promise<ScorecardVersion | undefined>;
  /** Adds one run's results, all or nothing. */
  addResults(results: StoredResult[]): Promise<void>;
  /** The latest result per (scorecard, entity), optionally narrowed. */
  latestResults(filter: {
    scorecardIds?: string[];
    entityRefs?: string[];
  }): Promise<StoredResult[]>;
  /** One entity's results for one scorecard in `[from, to)`, oldest first, as stored. */
  history(query: {
    scorecardId: string;
    entityRef: string;
    from: number;
    to: number;
  }): Promise<ScorecardResultRecord[]>;
  /** Deletes results evaluated before the instant; returns how many. */
  pruneResults(before: number): Promise<number>;
  /**
   * Every change of level stored in `[from, to)`: a result whose level
   * differs from the previous result of the same scorecard and entity (an
   * entity's first result is no change), oldest first; one read, without
   * the results' bodies.
   */
  levelChanges(range: {
    from: number;
    to: number;
  }): Promise<StoredLevelChange[]>;
}
