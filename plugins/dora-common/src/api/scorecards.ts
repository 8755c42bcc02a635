import { z } from 'zod';
import type { GradedScorecardResult } from '../scorecards/graded';
import type { InitiativeEntry } from './initiatives';
import type { GradedCompliance } from '../scorecards/gradedCompliance';
import type { StagedScorecard } from '../scorecards/stagingSchema';

const instant = z
  .string()
  .refine(v => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 instant')
  .transform(v => Date.parse(v));

/** Query of `GET /v1/scorecards/results`. */
export const scorecardResultsQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  groupRef: z.string().min(1).optional(),
  scorecardId: z.string().min(1).optional(),
});
export type ScorecardResultsQuery = z.infer<typeof scorecardResultsQuerySchema>;

/** Query of `POST /v1/scorecards/evaluate`. */
export const scorecardEvaluateQuerySchema = z.object({
  scorecardId: z.string().min(1).optional(),
  entityRef: z.string().min(1).optional(),
});
export type ScorecardEvaluateQuery = z.infer<
  typeof scorecardEvaluateQuerySchema
>;

/** Query of `GET /v1/scorecards/:id/history`: instants arrive as ISO-8601 text. */
export const scorecardHistoryQuerySchema = z.object({
  entityRef: z.string().min(1),
  from: instant.optional(),
  to: instant.optional(),
});
/** As a client sends it (ISO-8601 text). */
export type ScorecardHistoryQuery = z.input<typeof scorecardHistoryQuerySchema>;

/** Query of `GET /v1/scorecards/:id/compliance`. */
export const scorecardComplianceQuerySchema = z.object({
  groupRef: z.string().min(1).optional(),
});

/**
 * Query of `GET /v1/scorecards/compliance` (every scorecard at once).
 * `include=initiatives` adds the initiatives (of the team, with `groupRef`)
 * to the same answer, so a team tab reads its agreements in one request.
 */
export const scorecardsComplianceQuerySchema =
  scorecardComplianceQuerySchema.extend({
    include: z
      .enum(['initiatives'], {
        errorMap: () => ({ message: 'must be initiatives' }),
      })
      .optional(),
  });

/** A scorecard as `GET /v1/scorecards` lists it (and as the write routes return it). */
export interface ScorecardEntry {
  /** As written, with its staging fields (`announceAt`, `activeFrom`) where given. */
  scorecard: StagedScorecard;
  /** `config` scorecards come from app-config and are read-only through the API. */
  source: 'config' | 'api';
  readOnly: boolean;
  /** 1 on creation, +1 on every update; config scorecards are version 1. */
  version: number;
  /** ISO-8601; absent for config scorecards. */
  updatedAt?: string;
  /** Who made the latest version; absent for config scorecards. */
  updatedBy?: string;
}

/** One version of a scorecard, as `GET /v1/scorecards/:id/versions` lists it (newest first). */
export interface ScorecardVersion {
  scorecardId: string;
  version: number;
  scorecard: StagedScorecard;
  /** The user entity ref, or the service principal's subject. */
  changedBy: string;
  /** ISO-8601. */
  changedAt: string;
}

/** One stored evaluation of a scorecard for an entity. */
export interface ScorecardResultRecord {
  scorecardId: string;
  /** Lower-cased entity ref. */
  entityRef: string;
  /** Epoch milliseconds. */
  evaluatedAt: number;
  /** The level the counted rules give (stages and exemptions applied). */
  level: string | null;
  /**
   * Stages and exemptions applied: as they stood at `evaluatedAt` in the
   * history, as they stand now in the latest results (an exemption that has
   * expired since, or a rule that became active, shows at once).
   * `problems`: overrides that could not be read (results stored before them lack it).
   */
  result: GradedScorecardResult & { problems?: string[] };
  /** The scorecard version that graded it; `null` for results stored before versions. */
  version: number | null;
}

/** Response of `POST /v1/scorecards/evaluate`: items only when one entity was evaluated. */
export interface ScorecardEvaluation {
  evaluatedAt: number;
  count: number;
  items?: ScorecardResultRecord[];
}

/** Per rule, how many graded services pass, warn, fail or have no data. */
export interface RuleCompliance {
  ruleId: string;
  title: string;
  level: string;
  pass: number;
  warn: number;
  fail: number;
  noData: number;
  /** Share passing or warning; `null` when no service is graded. */
  passRate: number | null;
}

/** How many graded services reach a level (or a higher one). */
export interface LevelCompliance {
  level: string;
  reached: number;
  share: number | null;
}

/**
 * Response of `GET /v1/scorecards/:id/compliance`: active rules in `rules`
 * (exempt entities counted apart, out of the pass rate), announced rules in
 * `announced`; `entities` is how many services have a result.
 */
export type ScorecardCompliance = GradedCompliance;

/** Response of `GET /v1/scorecards/compliance`: one item per scorecard, as listed. */
export interface ScorecardsComplianceResponse {
  items: ScorecardCompliance[];
  /** With `include=initiatives`: what `GET /v1/initiatives` answers for the same `groupRef`. */
  initiatives?: InitiativeEntry[];
}

/** Response of the list routes (`GET /v1/scorecards`, results, history). */
export interface ItemsResponse<T> {
  items: T[];
}
