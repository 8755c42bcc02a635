import { ScorecardResultRecord } from '@dora-metrics/plugin-dora-common';

/**
 * Stored scorecard results as rows: one per entity × rule (active rules,
 * then announced ones, told apart by `ruleStage`), the rule's fields under
 * `rule.`; an entity graded by no rule still has one row. `evaluatedAt` is
 * written as an ISO-8601 instant (the JSON's epoch milliseconds).
 */
export function scorecardResultRows(
  records: ScorecardResultRecord[],
): Record<string, unknown>[] {
  return records.flatMap(record => {
    const entity = {
      scorecardId: record.scorecardId,
      entityRef: record.entityRef,
      evaluatedAt: new Date(record.evaluatedAt).toISOString(),
      version: record.version,
      level: record.level,
      problems: record.result.problems,
    };
    const rules = [
      ...record.result.rules.map(rule => ({ ruleStage: 'active', rule })),
      ...record.result.announced.map(rule => ({
        ruleStage: 'announced',
        rule,
      })),
    ];
    return rules.length === 0
      ? [entity]
      : rules.map(rule => ({ ...entity, ...rule }));
  });
}
