import {
  ScorecardAuditEntry,
  StagedScorecard,
} from '@dora-metrics/plugin-dora-common';

/** Who changes a scorecard through the API, and when (epoch milliseconds). */
export interface ScorecardChangeBy {
  actor: string;
  now: number;
}

/**
 * The audit entry of a change of a stored scorecard; the store writes it in
 * the transaction of the change. Created and updated entries keep the whole
 * definition and the version it made, so consecutive entries show what changed.
 */
export function scorecardAuditEntry(
  change: ScorecardChangeBy & {
    scorecardId: string;
    action: 'created' | 'updated' | 'deleted';
    definition?: StagedScorecard;
    version?: number;
  },
): ScorecardAuditEntry {
  return {
    scorecardId: change.scorecardId,
    subject: 'scorecard',
    action: change.action,
    actor: change.actor,
    at: new Date(change.now).toISOString(),
    detail: change.definition
      ? { definition: change.definition, version: change.version }
      : {},
  };
}
