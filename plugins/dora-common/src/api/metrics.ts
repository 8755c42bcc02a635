import { z } from 'zod';
import type { GroupMetrics, RollupEntityRow } from '../engine/computeRollup';
import type { MetricsBody } from '../engine/computeMetrics';
import type { SeriesPoint } from '../metrics/series';
import type { Bucket } from '../time/calendar';
import type { MoversResponse } from './movers';

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

/** What `include` of `GET /v1/groups/{namespace}/{name}/metrics` can add to the body. */
export const groupMetricsIncludes = [
  'previous',
  'entitySeries',
  'subTeams',
  'movers',
] as const;
export type GroupMetricsInclude = (typeof groupMetricsIncludes)[number];

/** Comma-separated `include` values; a 400 names the unknown ones and the allowed. */
const includeParam = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const values = (value ?? '')
      .split(',')
      .map(v => v.trim())
      .filter(v => v !== '');
    const unknown = values.filter(
      v => !(groupMetricsIncludes as readonly string[]).includes(v),
    );
    if (unknown.length > 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `unknown value ${unknown
          .map(v => JSON.stringify(v))
          .join(', ')}; allowed: ${groupMetricsIncludes.join(', ')}`,
      });
      return z.NEVER;
    }
    return [...new Set(values)] as GroupMetricsInclude[];
  });

/** Query of `GET /v1/groups/{namespace}/{name}/metrics`. */
export const groupMetricsQuerySchema = z.object({
  ...metricsWindowQueryShape,
  include: includeParam,
});

/** At most this many groups in one `GET /v1/groups/metrics`. */
export const MAX_GROUPS_PER_REQUEST = 500;

/** Query of `GET /v1/groups/metrics`: `groupRef` repeated; none means every group. */
export const groupsMetricsQuerySchema = z.object({
  ...metricsWindowQueryShape,
  groupRef: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .optional()
    .transform(v => (v === undefined ? undefined : [v].flat()))
    .refine(
      v => v === undefined || v.length <= MAX_GROUPS_PER_REQUEST,
      `at most ${MAX_GROUPS_PER_REQUEST} groups per request`,
    ),
});

/** The window parameters as they arrive (strings, unchecked). */
export type MetricsWindowQuery = z.infer<
  z.ZodObject<typeof metricsWindowQueryShape>
>;

/** A team's metrics pooled, without entity rows or series: a row of a table of teams. */
export type PooledGroupRow = Omit<MetricsBody, 'series'> & {
  groupRef: string;
  /** The group's display name (`spec.profile.displayName`, else `metadata.title`). */
  title?: string;
  /** How many services the team pools, sub-teams included. */
  serviceCount: number;
};

/** The previous window's pooled body (`include=previous`). */
export type PreviousGroupMetrics = MetricsBody;

/** An entity row with its own series (`include=entitySeries`). */
export type RollupEntityRowWithSeries = RollupEntityRow & {
  series?: SeriesPoint[];
};

/** Response of `GET /v1/groups/{namespace}/{name}/metrics`, with what `include` asked for. */
export interface GroupMetricsResponse extends GroupMetrics {
  entities: RollupEntityRowWithSeries[];
  /** `include=previous`: the window of the same length just before. */
  previous?: PreviousGroupMetrics;
  /** `include=subTeams`: one row per direct child group. */
  subTeams?: PooledGroupRow[];
  /** `include=movers`: the movers of the group's sub-teams (every depth) and services. */
  movers?: MoversResponse;
}

/** A row of `GET /v1/groups/metrics`. */
export type GroupsMetricsRow = PooledGroupRow & {
  type?: string;
  /** The group directly above, if the caller can see it. */
  parentRef?: string;
};

/** Response of `GET /v1/groups/metrics`. */
export interface GroupsMetricsResponse {
  items: GroupsMetricsRow[];
  /** Groups asked for that the catalog does not have (or the caller cannot see). */
  notFound: string[];
}

/**
 * The window, calendar and bucket of a metrics request, as a client sends
 * them: ISO-8601 `from` (inclusive) and `to` (exclusive), an IANA `timezone`.
 */
export type MetricsQuery = Omit<MetricsWindowQuery, 'bucket'> & {
  bucket?: Bucket;
};
