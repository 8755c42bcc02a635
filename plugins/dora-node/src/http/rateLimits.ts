/**
 * What the clients of source APIs (GitHub, GitLab, ...) share about rate
 * limits: the policy, the error that ends a run instead of blocking it, and
 * the pause all requests to one host respect once the source said its limit
 * is used up. Reading a source's own headers stays in its module.
 */

/** Waits; injectable so tests do not really wait. */
export type Sleep = (ms: number) => Promise<void>;

/** A real wait, on a timer. */
export const realSleep: Sleep = ms =>
  new Promise(resolve => setTimeout(resolve, ms));

/** The headers rate limit logic reads (a fetch `Headers` fits). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** How long a client may wait and how often it retries. */
export interface RateLimitPolicy {
  /** The longest single wait; a longer one gives up with a RateLimitError. */
  maxWaitMs: number;
  /** Retries of one request after a rate limit or a 5xx answer. */
  maxRetries: number;
  /** First wait after a rate-limit answer that names no wait (doubles per retry). */
  rateLimitBackoffMs: number;
  /** First wait after a 5xx answer (doubles per retry). */
  serverErrorBackoffMs: number;
}

/** Up to 15 minutes a wait, 3 retries, backoffs from 1 minute (rate limit) and 1 second (5xx). */
export const DEFAULT_RATE_LIMIT_POLICY: RateLimitPolicy = {
  maxWaitMs: 15 * 60_000,
  maxRetries: 3,
  rateLimitBackoffMs: 60_000,
  serverErrorBackoffMs: 1_000,
};

/** Thrown when a source asks for a wait longer than allowed: stop, resume next run. */
export class RateLimitError extends Error {
  readonly name = 'RateLimitError';
  constructor(
    message: string,
    readonly waitMs: number,
  ) {
    super(message);
  }
}

/** What a {@link RateLimitGate} needs to know of its source. */
export interface RateLimitGateOptions {
  /** The source's name in messages, e.g. `GitHub`. */
  source: string;
  sleep: Sleep;
  now: () => number;
  policy: RateLimitPolicy;
  /** Milliseconds to pause before the next request after this answer; 0 when the limit is not used up. */
  exhaustedWait: (headers: HeaderReader, nowMs: number) => number;
  /** Why such a pause is taken, e.g. `primary rate limit`. */
  exhaustedReason: string;
}

/**
 * The pause every request to one API host respects once the source said its
 * limit is used up. One per host, shared by the clients of its repositories.
 */
export class RateLimitGate {
  private resumeAt = 0;

  constructor(private readonly options: RateLimitGateOptions) {}

  get policy(): RateLimitPolicy {
    return this.options.policy;
  }

  now(): number {
    return this.options.now();
  }

  /** Remember when to resume if the answer used the limit up. */
  observe(headers: HeaderReader) {
    const now = this.options.now();
    const wait = this.options.exhaustedWait(headers, now);
    if (wait > 0) this.resumeAt = Math.max(this.resumeAt, now + wait);
  }

  /** Wait out a used-up limit before sending (once: the next answer says more). */
  async beforeRequest() {
    const wait = this.resumeAt - this.options.now();
    this.resumeAt = 0;
    await this.wait(wait, this.options.exhaustedReason);
  }

  /** Wait, or give up with a RateLimitError when the wait is over the policy's cap. */
  async wait(ms: number, reason: string) {
    if (ms <= 0) return;
    const { maxWaitMs } = this.options.policy;
    if (ms > maxWaitMs) {
      throw new RateLimitError(
        `${this.options.source} ${reason}: would wait ${Math.ceil(ms / 1000)} s, more than the allowed ${Math.ceil(maxWaitMs / 1000)} s`,
        ms,
      );
    }
    await this.options.sleep(ms);
  }
}
