import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Exemption,
  ExemptionDecisionBody,
  ExemptionEntry,
  ExemptionListQuery,
  ScorecardAuditEntry,
  ScorecardAuditPage,
  ScorecardEntry,
  exemptionDecisionSchema,
  exemptionState,
  newExemption,
  transitionExemption,
} from '@dora-metrics/plugin-dora-common';
import { randomUUID } from 'crypto';
import { AuditPosition, ExemptionStore } from '../../database/ExemptionStore';

/** How many times a decision re-reads after losing a compare-and-set. */
const DECISION_ATTEMPTS = 3;
const DEFAULT_AUDIT_PAGE = 50;

const iso = (ms: number) => new Date(ms).toISOString();

const entryAt = (exemption: Exemption, now: number): ExemptionEntry => ({
  ...exemption,
  state: exemptionState(exemption, now),
});

const PAST = {
  approve: 'approved',
  deny: 'denied',
  revoke: 'revoked',
} as const;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function encodeCursor(position: AuditPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): AuditPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(value?.at) && Number.isSafeInteger(value?.id)) {
      return { at: value.at, id: value.id };
    }
  } catch {
    // Falls through to the 400.
  }
  throw new InputError(
    'Invalid query: cursor: is not one returned by this endpoint',
  );
}

/**
 * Requests, decisions and listing of exemptions, and a scorecard's audit
 * list. The rules (validation, states, expiry, transitions) are the model's
 * in dora-common; this class checks the scorecard and rule exist, names the
 * actor and instant, and turns refusals into 400, 404 and 409.
 */
export class ExemptionService {
  constructor(
    private readonly store: ExemptionStore,
    private readonly scorecards: { get(id: string): Promise<ScorecardEntry> },
  ) {}

  /** A pending exemption; 404 for an unknown scorecard or rule, 400 for a bad request. */
  async request(
    scorecardId: string,
    raw: unknown,
    actor: string,
    now: number,
  ): Promise<ExemptionEntry> {
    const { scorecard } = await this.scorecards.get(scorecardId);
    if (isPlainObject(raw) && raw.scorecardId !== undefined) {
      if (raw.scorecardId !== scorecardId) {
        throw new InputError(
          `Invalid exemption request: scorecardId: is ${JSON.stringify(raw.scorecardId)}, but the path names ${scorecardId}; leave it out`,
        );
      }
    }
    const body = isPlainObject(raw) ? { ...raw, scorecardId } : raw;
    const made = newExemption(body, {
      id: randomUUID(),
      by: actor,
      at: iso(now),
    });
    if (!made.ok) {
      throw new InputError(
        `Invalid exemption request: ${made.problems.join('; ')}`,
      );
    }
    // Stored in milliseconds: answer now what a read will answer later.
    const { expiresAt } = made.exemption;
    const exemption: Exemption = {
      ...made.exemption,
      expiresAt: expiresAt === null ? null : iso(Date.parse(expiresAt)),
    };
    if (!scorecard.rules.some(r => r.id === exemption.ruleId)) {
      throw new NotFoundError(
        `Scorecard ${scorecardId} has no rule ${exemption.ruleId}`,
      );
    }
    await this.store.addExemption(exemption, {
      scorecardId,
      subject: `exemption:${exemption.id}`,
      action: 'requested',
      actor,
      at: exemption.requestedAt,
      detail: { exemption },
    });
    return entryAt(exemption, now);
  }

  /** The scorecard's exemptions with their state now, optionally of one state or rule. */
  async list(
    scorecardId: string,
    query: ExemptionListQuery,
    now: number,
  ): Promise<ExemptionEntry[]> {
    await this.scorecards.get(scorecardId);
    const stored = await this.store.listExemptions(scorecardId, {
      ruleId: query.ruleId,
    });
    // `expired` is computed, so the state filter runs here, not in SQL.
    return stored
      .map(e => entryAt(e, now))
      .filter(e => query.status === undefined || e.state === query.status);
  }

  /**
   * Approves, denies or revokes. 409 with the model's message when the
   * decision does not fit the state; of two concurrent decisions one wins
   * and the other is judged again against what the winner wrote.
   */
  async decide(
    scorecardId: string,
    exemptionId: string,
    raw: unknown,
    actor: string,
    now: number,
  ): Promise<ExemptionEntry> {
    await this.scorecards.get(scorecardId);
    const parsed = exemptionDecisionSchema.safeParse(raw);
    if (!parsed.success) {
      throw new InputError(
        `Invalid decision: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const decision: ExemptionDecisionBody = parsed.data;
    for (let attempt = 1; attempt <= DECISION_ATTEMPTS; attempt++) {
      const current = await this.store.getExemption(scorecardId, exemptionId);
      if (!current) {
        throw new NotFoundError(
          `Scorecard ${scorecardId} has no exemption ${exemptionId}`,
        );
      }
      const at = iso(now);
      const transition = transitionExemption(current, {
        action: decision.action,
        by: actor,
        at,
        ...(decision.note ? { note: decision.note } : {}),
      });
      if (!transition.ok) throw new ConflictError(transition.message);
      const audit: ScorecardAuditEntry = {
        scorecardId,
        subject: `exemption:${exemptionId}`,
        action: PAST[decision.action],
        actor,
        at,
        detail: { exemption: transition.exemption },
      };
      if (
        await this.store.replaceExemption(
          current.status,
          transition.exemption,
          audit,
        )
      ) {
        return entryAt(transition.exemption, now);
      }
    }
    throw new ConflictError(
      `exemption ${exemptionId} was changed by other decisions meanwhile; read it again`,
    );
  }

  /**
   * The audit list, newest first. A deleted scorecard's list stays
   * readable; 404 only when the scorecard neither exists nor has entries.
   */
  async audit(
    scorecardId: string,
    query: { limit?: number; cursor?: string },
  ): Promise<ScorecardAuditPage> {
    const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    // One more than asked tells whether there is a next page.
    const rows = await this.store.listAudit(scorecardId, {
      limit: limit + 1,
      after,
    });
    if (rows.length === 0 && !after) await this.scorecards.get(scorecardId);
    const page = rows.slice(0, limit);
    return {
      items: page.map(r => r.entry),
      nextCursor:
        rows.length > limit
          ? encodeCursor(page[page.length - 1].position)
          : null,
    };
  }
}
