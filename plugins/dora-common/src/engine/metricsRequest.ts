import { DateTime } from 'luxon';
import { Bucket, buckets, isValidTimeZone } from '../time/calendar';
import { Window } from '../time/instants';

/** The window and calendar a metrics body is computed for. */
export interface MetricsRequest {
  window: Window;
  timezone: string;
  bucket: Bucket;
}

export interface RawMetricsRequest {
  from: string;
  to: string;
  timezone?: string;
  bucket?: string;
}

const ISO_INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds, or `undefined` for another shape or a day that does not exist (Feb 30). */
function parseInstant(value: string): number | undefined {
  if (!ISO_INSTANT_WITH_OFFSET.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/**
 * Checks a window `[from, to)`, an IANA timezone (default UTC) and a bucket
 * (default week). Returns every problem at once, each naming its parameter.
 */
export function parseMetricsRequest(
  raw: RawMetricsRequest,
): { ok: true; request: MetricsRequest } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const from = parseInstant(raw.from);
  const to = parseInstant(raw.to);
  if (from === undefined) {
    problems.push(
      `from "${raw.from}" is not an ISO-8601 instant with an offset, e.g. 2026-03-01T00:00:00Z`,
    );
  }
  if (to === undefined) {
    problems.push(
      `to "${raw.to}" is not an ISO-8601 instant with an offset, e.g. 2026-04-01T00:00:00Z`,
    );
  }
  if (from !== undefined && to !== undefined && from >= to) {
    problems.push('from must be before to (the window is [from, to))');
  }
  const timezone = raw.timezone ?? 'UTC';
  if (!isValidTimeZone(timezone)) {
    problems.push(
      `timezone "${timezone}" is not an IANA timezone such as UTC or Europe/Berlin`,
    );
  }
  const bucket = (raw.bucket ?? 'week') as Bucket;
  if (!buckets.includes(bucket)) {
    problems.push(
      `bucket "${raw.bucket}" must be one of ${buckets.join(', ')}`,
    );
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    request: { window: { from: from!, to: to! }, timezone, bucket },
  };
}
