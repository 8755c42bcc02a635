import { z } from 'zod';
import type { Bucket } from '../time/calendar';

/**
 * The window parameters of `GET /v1/metrics`, `GET /v1/groups/{namespace}/{name}/metrics`
 * and `GET /v1/events`. Plain strings here: `parseMetricsRequest` checks them
 * afterwards so that a 400 names every bad one.
 */
export const metricsWindowQueryShape = {
  from: z.string().optional(),
  to: z.string().optional(),
  timezone: z.string().optional(),
  bucket: z.string().optional(),
};

/** Query of `GET /v1/metrics`. */
export const entityMetricsQuerySchema = z.object({
  entityRef: z.string().min(1),
  ...metricsWindowQueryShape,
});

/** Query of `GET /v1/groups/{namespace}/{name}/metrics`. */
export const groupMetricsQuerySchema = z.object(metricsWindowQueryShape);

/** The window parameters as they arrive (strings, unchecked). */
export type MetricsWindowQuery = z.infer<typeof groupMetricsQuerySchema>;

/**
 * The window, calendar and bucket of a metrics request, as a client sends
 * them: ISO-8601 `from` (inclusive) and `to` (exclusive), an IANA `timezone`.
 */
export type MetricsQuery = Omit<MetricsWindowQuery, 'bucket'> & {
  bucket?: Bucket;
};
