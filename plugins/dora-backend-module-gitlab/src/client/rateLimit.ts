/**
 * GitLab's rate limits, as documented for the REST API: an exceeded limit
 * answers 429 with `Retry-After` (seconds) and `RateLimit-Reset` (epoch
 * seconds); `RateLimit-Remaining: 0` on a success means the next request
 * would be refused. 5xx answers are retried with a doubling backoff.
 * A wait longer than `maxWaitMs` gives up with a {@link RateLimitError}
 * instead of blocking the scheduled task.
 */

import { HeaderReader, RateLimitPolicy } from '@dora-metrics/plugin-dora-node';

/** Milliseconds until `RateLimit-Reset`, or 0 when absent or past. */
function untilReset(headers: HeaderReader, nowMs: number): number {
  const reset = Number(headers.get('ratelimit-reset'));
  if (!headers.get('ratelimit-reset') || !Number.isFinite(reset)) return 0;
  // One extra second: the reset instant is rounded down to the second.
  return Math.max(0, reset * 1000 - nowMs + 1000);
}

/** Milliseconds to pause before the next request when the limit is used up; else 0. */
export function exhaustedLimitWait(
  headers: HeaderReader,
  nowMs: number,
): number {
  if (headers.get('ratelimit-remaining') !== '0') return 0;
  return untilReset(headers, nowMs);
}

export type RetryDecision =
  { retry: true; waitMs: number; reason: string } | { retry: false };

/** Whether a failed answer is worth retrying and after how long (`attempt` from 0). */
export function retryDecision(options: {
  status: number;
  headers: HeaderReader;
  attempt: number;
  nowMs: number;
  policy: RateLimitPolicy;
}): RetryDecision {
  const { status, headers, attempt, nowMs, policy } = options;
  if (attempt >= policy.maxRetries) return { retry: false };
  if (status === 429) {
    const retryAfter = Number(headers.get('retry-after'));
    if (headers.get('retry-after') !== null && Number.isFinite(retryAfter)) {
      return {
        retry: true,
        waitMs: Math.max(0, retryAfter * 1000),
        reason: 'rate limit (Retry-After)',
      };
    }
    const reset = untilReset(headers, nowMs);
    if (reset > 0) {
      return {
        retry: true,
        waitMs: reset,
        reason: 'rate limit (RateLimit-Reset)',
      };
    }
    return {
      retry: true,
      waitMs: policy.rateLimitBackoffMs * 2 ** attempt,
      reason: 'rate limit',
    };
  }
  if (status >= 500 && status <= 599) {
    return {
      retry: true,
      waitMs: policy.serverErrorBackoffMs * 2 ** attempt,
      reason: `server error ${status}`,
    };
  }
  return { retry: false };
}
