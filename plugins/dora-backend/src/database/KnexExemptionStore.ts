import {
  Exemption,
  ScorecardAuditEntry,
  StoredExemptionStatus,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import {
  AuditPosition,
  ExemptionStore,
  StoredAuditEntry,
} from './ExemptionStore';
import { AUDIT_TABLE as AUDIT, auditRow } from './auditRow';
import { RetryOptions, retryTransaction } from './retry';

const EXEMPTIONS = 'dora_scorecard_exemptions';

type Row = Record<string, any>;

// Instants are ISO-8601 in the model and epoch milliseconds in the tables.
const millis = (iso: string) => Date.parse(iso);
const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const isoOrUndefined = (ms: unknown) =>
  ms === null || ms === undefined ? undefined : iso(ms);

const exemptionRow = (e: Exemption): Row => ({
  id: e.id,
  scorecard_id: e.scorecardId,
  rule_id: e.ruleId,
  scope_kind: e.scope.kind,
  scope_ref: e.scope.kind === 'entity' ? e.scope.entityRef : e.scope.groupRef,
  reason: e.reason,
  expires_at: e.expiresAt === null ? null : millis(e.expiresAt),
  status: e.status,
  requested_by: e.requestedBy,
  requested_at: millis(e.requestedAt),
  decided_by: e.decidedBy ?? null,
  decided_at: e.decidedAt === undefined ? null : millis(e.decidedAt),
  decision_note: e.decisionNote ?? null,
});

const toExemption = (row: Row): Exemption => {
  const decidedAt = isoOrUndefined(row.decided_at);
  return {
    id: row.id,
    scorecardId: row.scorecard_id,
    ruleId: row.rule_id,
    scope:
      row.scope_kind === 'entity'
        ? { kind: 'entity', entityRef: row.scope_ref }
        : { kind: 'group', groupRef: row.scope_ref },
    reason: row.reason,
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
    ...(decidedAt !== undefined && { decidedAt }),
    ...(row.decision_note !== null && { decisionNote: row.decision_note }),
  };
};

const toAudit = (row: Row): StoredAuditEntry => ({
  entry: {
    scorecardId: row.scorecard_id,
    subject: row.subject,
    action: row.action,
    actor: row.actor,
    at: iso(row.at),
    detail: JSON.parse(row.detail),
  },
  position: { at: Number(row.at), id: Number(row.id) },
});

export class KnexExemptionStore implements ExemptionStore {
  constructor(
    private readonly db: Knex,
    private readonly retry: RetryOptions = {},
  ) {}

  async addExemption(
    exemption: Exemption,
    audit: ScorecardAuditEntry,
  ): Promise<void> {
    await retryTransaction(
      () =>
        this.db.transaction(async tx => {
          await tx(EXEMPTIONS).insert(exemptionRow(exemption));
          await tx(AUDIT).insert(auditRow(audit));
        }),
      this.retry,
    );
  }

  async getExemption(
    scorecardId: string,
    id: string,
  ): Promise<Exemption | undefined> {
    const row = await this.db(EXEMPTIONS)
      .where({ scorecard_id: scorecardId, id })
      .first();
    return row ? toExemption(row) : undefined;
  }

  async listExemptions(
    scorecardId: string,
    filter: { ruleId?: string },
  ): Promise<Exemption[]> {
    const rows = await this.db(EXEMPTIONS)
      .where({ scorecard_id: scorecardId })
      .modify(q => {
        if (filter.ruleId !== undefined) q.where({ rule_id: filter.ruleId });
      })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toExemption);
  }

  async replaceExemption(
    expected: StoredExemptionStatus,
    next: Exemption,
    audit: ScorecardAuditEntry,
  ): Promise<boolean> {
    const { id, scorecard_id, ...changed } = exemptionRow(next);
    return retryTransaction(
      () =>
        this.db.transaction(async tx => {
          // The status in the WHERE is the compare of compare-and-set: of
          // two concurrent decisions, the second updates no row (PostgreSQL
          // re-reads the row once the first commits; SQLite runs them in turn).
          const updated = await tx(EXEMPTIONS)
            .where({ id, scorecard_id, status: expected })
            .update(changed);
          if (updated === 0) return false;
          await tx(AUDIT).insert(auditRow(audit));
          return true;
        }),
      this.retry,
    );
  }

  async addAuditEntry(entry: ScorecardAuditEntry): Promise<void> {
    await this.db(AUDIT).insert(auditRow(entry));
  }

  async listAudit(
    scorecardId: string,
    page: { limit: number; after?: AuditPosition },
  ): Promise<StoredAuditEntry[]> {
    const { after } = page;
    const rows = await this.db(AUDIT)
      .where({ scorecard_id: scorecardId })
      .modify(q => {
        if (after) {
          q.where(w =>
            w
              .where('at', '<', after.at)
              .orWhere(same =>
                same.where('at', '=', after.at).where('id', '<', after.id),
              ),
          );
        }
      })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit);
    return rows.map(toAudit);
  }
}
