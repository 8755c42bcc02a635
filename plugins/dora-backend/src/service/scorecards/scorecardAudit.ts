import { Scorecard } from '@dora-metrics/plugin-dora-common';
import { ScorecardAuditStore } from '../../database/ExemptionStore';

/** Who changes a scorecard through the API, and when (epoch milliseconds). */
export interface ScorecardChangeBy {
  actor: string;
  now: number;
}

/**
 * Appends a change of a stored scorecard to its audit list, after the change
 * was written (the scorecard store and the audit list are separate writes).
 * Created and updated entries keep the whole definition, so consecutive
 * entries show what changed.
 */
export async function auditScorecardChange(
  audit: ScorecardAuditStore | undefined,
  change: ScorecardChangeBy & {
    scorecardId: string;
    action: 'created' | 'updated' | 'deleted';
    definition?: Scorecard;
  },
): Promise<void> {
  if (!audit) return;
  await audit.addAuditEntry({
    scorecardId: change.scorecardId,
    subject: 'scorecard',
    action: change.action,
    actor: change.actor,
    at: new Date(change.now).toISOString(),
    detail: change.definition ? { definition: change.definition } : {},
  });
}
