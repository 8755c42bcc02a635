import { z } from 'zod';
import type { MetricsBody } from '../engine/computeMetrics';
import type { MoversReport } from '../movers/moversReport';
import type { ScorecardCompliance } from './scorecards';
import type { PooledGroupRow } from './metrics';
import { metricsWindowQueryShape } from './metrics';

/**
 * Query of `GET /v1/movers`: the window (as every metrics route) and the
 * teams compared: the sub-tree of `groupRef` (its sub-teams at every depth
 * and their services), or every team of the catalog without it.
 */
export const moversQuerySchema = z.object({
  groupRef: z.string().min(1).optional(),
  ...metricsWindowQueryShape,
});

/**
 * Response of `GET /v1/movers` and the `movers` of
 * `GET /v1/groups/{namespace}/{name}/metrics?include=movers`: every team and
 * service's change of the four metrics from the window of the same length
 * just before, and the services per band now and then.
 */
export type MoversResponse = MoversReport;

/** The periods of a team's trend. */
export const trendPeriods = ['quarter', 'month'] as const;
export type TrendPeriod = (typeof trendPeriods)[number];

/** The most periods one trend answers. */
export const MAX_TREND_PERIODS = 12;

/**
 * Query of `GET /v1/groups/{namespace}/{name}/trend`: the last `count`
 * calendar quarters or months in `timezone` (default UTC), the current one
 * (up to now) included.
 */
export const groupTrendQuerySchema = z.object({
  period: z.enum(trendPeriods).optional(),
  count: z.coerce.number().int().min(1).max(MAX_TREND_PERIODS).optional(),
  timezone: z.string().optional(),
});

/** One period of a team's trend: the team's metrics pooled over it, as always. */
export interface TrendRow {
  /** `2026-Q3` or `2026-07`. */
  label: string;
  /** ISO instants: the period's start, and its end (or now for the current period). */
  from: string;
  to: string;
  /** Whether the period is still running (its `to` is now). */
  partial: boolean;
  metrics: Omit<MetricsBody, 'series' | 'window'>;
}

/** Response of `GET /v1/groups/{namespace}/{name}/trend`: oldest period first. */
export interface GroupTrendResponse {
  groupRef: string;
  period: TrendPeriod;
  timezone: string;
  rows: TrendRow[];
}

/**
 * Response of `GET /v1/groups/{namespace}/{name}/report` (JSON; `format=csv`
 * or `Accept: text/csv` gives the same as one CSV table with a `section`
 * column): a group's quarterly review in one answer.
 */
export interface GroupReport {
  groupRef: string;
  title?: string;
  window: { from: string; to: string; timezone: string };
  generatedAt: string;
  /** The group pooled, its sub-teams at every depth included. */
  team: Omit<MetricsBody, 'series'>;
  /** Each direct sub-team pooled. */
  subTeams: PooledGroupRow[];
  /** Each service of the sub-tree. */
  services: Array<
    Omit<MetricsBody, 'series' | 'window'> & { entityRef: string }
  >;
  movers: MoversResponse;
  /** Each scorecard's compliance over the group's services. */
  compliance: ScorecardCompliance[];
}

/** Response of `POST /v1/notifications/evaluate`: what one evaluation of the signals did. */
export interface SignalEvaluationResponse {
  /** Signals observed (entity × rule, entity × scorecard level, entity or team × metric, open pull requests). */
  observed: number;
  /** Notifications sent, by signal kind. */
  sent: Record<string, number>;
  /** Changes seen but not yet held for the configured number of evaluations. */
  pending: number;
}
