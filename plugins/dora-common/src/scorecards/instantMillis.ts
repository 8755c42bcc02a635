/** An instant as the model's functions take it (a Date, epoch milliseconds or ISO-8601 text), in epoch milliseconds. */
export type InstantLike = Date | string | number;

/** The caller gives the instant (the model never reads the clock); this reads it in any of its forms. */
export function instantMillis(at: InstantLike): number {
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'number') return at;
  return Date.parse(at);
}
