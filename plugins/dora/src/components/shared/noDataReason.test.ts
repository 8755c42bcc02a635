import { RuleResult } from '@dora-metrics/plugin-dora-common';
import { noDataReason } from './WorkingAgreements';

const rule = (overrides: Partial<RuleResult>): RuleResult =>
  ({
    ruleId: 'cfr',
    title: 'Change failure rate at most 15 %',
    metric: 'changeFailureRate.ratio',
    level: 'silver',
    operator: '<=',
    status: 'no-data',
    actual: 0.33,
    sampleSize: 3,
    threshold: 0.15,
    warn: null,
    thresholdText: '15%',
    warnText: null,
    source: { kind: 'scorecard' },
    ...overrides,
  }) as RuleResult;

describe('noDataReason', () => {
  const scorecard = {
    rules: [
      {
        id: 'cfr',
        title: 'CFR',
        metric: 'changeFailureRate.ratio',
        operator: '<=' as const,
        threshold: '15%',
        minSampleSize: 5,
        level: 'silver',
      },
    ],
  };

  it('names the sample size and the minimum when a value has too few samples', () => {
    expect(noDataReason(rule({}), scorecard)).toBe(
      'only 3 in the window, the rule needs 5',
    );
  });

  it('says there is no value when the metric has none', () => {
    expect(noDataReason(rule({ actual: null, sampleSize: 0 }), scorecard)).toBe(
      'no value in this window',
    );
  });

  it('gives no reason for a rule that has data', () => {
    expect(noDataReason(rule({ status: 'fail' }), scorecard)).toBeUndefined();
  });
});
