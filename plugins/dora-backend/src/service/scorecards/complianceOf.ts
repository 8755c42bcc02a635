import {
  ParsedScorecard,
  ScorecardCompliance,
  ScorecardResultRecord,
} from '@dora-metrics/plugin-dora-common';

/**
 * Per rule the share of graded entities passing it; per level the share
 * reaching it. `results` are the latest result of each graded entity.
 */
export function complianceOf(
  scorecardId: string,
  scorecard: ParsedScorecard,
  results: ScorecardResultRecord[],
  groupRef: string | undefined,
): ScorecardCompliance {
  const entities = results.length;
  const share = (n: number) => (entities === 0 ? null : n / entities);
  const rules = scorecard.rules.map(rule => {
    const counts = { pass: 0, warn: 0, fail: 0, 'no-data': 0 };
    for (const record of results) {
      const ruleResult = record.result.rules.find(r => r.ruleId === rule.id);
      if (ruleResult) counts[ruleResult.status]++;
    }
    return {
      ruleId: rule.id,
      title: rule.title,
      level: rule.level,
      pass: counts.pass,
      warn: counts.warn,
      fail: counts.fail,
      noData: counts['no-data'],
      passRate: share(counts.pass + counts.warn),
    };
  });
  const levels = scorecard.levels.map((level, index) => {
    const reached = results.filter(
      r => r.level !== null && scorecard.levels.indexOf(r.level) >= index,
    ).length;
    return { level, reached, share: share(reached) };
  });
  return {
    scorecardId,
    groupRef: groupRef ?? null,
    entities,
    rules,
    levels,
  };
}
