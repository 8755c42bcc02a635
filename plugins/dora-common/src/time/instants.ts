/** Epoch milliseconds of an ISO-8601 instant, or `null` when absent. */
export function toMillis(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

/** A half-open window `[from, to)` in epoch milliseconds. */
export interface Window {
  from: number;
  to: number;
}

export function inWindow(window: Window, instant: number | null): boolean {
  return instant !== null && instant >= window.from && instant < window.to;
}
