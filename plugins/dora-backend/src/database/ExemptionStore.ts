import {
  Exemption,
  ScorecardAuditEntry,
  StoredExemptionStatus,
} from '@dora-metrics/plugin-dora-common';

/** Where a page of the audit list starts: after this entry (newest first). */
export interface AuditPosition {
  /** Epoch milliseconds. */
  at: number;
  id: number;
}

/** An audit entry as stored, with its position for paging. */
export interface StoredAuditEntry {
  entry: ScorecardAuditEntry;
  position: AuditPosition;
}

/** The audit list of scorecards: appended to, never changed. */
export interface ScorecardAuditStore {
  addAuditEntry(entry: ScorecardAuditEntry): Promise<void>;
  /** A scorecard's entries, newest first, after `after` when given. */
  listAudit(
    scorecardId: string,
    page: { limit: number; after?: AuditPosition },
  ): Promise<StoredAuditEntry[]>;
}

/** The only place that knows how exemptions (and the audit list) are stored. */
export interface ExemptionStore extends ScorecardAuditStore {
  /** Adds a new exemption and its audit entry, both or neither. */
  addExemption(exemption: Exemption, audit: ScorecardAuditEntry): Promise<void>;
  getExemption(
    scorecardId: string,
    id: string,
  ): Promise<Exemption | undefined>;
  /** A scorecard's exemptions, newest request first. */
  listExemptions(
    scorecardId: string,
    filter: { ruleId?: string },
  ): Promise<Exemption[]>;
  /**
   * Compare-and-set: writes `next` (and its audit entry) only while the
   * stored status is still `expected`. False when another decision came
   * first (or the exemption is gone); nothing is written then.
   */
  replaceExemption(
    expected: StoredExemptionStatus,
    next: Exemption,
    audit: ScorecardAuditEntry,
  ): Promise<boolean>;
}
