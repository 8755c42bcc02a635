/** How a rule compares the metric's value with its threshold. */
export type ScorecardOperator = '<' | '<=' | '>' | '>=';

export const scorecardOperators: readonly ScorecardOperator[] = [
  '<',
  '<=',
  '>',
  '>=',
];

/**
 * Which catalog entities a scorecard grades. Every given criterion must hold;
 * an omitted or empty list does not constrain. Kinds, types and lifecycles
 * compare case-insensitively; tags match when the entity has any of them;
 * owners are group refs, and an owner includes its descendant groups.
 */
export interface ScorecardFilter {
  kinds?: string[];
  /** `spec.type` */
  types?: string[];
  /** `spec.lifecycle` */
  lifecycles?: string[];
  tags?: string[];
  owners?: string[];
}

/** A rule (a working agreement) as written in config or sent to the API. */
export interface ScorecardRule {
  id: string;
  title: string;
  description?: string;
  /** A path of the scorecard metric catalog, e.g. `leadTime.median`. */
  metric: string;
  operator: ScorecardOperator;
  /** Written the way people say it: `24h`, `15%`, `400`, `1/week`. */
  threshold: string | number;
  /** Same operator, looser than `threshold`: failing the threshold but passing this is a warn. */
  warn?: string | number;
  /** Fewer samples than this behind the value is `no-data`. */
  minSampleSize?: number;
  /** One of the scorecard's levels. */
  level: string;
}

/** A scorecard as written in config or sent to the API. */
export interface Scorecard {
  id: string;
  title: string;
  description?: string;
  filter?: ScorecardFilter;
  /** Days or weeks of metrics each evaluation looks back on: `30d`, `4w`. Default `30d`. */
  window?: string;
  /** Level names, lowest first, e.g. `['bronze', 'silver', 'gold']`. */
  levels: string[];
  rules: ScorecardRule[];
}

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
