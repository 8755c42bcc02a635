import {
  CsvColumn,
  GradedRuleCompliance,
  GradedRuleResult,
  GradedRuleStatus,
  ThresholdSource,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardResultRecord } from '../../../api/types';

/** A compliance row: an active rule, or an announced one (not counted yet). */
export type ComplianceCsvRow = GradedRuleCompliance & { announced: boolean };

/** The active rules, then the announced ones, as one table. */
export function complianceCsvRows(compliance: {
  rules: GradedRuleCompliance[];
  announced: GradedRuleCompliance[];
}): ComplianceCsvRow[] {
  return [
    ...compliance.rules.map(rule => ({ ...rule, announced: false })),
    ...compliance.announced.map(rule => ({ ...rule, announced: true })),
  ];
}

/** A scorecard's compliance per rule: the counts of graded services and the pass rate (0–1). */
export const complianceCsvColumns: CsvColumn<ComplianceCsvRow>[] = [
  { header: 'rule_id', value: r => r.ruleId },
  { header: 'rule', value: r => r.title },
  { header: 'level', value: r => r.level },
  { header: 'announced', value: r => r.announced },
  { header: 'counts_from', value: r => r.activeFrom },
  { header: 'pass', value: r => r.pass },
  { header: 'warn', value: r => r.warn },
  { header: 'fail', value: r => r.fail },
  { header: 'no_data', value: r => r.noData },
  { header: 'exempt', value: r => r.exempt },
  { header: 'pass_rate_ratio', value: r => r.passRate },
];

/** A row of a scorecard's "services by result" table. */
export type ScorecardResultCsvRow = ScorecardResultRecord & {
  counts: Record<GradedRuleStatus, number>;
};

/** A scorecard's services: level, counts per status, rules not passing, when evaluated. */
export const scorecardResultCsvColumns: CsvColumn<ScorecardResultCsvRow>[] = [
  { header: 'service', value: r => r.entityRef },
  { header: 'scorecard_id', value: r => r.scorecardId },
  { header: 'level', value: r => r.level },
  { header: 'pass', value: r => r.counts.pass },
  { header: 'warn', value: r => r.counts.warn },
  { header: 'fail', value: r => r.counts.fail },
  { header: 'no_data', value: r => r.counts['no-data'] },
  { header: 'exempt', value: r => r.counts.exempt },
  {
    header: 'rules_not_passing',
    value: r =>
      r.result.rules
        .filter(rule => rule.status !== 'pass')
        .map(rule => `${rule.title} (${rule.status})`),
  },
  {
    header: 'announced_rules',
    value: r =>
      r.result.announced.map(rule => `${rule.title} (${rule.status})`),
  },
  {
    header: 'evaluated_at',
    value: r => new Date(r.evaluatedAt).toISOString(),
  },
];

function sourceText(source: ThresholdSource): string {
  switch (source.kind) {
    case 'entity':
      return 'entity annotation';
    case 'group':
      return source.groupRef;
    case 'scorecard':
    default:
      return 'scorecard';
  }
}

/** A rule result of one service, active or announced. */
export type RuleResultCsvRow = GradedRuleResult & { announced: boolean };

/** One scorecard result's rules, with actual and thresholds in the metric's API unit. */
export const ruleResultCsvColumns: CsvColumn<RuleResultCsvRow>[] = [
  { header: 'rule_id', value: r => r.ruleId },
  { header: 'rule', value: r => r.title },
  { header: 'level', value: r => r.level },
  { header: 'announced', value: r => r.announced },
  { header: 'counts_from', value: r => r.activeFrom },
  { header: 'result', value: r => r.status },
  { header: 'evaluated_result', value: r => r.evaluatedStatus },
  { header: 'metric', value: r => r.metric },
  { header: 'actual', value: r => r.actual },
  { header: 'sample_size', value: r => r.sampleSize },
  { header: 'operator', value: r => r.operator },
  { header: 'threshold', value: r => r.threshold },
  { header: 'warn_threshold', value: r => r.warn },
  { header: 'threshold_text', value: r => r.thresholdText },
  { header: 'threshold_from', value: r => sourceText(r.source) },
  { header: 'exemption_reason', value: r => r.exemption?.reason },
  { header: 'exemption_expires_at', value: r => r.exemption?.expiresAt },
];

/** A result's active rules, then its announced ones. */
export function ruleResultCsvRows(
  record: ScorecardResultRecord,
): RuleResultCsvRow[] {
  return [
    ...record.result.rules.map(rule => ({ ...rule, announced: false })),
    ...record.result.announced.map(rule => ({ ...rule, announced: true })),
  ];
}
