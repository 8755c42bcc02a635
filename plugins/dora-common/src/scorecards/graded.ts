import {
  LevelResult,
  RuleResult,
  RuleStatus,
  ScorecardResult,
} from './evaluate';
import { RuleStage } from './staging';

/*
 * A result as people see it once stages and exemptions are applied: the
 * evaluator's result stays as it is (it says what the metrics say), and this
 * shape says what counts. Announced rules are kept apart with their result;
 * draft rules are not in it at all.
 */

/** `exempt`: an approved exemption applies; neither a pass nor a fail. */
export type GradedRuleStatus = RuleStatus | 'exempt';

/** Why a rule is exempt, shown wherever its result shows. */
export interface RuleExemptionNote {
  exemptionId: string;
  reason: string;
  /** ISO-8601; `null` when it does not expire. */
  expiresAt: string | null;
}

export interface GradedRuleResult extends Omit<RuleResult, 'status'> {
  status: GradedRuleStatus;
  /** What the metrics said, before an exemption replaced it. */
  evaluatedStatus: RuleStatus;
  stage: RuleStage;
  /** ISO-8601 instant it counts from ("counts from <date>"); `null` when not dated. */
  activeFrom: string | null;
  exemption?: RuleExemptionNote;
}

export interface GradedScorecardResult {
  scorecardId: string;
  /** The highest level reached by the counted rules; `null` when not even the lowest is. */
  level: string | null;
  levels: LevelResult[];
  /** Active rules: they count for levels and compliance. */
  rules: GradedRuleResult[];
  /** Announced rules: shown with their result, counted nowhere. */
  announced: GradedRuleResult[];
}

/** Statuses that do not hold a level back. */
export function clearsLevel(status: GradedRuleStatus): boolean {
  return status === 'pass' || status === 'warn' || status === 'exempt';
}

/**
 * Levels from the counted rules only, the way `evaluateScorecard` reaches
 * them: a level is reached when every counted rule of it and of every lower
 * level clears it; a level without counted rules is reached with those below.
 * With no counted rule at all (every rule still announced or draft), nothing
 * is reached: nothing counts yet, so no one is at a level, least of all the top.
 */
export function levelsOf(
  levelNames: readonly string[],
  rules: readonly GradedRuleResult[],
): { level: string | null; levels: LevelResult[] } {
  if (rules.length === 0) {
    return {
      level: null,
      levels: levelNames.map(name => ({ level: name, achieved: false })),
    };
  }
  let reached = true;
  let level: string | null = null;
  const levels = levelNames.map((name): LevelResult => {
    reached =
      reached &&
      rules.filter(r => r.level === name).every(r => clearsLevel(r.status));
    if (reached) level = name;
    return { level: name, achieved: reached };
  });
  return { level, levels };
}

function isGraded(
  result: ScorecardResult | GradedScorecardResult,
): result is GradedScorecardResult {
  return Array.isArray((result as GradedScorecardResult).announced);
}

/** An evaluator's result as a graded one: every rule active, nothing exempt. */
export function asGraded(
  result: ScorecardResult | GradedScorecardResult,
): GradedScorecardResult {
  if (isGraded(result)) return result;
  return {
    scorecardId: result.scorecardId,
    level: result.level,
    levels: result.levels,
    rules: result.rules.map(rule => ({
      ...rule,
      evaluatedStatus: rule.status,
      stage: 'active',
      activeFrom: null,
    })),
    announced: [],
  };
}
