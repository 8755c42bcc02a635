import {
  DAY_MS,
  ParsedScorecard,
  PreviewRuleWeek,
  PreviewWeek,
  ScorecardStaging,
  ruleStagesAt,
} from '@dora-metrics/plugin-dora-common';
import { GradedInstant } from './WeeklyGrading';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One week of a preview from the entities graded at its end: how many reach
 * each level (or a higher one), how many none, and per rule active then how
 * many pass, warn, fail, lack data or are exempt.
 */
export function weekSummary(
  scorecard: ParsedScorecard,
  staging: ScorecardStaging,
  graded: GradedInstant,
): PreviewWeek {
  const { at, results } = graded;
  const stages = ruleStagesAt(
    staging,
    scorecard.rules.map(r => r.id),
    at,
  );
  const rules = new Map<string, PreviewRuleWeek>(
    scorecard.rules
      .filter(rule => stages[rule.id].stage === 'active')
      .map(rule => [
        rule.id,
        { ruleId: rule.id, pass: 0, warn: 0, fail: 0, noData: 0, exempt: 0 },
      ]),
  );
  const reached = scorecard.levels.map(() => 0);
  let noLevel = 0;
  for (const { result } of results) {
    if (result.level === null) noLevel++;
    result.levels.forEach((level, i) => {
      if (level.achieved) reached[i]++;
    });
    for (const rule of result.rules) {
      const counts = rules.get(rule.ruleId);
      if (!counts) continue;
      if (rule.status === 'no-data') counts.noData++;
      else counts[rule.status]++;
    }
  }
  return {
    from: iso(at - scorecard.windowDays * DAY_MS),
    to: iso(at),
    entities: results.length,
    levels: scorecard.levels.map((level, i) => ({
      level,
      reached: reached[i],
    })),
    noLevel,
    rules: [...rules.values()],
  };
}
