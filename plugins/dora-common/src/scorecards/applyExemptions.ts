import { ScorecardResult } from './evaluate';
import { InstantLike } from './instantMillis';
import { exemptionFor, Exemption } from './exemptions';
import {
  asGraded,
  GradedRuleResult,
  GradedScorecardResult,
  levelsOf,
} from './graded';

/*
 * Applies the exemptions in force at an instant to one entity's result: an
 * exempt rule shows `exempt` with its reason and expiry instead of pass or
 * fail, and does not hold a level back. Works before or after `applyStages`.
 */

export interface ExemptionSubject {
  entityRef: string;
  /** The owner group, then its parent, and so on. */
  groupAncestry: readonly string[];
}

export function applyExemptions(
  result: ScorecardResult | GradedScorecardResult,
  exemptions: readonly Exemption[],
  subject: ExemptionSubject,
  at: InstantLike,
): GradedScorecardResult {
  const graded = asGraded(result);
  const exempt = (rule: GradedRuleResult): GradedRuleResult => {
    const found = exemptionFor(
      exemptions,
      { ...subject, scorecardId: graded.scorecardId, ruleId: rule.ruleId },
      at,
    );
    const { exemption: _old, ...plain } = rule;
    if (!found) return { ...plain, status: rule.evaluatedStatus };
    return {
      ...plain,
      status: 'exempt',
      exemption: {
        exemptionId: found.id,
        reason: found.reason,
        expiresAt: found.expiresAt,
      },
    };
  };
  const rules = graded.rules.map(exempt);
  return {
    scorecardId: graded.scorecardId,
    ...levelsOf(
      graded.levels.map(l => l.level),
      rules,
    ),
    rules,
    announced: graded.announced.map(exempt),
  };
}
