import { Exemption, exemptionState, ExemptionState } from './exemptions';

/*
 * The decisions on an exemption, as one pure function the store calls inside
 * its transaction: it says whether the decision is allowed at that instant
 * and gives the exemption as it is after it, or says plainly why not.
 *
 *   pending  --approve--> approved --revoke--> revoked
 *   pending  --deny-----> denied
 *   pending / approved --(expiresAt reached)--> expired   (computed, never written)
 */

export type ExemptionAction = 'approve' | 'deny' | 'revoke';

export interface ExemptionDecision {
  action: ExemptionAction;
  /** The user ref of the scorecard manager deciding. */
  by: string;
  /** ISO-8601 instant of the decision. */
  at: string;
  note?: string;
}

export type ExemptionTransition =
  { ok: true; exemption: Exemption } | { ok: false; message: string };

const NEXT: Record<
  ExemptionAction,
  { from: ExemptionState; to: Exemption['status'] }
> = {
  approve: { from: 'pending', to: 'approved' },
  deny: { from: 'pending', to: 'denied' },
  revoke: { from: 'approved', to: 'revoked' },
};

const PAST: Record<ExemptionAction, string> = {
  approve: 'approved',
  deny: 'denied',
  revoke: 'revoked',
};

/** What can still be done in a state, for the refusal message. */
function whatIsLeft(state: ExemptionState): string {
  switch (state) {
    case 'pending':
      return 'it can be approved or denied';
    case 'approved':
      return 'it can only be revoked';
    case 'expired':
      return 'nothing can be decided on it any more; request a new exemption';
    default:
      return 'it is closed; request a new exemption';
  }
}

/**
 * Applies a decision at `decision.at`. Refuses, with a message naming the
 * exemption, its state and what is still possible, a decision that does not
 * start from the right state: approving or denying anything but a pending
 * request, revoking anything but an approved exemption, or any decision on
 * an exemption that has expired by then.
 */
export function transitionExemption(
  exemption: Exemption,
  decision: ExemptionDecision,
): ExemptionTransition {
  const { from, to } = NEXT[decision.action];
  const state = exemptionState(exemption, decision.at);
  if (state !== from) {
    const since =
      state === 'expired' ? ` (it expired at ${exemption.expiresAt})` : '';
    return {
      ok: false,
      message: `exemption ${exemption.id} cannot be ${PAST[decision.action]}: it is ${state}${since}; only a ${from} exemption can be ${PAST[decision.action]}, and ${whatIsLeft(state)}`,
    };
  }
  // A note belongs to its decision: an earlier decision's note does not carry over.
  const { decisionNote: _earlier, ...rest } = exemption;
  return {
    ok: true,
    exemption: {
      ...rest,
      status: to,
      decidedBy: decision.by,
      decidedAt: decision.at,
      ...(decision.note !== undefined && { decisionNote: decision.note }),
    },
  };
}
