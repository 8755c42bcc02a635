import { AuthenticationError } from '@backstage/errors';

/**
 * Clocks differ a little: a delivery whose time is this far in the future
 * is still fresh.
 */
export const WEBHOOK_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What {@link refuseStale} checks, and what it says when it refuses. */
export interface StalenessCheck {
  /**
   * When the delivered thing happened (ms since the epoch); `undefined` or
   * `NaN` when the delivery does not say.
   */
  at: number | undefined;
  /** When the backend received the delivery (ms since the epoch). */
  receivedAt: number;
  /** The oldest a delivery may be (ms). */
  maxAgeMs: number;
  /** The refusal when the delivery carries no time. */
  unknownAge: string;
  /** The refusal when the time is older than `maxAgeMs`. */
  tooOld: (at: number) => string;
  /** The refusal when the time is further ahead than clock skew explains. */
  inFuture: (at: number) => string;
}

/**
 * Throws `AuthenticationError` (401) for a delivery without a time, older
 * than the allowed age, or from the future: a replayed old delivery must not
 * be written again once its delivery id has been forgotten.
 */
export function refuseStale(check: StalenessCheck): void {
  const { at, receivedAt, maxAgeMs } = check;
  if (at === undefined || Number.isNaN(at)) {
    throw new AuthenticationError(check.unknownAge);
  }
  if (receivedAt - at > maxAgeMs) {
    throw new AuthenticationError(check.tooOld(at));
  }
  if (at - receivedAt > WEBHOOK_CLOCK_SKEW_MS) {
    throw new AuthenticationError(check.inFuture(at));
  }
}
