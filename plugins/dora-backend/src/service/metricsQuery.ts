import {
  DAY_MS,
  MetricsRequest,
  MetricsWindowQuery,
  parseMetricsRequest,
} from '@dora-metrics/plugin-dora-common';
import { InputError } from '@backstage/errors';

const DEFAULT_WINDOW_DAYS = 30;
/** Longer windows would read years of events per request. */
export const MAX_WINDOW_DAYS = 1096;

/**
 * The window of a metrics request: `[from, to)`, by default the 30 days
 * ending now. A 400 lists every bad parameter.
 */
export function resolveMetricsQuery(
  query: MetricsWindowQuery,
  now: number,
): MetricsRequest {
  const to = query.to ?? new Date(now).toISOString();
  const toMillis = Date.parse(to);
  const from =
    query.from ??
    new Date(
      (Number.isNaN(toMillis) ? now : toMillis) - DEFAULT_WINDOW_DAYS * DAY_MS,
    ).toISOString();
  const parsed = parseMetricsRequest({
    from,
    to,
    timezone: query.timezone,
    bucket: query.bucket,
  });
  if (!parsed.ok) {
    throw new InputError(
      `Invalid metrics request: ${parsed.problems.join('; ')}`,
    );
  }
  const { window } = parsed.request;
  if (window.to - window.from > MAX_WINDOW_DAYS * DAY_MS) {
    throw new InputError(
      `Invalid metrics request: the window is longer than ${MAX_WINDOW_DAYS} days`,
    );
  }
  return parsed.request;
}

/**
 * The window of the same length just before the request's, same timezone
 * and bucket: what the frontend asks for as its "previous window" (see
 * plugins/dora/src/components/shared/doraWindow.ts, windowQueries).
 */
export function previousMetricsRequest(
  request: MetricsRequest,
): MetricsRequest {
  const { from, to } = request.window;
  const iso = (millis: number) => new Date(millis).toISOString();
  return resolveMetricsQuery(
    {
      from: iso(from - (to - from)),
      to: iso(from),
      timezone: request.timezone,
      bucket: request.bucket,
    },
    from,
  );
}
