/**
 * An Opsgenie time as epoch milliseconds. `createdAt` comes in milliseconds
 * and `updatedAt` in nanoseconds; anything this large is taken as nanoseconds.
 */
export function opsgenieMillis(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return value > 1e14 ? Math.round(value / 1e6) : value;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export const toIso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString();
