import { clearsLevel, GradedScorecardResult } from './graded';
import { InitiativeTarget } from './initiatives';

/*
 * Whether one entity's graded result meets an initiative's target, and what
 * it misses: the weekly snapshots an initiative's progress is measured on
 * are made of these.
 */

export interface InitiativeStanding {
  meets: boolean;
  /** Ids of the counted rules that keep it from the target (empty when it meets it). */
  misses: string[];
}

/**
 * A level target is met when the result reaches that level (or a higher
 * one); it misses the counted rules of that level and the levels below that
 * do not clear it. A rule target is met when the rule passes, warns or is
 * exempt (an exemption excuses it). A rule that is only announced does not
 * count yet; a target on it is missed, with the rule named.
 */
export function initiativeStanding(
  target: InitiativeTarget,
  result: GradedScorecardResult,
): InitiativeStanding {
  if ('ruleId' in target) {
    const rule = result.rules.find(r => r.ruleId === target.ruleId);
    const meets = rule !== undefined && clearsLevel(rule.status);
    return { meets, misses: meets ? [] : [target.ruleId] };
  }
  const order = result.levels.map(l => l.level);
  const index = order.indexOf(target.level);
  if (index === -1) return { meets: false, misses: [] };
  const upTo = new Set(order.slice(0, index + 1));
  const misses = result.rules
    .filter(r => upTo.has(r.level) && !clearsLevel(r.status))
    .map(r => r.ruleId);
  return { meets: result.levels[index].achieved, misses };
}
