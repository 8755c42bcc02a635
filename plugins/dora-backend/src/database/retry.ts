/** PostgreSQL aborted the transaction to break a deadlock or a serialization conflict. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Told before each new attempt (to log it). */
  onRetry?: (error: unknown, attempt: number) => void;
  /** Waits; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock or a
 * serialization failure: a bounded number of times, after a growing wait
 * with jitter, so writers that collided do not collide again in step.
 * A transaction that failed this way wrote nothing, so running it again is
 * safe. Other errors pass through at once.
 */
export async function retryTransaction<T>(
  work: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 10;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      options.onRetry?.(error, attempt);
      const base = 10 * 2 ** (attempt - 1);
      await sleep(base + Math.random() * base);
    }
  }
}
