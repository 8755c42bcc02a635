/** Helpers over GitHub's ISO-8601 UTC timestamps (`2026-03-02T10:07:00Z`). */

export function toMillis(instant: string | null | undefined): number {
  return instant ? Date.parse(instant) : NaN;
}

/** The earliest of the given instants, or `null` when none is readable. */
export function earliest(
  instants: Array<string | null | undefined>,
): string | null {
  let best: string | null = null;
  for (const instant of instants) {
    const ms = toMillis(instant);
    if (!Number.isNaN(ms) && (best === null || ms < toMillis(best))) {
      best = instant!;
    }
  }
  return best;
}
