import type { ScorecardResultRecord } from '../api/scorecards';
import type { MetricsBody } from '../engine/computeMetrics';
import type { GradedRuleResult, GradedRuleStatus } from '../scorecards/graded';
import {
  bandObservations,
  levelObservations,
  ruleObservations,
} from './observations';

function rule(
  ruleId: string,
  level: string,
  status: GradedRuleStatus,
): GradedRuleResult {
  return {
    ruleId,
    title: `Rule ${ruleId}`,
    metric: 'changeFailureRate',
    level,
    operator: '<=',
    status,
    evaluatedStatus: status === 'exempt' ? 'fail' : status,
    actual: null,
    sampleSize: null,
    threshold: 0.15,
    warn: null,
    thresholdText: '15%',
    warnText: null,
    source: { kind: 'scorecard' },
    stage: 'active',
    activeFrom: null,
  };
}

function record(
  rules: GradedRuleResult[],
  announced: GradedRuleResult[] = [],
): ScorecardResultRecord {
  return {
    scorecardId: 'delivery',
    entityRef: 'component:default/payments-api',
    evaluatedAt: 0,
    level: null,
    version: 1,
    result: {
      scorecardId: 'delivery',
      level: null,
      levels: [
        { level: 'bronze', achieved: false },
        { level: 'silver', achieved: false },
        { level: 'gold', achieved: false },
      ],
      rules,
      announced,
    },
  };
}

describe('ruleObservations', () => {
  it('sees a failing rule as rank 1 and pass, warn and exempt as passing (rank 0)', () => {
    const observed = ruleObservations([
      record([
        rule('a', 'bronze', 'fail'),
        rule('b', 'bronze', 'pass'),
        rule('c', 'silver', 'warn'),
        rule('d', 'gold', 'exempt'),
      ]),
    ]);
    expect(observed.map(o => [o.ruleId, o.rank])).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 0],
      ['d', 0],
    ]);
    expect(observed[0]).toMatchObject({
      key: 'rule:delivery:component:default/payments-api:a',
      kind: 'ruleFailed',
      subjectRef: 'component:default/payments-api',
      scorecardId: 'delivery',
      title: 'Rule a',
    });
  });

  it('sees nothing of a rule without data, and does not watch announced rules', () => {
    const observed = ruleObservations([
      record([rule('a', 'bronze', 'no-data')], [rule('x', 'gold', 'fail')]),
    ]);
    expect(observed).toHaveLength(1);
    expect(observed[0].rank).toBeUndefined();
  });
});

describe('levelObservations', () => {
  it('ranks the highest level reached: gold 0, silver 1, bronze 2, no level 3', () => {
    const levelOf = (rules: GradedRuleResult[]) =>
      levelObservations([record(rules)])[0];
    const all = (s: GradedRuleStatus[]) =>
      levelOf([
        rule('b', 'bronze', s[0]),
        rule('s', 'silver', s[1]),
        rule('g', 'gold', s[2]),
      ]);
    expect(all(['pass', 'pass', 'pass']).rank).toBe(0);
    expect(all(['pass', 'pass', 'fail']).rank).toBe(1);
    expect(all(['pass', 'fail', 'pass']).rank).toBe(2);
    expect(all(['fail', 'pass', 'pass']).rank).toBe(3);
    expect(all(['pass', 'fail', 'pass']).labels).toEqual([
      'gold',
      'silver',
      'bronze',
      'no level',
    ]);
    expect(all(['pass', 'pass', 'pass']).key).toBe(
      'level:delivery:component:default/payments-api',
    );
  });

  it('does not let a rule without data hold a level back (data that stopped is not a lost level)', () => {
    const [observed] = levelObservations([
      record([rule('b', 'bronze', 'pass'), rule('s', 'silver', 'no-data')]),
    ]);
    expect(observed.rank).toBe(0);
  });

  it('sees nothing when no counted rule has data', () => {
    expect(levelObservations([record([])])[0].rank).toBeUndefined();
    expect(
      levelObservations([record([rule('b', 'bronze', 'no-data')])])[0].rank,
    ).toBeUndefined();
  });
});

describe('bandObservations', () => {
  const body = {
    deploymentFrequency: { band: 'elite' },
    leadTime: { band: 'medium' },
    changeFailureRate: { band: 'low' },
    timeToRestore: { band: null },
  } as unknown as MetricsBody;

  it('ranks each metric band elite 0 to low 3, and sees nothing of a metric without a band', () => {
    const observed = bandObservations('Group:default/Payments', body);
    expect(observed.map(o => [o.metric, o.rank])).toEqual([
      ['deploymentFrequency', 0],
      ['leadTime', 2],
      ['changeFailureRate', 3],
      ['timeToRestore', undefined],
    ]);
    expect(observed[2]).toMatchObject({
      key: 'band:group:default/payments:changeFailureRate',
      subjectRef: 'Group:default/Payments',
      kind: 'metricBand',
    });
  });
});
