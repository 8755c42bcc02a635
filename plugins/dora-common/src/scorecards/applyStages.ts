import { ScorecardResult } from './evaluate';
import {
  asGraded,
  GradedRuleResult,
  GradedScorecardResult,
  levelsOf,
} from './graded';
import { RuleStageAt } from './staging';

/*
 * Applies the stages at an instant to a result, so a rule announced for next
 * month shows its result today without moving anyone's level.
 */

/**
 * Keeps active rules in `rules` (they make the levels), moves announced rules
 * to `announced` with the date they count from, and drops draft rules. A rule
 * without a stage is active. Levels are recomputed from the active rules.
 */
export function applyStages(
  result: ScorecardResult | GradedScorecardResult,
  stages: Record<string, RuleStageAt>,
): GradedScorecardResult {
  const graded = asGraded(result);
  const active: GradedRuleResult[] = [];
  const announced: GradedRuleResult[] = [];
  for (const rule of [...graded.rules, ...graded.announced]) {
    const at = stages[rule.ruleId] ?? { stage: 'active', activeFrom: null };
    const staged = { ...rule, stage: at.stage, activeFrom: at.activeFrom };
    if (at.stage === 'active') active.push(staged);
    else if (at.stage === 'announced') announced.push(staged);
  }
  const levelNames = graded.levels.map(l => l.level);
  return {
    scorecardId: graded.scorecardId,
    ...levelsOf(levelNames, active),
    rules: active,
    announced,
  };
}
