import { ScorecardAuditEntry } from '@dora-metrics/plugin-dora-common';

/** The audit list's table, written by the exemption and the scorecard stores in their own transactions. */
export const AUDIT_TABLE = 'dora_scorecard_audit';

/** An audit entry as a row of {@link AUDIT_TABLE} (instants in epoch milliseconds). */
export const auditRow = (e: ScorecardAuditEntry): Record<string, unknown> => ({
  scorecard_id: e.scorecardId,
  subject: e.subject,
  action: e.action,
  actor: e.actor,
  at: Date.parse(e.at),
  detail: JSON.stringify(e.detail),
});
