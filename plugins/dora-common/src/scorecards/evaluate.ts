import { MetricsBody } from '../engine/computeMetrics';
import { ThresholdSource } from './overrides';
import { findScorecardMetric, readScorecardMetric } from './scorecardMetrics';
import { formatThreshold } from './thresholds';
import { ParsedScorecard, ScorecardOperator } from './types';

export type RuleStatus = 'pass' | 'warn' | 'fail' | 'no-data';

/** The threshold in force for a rule (see `resolveThreshold`). */
export interface ThresholdInForce {
  threshold: number;
  warn: number | null;
  source: ThresholdSource;
}

export interface RuleResult {
  ruleId: string;
  title: string;
  metric: string;
  level: string;
  operator: ScorecardOperator;
  status: RuleStatus;
  actual: number | null;
  sampleSize: number | null;
  threshold: number;
  warn: number | null;
  /** The threshold the way people say it: `24h`, `15%`, `1/week`. */
  thresholdText: string;
  warnText: string | null;
  source: ThresholdSource;
}

export interface LevelResult {
  level: string;
  achieved: boolean;
}

export interface ScorecardResult {
  scorecardId: string;
  /** The highest level reached; `null` when not even the lowest is. */
  level: string | null;
  /** Every level, lowest first. */
  levels: LevelResult[];
  rules: RuleResult[];
}

export interface EvaluateScorecardOptions {
  scorecard: ParsedScorecard;
  metrics: MetricsBody;
  /** By rule id; a rule without an entry uses the scorecard's own threshold. */
  thresholds?: Record<string, ThresholdInForce>;
}

/**
 * Values this close are equal: a rate such as `perWeek` (computed as
 * `count / days * 7`) can land a rounding error away from the `1/week` it
 * exactly meets.
 */
const RELATIVE_TOLERANCE = 1e-9;

/** Whether `actual` meets `limit` under the operator, equal within rounding. */
export function meets(
  actual: number,
  operator: ScorecardOperator,
  limit: number,
): boolean {
  const equal =
    Math.abs(actual - limit) <=
    RELATIVE_TOLERANCE * Math.max(1, Math.abs(actual), Math.abs(limit));
  switch (operator) {
    case '<':
      return !equal && actual < limit;
    case '<=':
      return equal || actual < limit;
    case '>':
      return !equal && actual > limit;
    case '>=':
    default:
      return equal || actual > limit;
  }
}

/**
 * Grades one entity's metrics against a scorecard. A rule is `no-data` when
 * its value is missing or rests on fewer samples than its `minSampleSize`
 * (never a pass), `pass` when it meets the threshold, `warn` when it fails
 * the threshold but meets the warn threshold, and `fail` otherwise. The
 * entity reaches a level when every rule of it and of every lower level is
 * `pass` or `warn`; a level without rules is reached with the levels below.
 */
export function evaluateScorecard(
  options: EvaluateScorecardOptions,
): ScorecardResult {
  const { scorecard, metrics, thresholds = {} } = options;
  const rules = scorecard.rules.map((rule): RuleResult => {
    const inForce: ThresholdInForce = thresholds[rule.id] ?? {
      threshold: rule.threshold,
      warn: rule.warn,
      source: { kind: 'scorecard' },
    };
    const metric = findScorecardMetric(rule.metric);
    const { actual, sampleSize } = metric
      ? readScorecardMetric(metrics, metric)
      : { actual: null, sampleSize: null };
    const tooFew =
      rule.minSampleSize !== undefined &&
      rule.minSampleSize > 0 &&
      (sampleSize ?? 0) < rule.minSampleSize;
    let status: RuleStatus;
    if (actual === null || tooFew) {
      status = 'no-data';
    } else if (meets(actual, rule.operator, inForce.threshold)) {
      status = 'pass';
    } else if (
      inForce.warn !== null &&
      meets(actual, rule.operator, inForce.warn)
    ) {
      status = 'warn';
    } else {
      status = 'fail';
    }
    const format = (value: number) =>
      metric ? formatThreshold(value, metric) : String(value);
    return {
      ruleId: rule.id,
      title: rule.title,
      metric: rule.metric,
      level: rule.level,
      operator: rule.operator,
      status,
      actual,
      sampleSize,
      threshold: inForce.threshold,
      warn: inForce.warn,
      thresholdText: format(inForce.threshold),
      warnText: inForce.warn === null ? null : format(inForce.warn),
      source: inForce.source,
    };
  });

  let reached = true;
  let level: string | null = null;
  const levels = scorecard.levels.map((name): LevelResult => {
    reached =
      reached &&
      rules
        .filter(r => r.level === name)
        .every(r => r.status === 'pass' || r.status === 'warn');
    if (reached) level = name;
    return { level: name, achieved: reached };
  });
  return { scorecardId: scorecard.id, level, levels, rules };
}
