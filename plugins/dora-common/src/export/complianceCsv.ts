import type { ScorecardCompliance } from '../api/scorecards';

/**
 * A scorecard's compliance as rows: one per rule, active rules first then
 * announced ones (`ruleStage`), each with the scorecard and how many
 * services it grades.
 */
export function complianceRuleRows(
  compliance: ScorecardCompliance,
): Record<string, unknown>[] {
  const { scorecardId, groupRef, entities } = compliance;
  return [
    ...compliance.rules.map(rule => ({ ruleStage: 'active', ...rule })),
    ...compliance.announced.map(rule => ({ ruleStage: 'announced', ...rule })),
  ].map(rule => ({ scorecardId, groupRef, entities, ...rule }));
}

/** A scorecard's levels as rows: how many services reach each, and their share. */
export function complianceLevelRows(
  compliance: ScorecardCompliance,
): Record<string, unknown>[] {
  const { scorecardId, groupRef, entities } = compliance;
  return compliance.levels.map(level => ({
    scorecardId,
    groupRef,
    entities,
    ...level,
  }));
}
