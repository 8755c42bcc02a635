import type { z } from 'zod';
import type {
  scorecardFilterSchema,
  scorecardRuleSchema,
  scorecardSchema,
} from './schema';

/** How a rule compares the metric's value with its threshold. */
export const scorecardOperators = ['<', '<=', '>', '>='] as const;
export type ScorecardOperator = (typeof scorecardOperators)[number];

// The shapes people write are inferred from the zod schemas that check them,
// so a field is declared once (with its docs there).

/**
 * Which catalog entities a scorecard grades. Every given criterion must hold;
 * an omitted or empty list does not constrain. Kinds, types and lifecycles
 * compare case-insensitively; tags match when the entity has any of them;
 * owners are group refs, and an owner includes its descendant groups.
 */
export type ScorecardFilter = z.infer<typeof scorecardFilterSchema>;

/** A rule (a working agreement) as written in config or sent to the API. */
export type ScorecardRule = z.infer<typeof scorecardRuleSchema>;

/** A scorecard as written in config or sent to the API. */
export type Scorecard = z.infer<typeof scorecardSchema>;

/** A validated rule, its thresholds in the metric's unit. */
export interface ParsedScorecardRule {
  id: string;
  title: string;
  description?: string;
  metric: string;
  operator: ScorecardOperator;
  threshold: number;
  warn: number | null;
  minSampleSize?: number;
  level: string;
}

/** A validated scorecard. */
export interface ParsedScorecard {
  id: string;
  title: string;
  description?: string;
  /** Lists are non-empty when present; owners are full lower-case group refs. */
  filter: ScorecardFilter;
  /** As written, e.g. `30d` or `4w`. */
  window: string;
  windowDays: number;
  levels: string[];
  rules: ParsedScorecardRule[];
}
