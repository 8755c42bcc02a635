import { ServiceUnavailableError } from '@backstage/errors';
import { Response } from 'express';

export interface LoadSheddingOptions {
  /** Heavy computations at once. */
  maxRunning: number;
  /** Heavy requests waiting for a turn; more are refused. */
  maxQueued: number;
  /** What a refused client is told to wait (`Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Bounds the heavy reads (team rollups, long windows) that run at once, so
 * a storm of them queues instead of piling up, and light requests keep
 * their speed. When the queue is full a request is refused with 503 and
 * `Retry-After` rather than made to wait without end.
 */
export class LoadShedder {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: LoadSheddingOptions) {}

  async run<T>(res: Response, work: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.maxRunning) {
      if (this.waiting.length >= this.options.maxQueued) {
        res.setHeader('Retry-After', String(this.options.retryAfterSeconds));
        throw new ServiceUnavailableError(
          `Too many heavy DORA reads at once; retry in ${this.options.retryAfterSeconds} s`,
        );
      }
      // A finishing request hands its turn over (running stays the same).
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
