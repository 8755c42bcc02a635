import { DAY_MS } from '../../time/durations';
import { Exemption, exemptionState } from '../../scorecards/exemptions';

/**
 * The exemptions in force at `at` (approved, not expired) that expire
 * within `withinDays` of it, soonest first (then by id): those without an
 * expiry never expire and are not listed.
 */
export function expiringExemptions(
  exemptions: readonly Exemption[],
  at: number,
  withinDays: number,
): Exemption[] {
  const until = at + withinDays * DAY_MS;
  return exemptions
    .filter(
      e =>
        e.expiresAt !== null &&
        exemptionState(e, at) === 'approved' &&
        Date.parse(e.expiresAt) <= until,
    )
    .sort(
      (a, b) =>
        Date.parse(a.expiresAt!) - Date.parse(b.expiresAt!) ||
        a.id.localeCompare(b.id),
    );
}
