import {
  Scorecard,
  ScorecardResultRecord,
} from '@dora-metrics/plugin-dora-common';

/** A scorecard created through the API. */
export interface StoredScorecard {
  definition: Scorecard;
  createdAt: number;
  updatedAt: number;
}

/** The only place that knows how scorecards and their results are stored. */
export interface ScorecardStore {
  listScorecards(): Promise<StoredScorecard[]>;
  getScorecard(id: string): Promise<StoredScorecard | undefined>;
  /** False when a scorecard with that id exists already. */
  createScorecard(definition: Scorecard, now: number): Promise<boolean>;
  /** False when there is no such scorecard. */
  updateScorecard(definition: Scorecard, now: number): Promise<boolean>;
  /** Deletes the scorecard and its results; false when there is none. */
  deleteScorecard(id: string): Promise<boolean>;
  /** Adds one run's results, all or nothing. */
  addResults(records: ScorecardResultRecord[]): Promise<void>;
  /** The latest result per (scorecard, entity), optionally narrowed. */
  latestResults(filter: {
    scorecardIds?: string[];
    entityRefs?: string[];
  }): Promise<ScorecardResultRecord[]>;
  /** One entity's results for one scorecard in `[from, to)`, oldest first. */
  history(query: {
    scorecardId: string;
    entityRef: string;
    from: number;
    to: number;
  }): Promise<ScorecardResultRecord[]>;
  /** Deletes results evaluated before the instant; returns how many. */
  pruneResults(before: number): Promise<number>;
}
