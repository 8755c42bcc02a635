/**
 * GitHub's rate limits, as documented for the REST API:
 * - primary: `x-ratelimit-remaining` reaches 0 → wait until `x-ratelimit-reset`
 *   (epoch seconds); an exhausted limit answers 403 or 429;
 * - secondary: 403/429 with `retry-after` (seconds), or without it a message
 *   naming the secondary rate limit → wait at least a minute, growing
 *   exponentially between retries.
 * Waits are capped: a wait longer than `maxWaitMs` fails the request with a
 * {@link RateLimitError} instead of blocking the scheduled task.
 */

import { HeaderReader, RateLimitPolicy } from '@dora-metrics/plugin-dora-node';

/** Milliseconds until the primary limit resets, when it is exhausted; else 0. */
export function primaryLimitWait(headers: HeaderReader, nowMs: number): number {
  if (headers.get('x-ratelimit-remaining') !== '0') return 0;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!Number.isFinite(reset)) return 0;
  // One extra second: the reset instant is rounded down to the second.
  return Math.max(0, reset * 1000 - nowMs + 1000);
}

/** What to do after an answer that is not a success. */
export type RetryDecision =
  { retry: true; waitMs: number; reason: string } | { retry: false };

/**
 * Whether a failed answer is worth retrying and after how long. `attempt`
 * counts from 0 for the first retry. Non-rate-limit 4xx answers never retry.
 */
export function retryDecision(options: {
  status: number;
  headers: HeaderReader;
  message: string;
  attempt: number;
  nowMs: number;
  policy: RateLimitPolicy;
}): RetryDecision {
  const { status, headers, message, attempt, nowMs, policy } = options;
  if (attempt >= policy.maxRetries) return { retry: false };

  if (status === 403 || status === 429) {
    const retryAfter = Number(headers.get('retry-after'));
    if (headers.get('retry-after') !== null && Number.isFinite(retryAfter)) {
      return {
        retry: true,
        waitMs: Math.max(0, retryAfter * 1000),
        reason: 'secondary rate limit (retry-after)',
      };
    }
    const primary = primaryLimitWait(headers, nowMs);
    if (primary > 0) {
      return { retry: true, waitMs: primary, reason: 'primary rate limit' };
    }
    if (status === 429 || /secondary rate limit|abuse/i.test(message)) {
      return {
        retry: true,
        waitMs: policy.rateLimitBackoffMs * 2 ** attempt,
        reason: 'secondary rate limit',
      };
    }
    return { retry: false };
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
