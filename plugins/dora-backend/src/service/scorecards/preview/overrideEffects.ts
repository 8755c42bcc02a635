import {
  GradedRuleResult,
  ParsedScorecard,
  PreviewOverrideEffect,
  RuleStatus,
  meets,
} from '@dora-metrics/plugin-dora-common';
import { GradedEntity } from './WeeklyGrading';

/** The status a rule's value gets against the scorecard's own thresholds. */
function statusAgainst(
  rule: GradedRuleResult,
  threshold: number,
  warn: number | null,
): RuleStatus {
  // No data (no value, or too few samples) does not depend on the threshold.
  if (rule.evaluatedStatus === 'no-data' || rule.actual === null) {
    return 'no-data';
  }
  if (meets(rule.actual, rule.operator, threshold)) return 'pass';
  if (warn !== null && meets(rule.actual, rule.operator, warn)) return 'warn';
  return 'fail';
}

/**
 * For each entity and shown rule (active or announced) whose threshold an
 * override changes (a threshold or warn other than the scorecard's), the
 * status with the override and the one it would have without. An exempt
 * rule stays exempt either way.
 */
export function overrideEffects(
  scorecard: ParsedScorecard,
  graded: readonly GradedEntity[],
): PreviewOverrideEffect[] {
  const byId = new Map(scorecard.rules.map(r => [r.id, r]));
  const effects: PreviewOverrideEffect[] = [];
  for (const { entityRef, result } of graded) {
    for (const rule of [...result.rules, ...result.announced]) {
      const own = byId.get(rule.ruleId);
      if (!own || rule.source.kind === 'scorecard') continue;
      if (rule.threshold === own.threshold && rule.warn === own.warn) continue;
      effects.push({
        entityRef,
        ruleId: rule.ruleId,
        source: rule.source.kind,
        ...(rule.source.kind === 'group' && {
          groupRef: rule.source.groupRef,
        }),
        threshold: rule.threshold,
        defaultThreshold: own.threshold,
        status: rule.status,
        statusWithoutOverride:
          rule.status === 'exempt'
            ? 'exempt'
            : statusAgainst(rule, own.threshold, own.warn),
      });
    }
  }
  return effects;
}
