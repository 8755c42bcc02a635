import { DateTime, IANAZone } from 'luxon';

export type Bucket = 'day' | 'week' | 'month';
export const buckets: readonly Bucket[] = ['day', 'week', 'month'];

export function isValidTimeZone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

/**
 * The instants that cut `[from, to)` into calendar days, ISO weeks (from
 * Monday) or months of the given IANA timezone. The first and last pieces are
 * clipped to the window: `[from, b1, b2, ..., to]`.
 */
export function calendarBoundaries(
  from: number,
  to: number,
  timezone: string,
  unit: Bucket,
): number[] {
  const boundaries = [from];
  let cursor = DateTime.fromMillis(from, { zone: timezone }).startOf(unit);
  for (;;) {
    cursor = cursor.plus({ [`${unit}s`]: 1 });
    const instant = cursor.toMillis();
    if (instant >= to) break;
    boundaries.push(instant);
  }
  boundaries.push(to);
  return boundaries;
}

/** Which piece of `boundaries` holds `instant`; -1 outside `[first, last)`. */
export function pieceIndex(boundaries: number[], instant: number): number {
  const last = boundaries.length - 1;
  if (instant < boundaries[0] || instant >= boundaries[last]) return -1;
  let low = 0;
  let high = last - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (boundaries[mid] <= instant) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** An instant as ISO-8601 with the timezone's own offset. */
export function toZonedIso(instant: number, timezone: string): string {
  return DateTime.fromMillis(instant, { zone: timezone }).toISO()!;
}
