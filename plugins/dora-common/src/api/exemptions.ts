import { z } from 'zod';
import { isStorableText } from '../events/schemas';
import type { Exemption, ExemptionState } from '../scorecards/exemptions';

/*
 * The HTTP contract of exemptions (`/v1/scorecards/:id/exemptions`) and of a
 * scorecard's audit list (`/v1/scorecards/:id/audit`). The request body of
 * `POST .../exemptions` is `exemptionRequestSchema` without `scorecardId`
 * (the path names the scorecard).
 */

export const EXEMPTION_STATES = [
  'pending',
  'approved',
  'denied',
  'expired',
  'revoked',
] as const satisfies readonly ExemptionState[];

/** Query of `GET /v1/scorecards/:id/exemptions`. */
export const exemptionListQuerySchema = z
  .object({
    /** The state now, `expired` included (computed from `expiresAt`). */
    status: z.enum(EXEMPTION_STATES).optional(),
    ruleId: z.string().min(1).optional(),
  })
  .strict();
export type ExemptionListQuery = z.infer<typeof exemptionListQuerySchema>;

/** Body of `POST /v1/scorecards/:id/exemptions/:exemptionId/decision`. */
export const exemptionDecisionSchema = z
  .object(
    {
      action: z.enum(['approve', 'deny', 'revoke'], {
        errorMap: () => ({ message: 'must be approve, deny or revoke' }),
      }),
      note: z
        .string({ invalid_type_error: 'must be a string' })
        .trim()
        .max(2000, 'must be at most 2000 characters')
        .refine(
          isStorableText,
          'must not contain NUL characters or unpaired UTF-16 surrogates',
        )
        .optional(),
    },
    { required_error: 'is required', invalid_type_error: 'must be an object' },
  )
  .strict();
export type ExemptionDecisionBody = z.input<typeof exemptionDecisionSchema>;

/** An exemption as the API returns it: as stored, and its state now. */
export type ExemptionEntry = Exemption & { state: ExemptionState };

/** The most audit entries one page returns. */
export const MAX_AUDIT_PAGE_SIZE = 200;

/** Query of `GET /v1/scorecards/:id/audit`: newest first, paged. */
export const scorecardAuditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE_SIZE).optional(),
    cursor: z.string().min(1).optional(),
  })
  .strict();
export type ScorecardAuditQuery = z.input<typeof scorecardAuditQuerySchema>;

/** What changed: the scorecard itself, or one of its exemptions. */
export type ScorecardAuditAction =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'requested'
  | 'approved'
  | 'denied'
  | 'revoked';

/** One change to a scorecard or to one of its exemptions. */
export interface ScorecardAuditEntry {
  scorecardId: string;
  /** `scorecard`, or `exemption:<id>`. */
  subject: string;
  action: ScorecardAuditAction;
  /** The user entity ref, or the service principal's subject. */
  actor: string;
  /** ISO-8601. */
  at: string;
  /** What was written: the exemption after the change, or the scorecard definition. */
  detail: Record<string, unknown>;
}

/** Response of `GET /v1/scorecards/:id/audit`. */
export interface ScorecardAuditPage {
  items: ScorecardAuditEntry[];
  /** Pass as `cursor` for the next (older) page; `null` on the last one. */
  nextCursor: string | null;
}
