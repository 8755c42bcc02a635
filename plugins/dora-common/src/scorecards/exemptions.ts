import { InstantLike, instantMillis } from './instantMillis';
import { normalizeGroupRef } from './matchEntity';

/*
 * Exemptions: an owner asks to be excused from one rule (for a service, or
 * for every service under a group), a scorecard manager decides. Expiry is
 * computed from the instant asked about and never written, so an exemption
 * stops applying at its expiry by itself, without a job that might run late.
 */

/** What a store keeps: the last decision. */
export type StoredExemptionStatus =
  'pending' | 'approved' | 'denied' | 'revoked';

/** What an exemption is at an instant: the stored status, or `expired` once `expiresAt` is reached. */
export type ExemptionState = StoredExemptionStatus | 'expired';

/** One entity, or every entity owned by a group or a group below it. */
export type ExemptionScope =
  { kind: 'entity'; entityRef: string } | { kind: 'group'; groupRef: string };

export interface Exemption {
  id: string;
  scorecardId: string;
  ruleId: string;
  scope: ExemptionScope;
  reason: string;
  /** ISO-8601; `null`: until revoked. */
  expiresAt: string | null;
  status: StoredExemptionStatus;
  requestedBy: string;
  requestedAt: string;
  /** Who approved, denied or revoked it last, when, and why. */
  decidedBy?: string;
  decidedAt?: string;
  decisionNote?: string;
}

/** The entity a result is for, and the groups above it (owner first, then its parents). */
export interface ExemptionTarget {
  scorecardId: string;
  ruleId: string;
  entityRef: string;
  groupAncestry: readonly string[];
}

/**
 * The state at `at`: a pending or approved exemption whose `expiresAt` is at
 * or before `at` is `expired` (a lapsed request can no longer be approved);
 * denied and revoked stay as they are.
 */
export function exemptionState(
  exemption: Pick<Exemption, 'status' | 'expiresAt'>,
  at: InstantLike,
): ExemptionState {
  const lapsed =
    exemption.expiresAt !== null &&
    Date.parse(exemption.expiresAt) <= instantMillis(at);
  const open =
    exemption.status === 'pending' || exemption.status === 'approved';
  return open && lapsed ? 'expired' : exemption.status;
}

/** How close the scope is to the entity: 0 for the entity itself, 1 + index for a group; undefined when outside. */
function distance(
  scope: ExemptionScope,
  target: ExemptionTarget,
): number | undefined {
  if (scope.kind === 'entity') {
    return scope.entityRef.toLowerCase() === target.entityRef.toLowerCase()
      ? 0
      : undefined;
  }
  const group = normalizeGroupRef(scope.groupRef);
  const index = target.groupAncestry.findIndex(
    g => normalizeGroupRef(g) === group,
  );
  return index === -1 ? undefined : 1 + index;
}

const expiryMillis = (e: Exemption) =>
  e.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(e.expiresAt);

/**
 * The exemption that applies to the target's rule at `at`: approved, not
 * expired, for that scorecard and rule, scoped to the entity or to a group in
 * its ancestry. When several apply, the one for the entity itself wins, then
 * the nearest group, then the one that lasts longest (then the lowest id).
 */
export function exemptionFor(
  exemptions: readonly Exemption[],
  target: ExemptionTarget,
  at: InstantLike,
): Exemption | undefined {
  let best: { exemption: Exemption; distance: number } | undefined;
  for (const exemption of exemptions) {
    if (exemption.scorecardId !== target.scorecardId) continue;
    if (exemption.ruleId !== target.ruleId) continue;
    if (exemptionState(exemption, at) !== 'approved') continue;
    const d = distance(exemption.scope, target);
    if (d === undefined) continue;
    const better =
      !best ||
      d < best.distance ||
      (d === best.distance &&
        (expiryMillis(exemption) > expiryMillis(best.exemption) ||
          (expiryMillis(exemption) === expiryMillis(best.exemption) &&
            exemption.id < best.exemption.id)));
    if (better) best = { exemption, distance: d };
  }
  return best?.exemption;
}
