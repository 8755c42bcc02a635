import {
  Exemption,
  GradedRuleResult,
  GradedScorecardResult,
  ScorecardResult,
  ScorecardStaging,
  applyExemptions,
  applyStages,
  asGraded,
  ruleStagesAt,
} from '@dora-metrics/plugin-dora-common';
import { RegradeInputs } from '../../database/ScorecardStore';

/** A result graded at an instant, and what grading it again later needs. */
export interface GradedAt {
  graded: GradedScorecardResult;
  regrade: RegradeInputs;
}

/**
 * Grades a result at `at`: the stages of `staging` (announced rules apart,
 * draft rules out), then the approved exemptions in force. Works on an
 * evaluator's result and on a graded one (with the drafts it kept), so the
 * latest results are graded again at every read: an exemption that expired
 * stops applying, and a rule whose `activeFrom` passed counts, at once.
 */
export function gradeResult(
  result: ScorecardResult | GradedScorecardResult,
  input: {
    regrade: RegradeInputs;
    staging: ScorecardStaging;
    exemptions: readonly Exemption[];
    entityRef: string;
    at: number;
  },
): GradedAt {
  const base = asGraded(result);
  const everyRule = [...base.rules, ...base.announced, ...input.regrade.drafts];
  const stages = ruleStagesAt(
    input.staging,
    everyRule.map(r => r.ruleId),
    input.at,
  );
  const staged = applyStages(
    { ...base, rules: everyRule, announced: [] },
    stages,
  );
  const drafts = everyRule
    .filter(r => stages[r.ruleId].stage === 'draft')
    .map(({ exemption: _none, ...r }): GradedRuleResult => ({
      ...r,
      status: r.evaluatedStatus,
      stage: 'draft',
      activeFrom: stages[r.ruleId].activeFrom,
    }));
  const graded = applyExemptions(
    staged,
    input.exemptions,
    {
      entityRef: input.entityRef,
      groupAncestry: input.regrade.groupAncestry,
    },
    input.at,
  );
  return {
    graded,
    regrade: { drafts, groupAncestry: input.regrade.groupAncestry },
  };
}
