import { toMillis } from '../mapping/instants';

/**
 * How long a deployment or run without an outcome holds the cursor back so
 * that its outcome is read later; older ones are given up on.
 */
export const PENDING_GRACE_MS = 24 * 3600_000;

/**
 * The next cursor of a created-at ordered stream: the newest creation seen,
 * but never past the oldest recent item still without an outcome.
 */
export class CreatedCursor {
  private newest: string;
  private oldestPending: string | undefined;

  constructor(since: string) {
    this.newest = since;
  }

  seen(createdAt: string) {
    if (toMillis(createdAt) > toMillis(this.newest)) this.newest = createdAt;
  }

  pending(createdAt: string, now: number) {
    if (now - toMillis(createdAt) > PENDING_GRACE_MS) return;
    if (
      this.oldestPending === undefined ||
      toMillis(createdAt) < toMillis(this.oldestPending)
    ) {
      this.oldestPending = createdAt;
    }
  }

  get value(): string {
    return this.oldestPending ?? this.newest;
  }
}
