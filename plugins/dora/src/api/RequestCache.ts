/**
 * Answers of GET requests by their full URL, for a short time. Several
 * components of a page ask for the same thing (the scorecards, a service's
 * metrics for a window); they share one request, in flight or answered.
 * Failures are not kept, so a retry asks again.
 */
export class RequestCache {
  private readonly entries = new Map<
    string,
    { promise: Promise<unknown>; expires: number }
  >();

  constructor(
    private readonly ttlMillis: number = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > now) return entry.promise as Promise<T>;
    this.prune(now);
    const promise = load();
    this.entries.set(key, { promise, expires: now + this.ttlMillis });
    promise.catch(() => {
      if (this.entries.get(key)?.promise === promise) this.entries.delete(key);
    });
    return promise;
  }

  /** Forgets every answer, e.g. after the user changed something. */
  clear(): void {
    this.entries.clear();
  }

  // Windows ending "now" make new keys all the time: drop the stale ones.
  private prune(now: number) {
    for (const [key, entry] of this.entries) {
      if (entry.expires <= now) this.entries.delete(key);
    }
  }
}
