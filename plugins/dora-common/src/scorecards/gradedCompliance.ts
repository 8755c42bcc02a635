import { LevelCompliance, RuleCompliance } from '../api/scorecards';
import { GradedRuleResult, GradedScorecardResult } from './graded';
import { ParsedScorecard } from './types';

/*
 * Compliance over graded results (stages and exemptions applied): announced
 * rules are reported apart ("would pass"), exempt entities are counted apart
 * and left out of a rule's pass rate, so an exemption neither flatters nor
 * hurts it.
 */

export interface GradedRuleCompliance extends RuleCompliance {
  /** Entities an approved exemption excuses from the rule. */
  exempt: number;
  /** Share passing or warning among the entities not exempt; `null` when none. */
  passRate: number | null;
  /** ISO-8601 instant it counts from; `null` when not dated. */
  activeFrom: string | null;
}

export interface GradedCompliance {
  scorecardId: string;
  groupRef: string | null;
  entities: number;
  /** Active rules. */
  rules: GradedRuleCompliance[];
  /** Announced rules: how the services would do once they count. */
  announced: GradedRuleCompliance[];
  levels: LevelCompliance[];
}

function ruleCompliance(
  rule: { id: string; title: string; level: string },
  found: GradedRuleResult[],
  entities: number,
): GradedRuleCompliance {
  const counts = { pass: 0, warn: 0, fail: 0, 'no-data': 0, exempt: 0 };
  for (const r of found) counts[r.status]++;
  const graded = entities - counts.exempt;
  return {
    ruleId: rule.id,
    title: rule.title,
    level: rule.level,
    pass: counts.pass,
    warn: counts.warn,
    fail: counts.fail,
    noData: counts['no-data'],
    exempt: counts.exempt,
    passRate: graded > 0 ? (counts.pass + counts.warn) / graded : null,
    activeFrom: found[0]?.activeFrom ?? null,
  };
}

/**
 * Per active rule and per announced rule, how many entities pass, warn,
 * fail, lack data or are exempt; per level how many reach it (from the
 * levels the active rules give). `results` are the latest graded result of
 * each entity; a rule is listed where the results show it, so a draft rule
 * (in no result) is left out; without any result every rule is listed, with zeros.
 */
export function gradedCompliance(
  scorecard: ParsedScorecard,
  results: readonly GradedScorecardResult[],
  groupRef?: string,
): GradedCompliance {
  const entities = results.length;
  const rules: GradedRuleCompliance[] = [];
  const announced: GradedRuleCompliance[] = [];
  for (const rule of scorecard.rules) {
    const active = results.flatMap(r =>
      r.rules.filter(x => x.ruleId === rule.id),
    );
    const early = results.flatMap(r =>
      r.announced.filter(x => x.ruleId === rule.id),
    );
    if (early.length) announced.push(ruleCompliance(rule, early, entities));
    else if (active.length || entities === 0) {
      rules.push(ruleCompliance(rule, active, entities));
    }
  }
  const share = (n: number) => (entities === 0 ? null : n / entities);
  const levels = scorecard.levels.map((level, index) => {
    const reached = results.filter(
      r => r.level !== null && scorecard.levels.indexOf(r.level) >= index,
    ).length;
    return { level, reached, share: share(reached) };
  });
  return {
    scorecardId: scorecard.id,
    groupRef: groupRef ?? null,
    entities,
    rules,
    announced,
    levels,
  };
}
