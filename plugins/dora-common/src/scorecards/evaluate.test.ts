import { MetricsBody } from '../engine/computeMetrics';
import { after, DAY, deployment, metricsOf } from '../__testUtils__/eventFactories';
import { evaluateScorecard, meets, RuleResult } from './evaluate';
import { resolveThresholds } from './overrides';
import { parseScorecard } from './schema';
import { ParsedScorecard, Scorecard, ScorecardRule } from './types';

const WINDOW = { from: '2024-05-01T00:00:00Z', to: '2024-05-31T00:00:00Z' };

/** A real metrics body without events, with some values set. */
function body(patch: {
  leadTime?: Partial<MetricsBody['leadTime']>;
  changeFailureRate?: Partial<MetricsBody['changeFailureRate']>;
  pullRequests?: Partial<MetricsBody['pullRequests']>;
}): MetricsBody {
  const empty = metricsOf([], WINDOW);
  return {
    ...empty,
    leadTime: { ...empty.leadTime, ...patch.leadTime },
    changeFailureRate: {
      ...empty.changeFailureRate,
      ...patch.changeFailureRate,
    },
    pullRequests: { ...empty.pullRequests, ...patch.pullRequests },
  };
}

function card(
  rules: Partial<ScorecardRule>[],
  levels = ['bronze', 'silver', 'gold'],
): ParsedScorecard {
  const raw: Scorecard = {
    id: 'delivery',
    title: 'Delivery',
    levels,
    rules: rules.map((rule, i) => ({
      id: `rule-${i}`,
      title: `Rule ${i}`,
      metric: 'leadTime.median',
      operator: '<',
      threshold: '1d',
      level: levels[0],
      ...rule,
    })),
  };
  const result = parseScorecard(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.scorecard;
}

/** The status of one rule on a lead time median, in seconds. */
function statusOf(rule: Partial<ScorecardRule>, median: number | null) {
  const result = evaluateScorecard({
    scorecard: card([rule]),
    metrics: body({ leadTime: { median, sampleSize: 10 } }),
  });
  return result.rules[0].status;
}

const HOUR_S = 3600;

describe('operators, at and around the threshold', () => {
  it('< passes strictly below, fails at and above', () => {
    const rule = { operator: '<' as const, threshold: '24h' };
    expect(statusOf(rule, 24 * HOUR_S - 1)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S)).toBe('fail');
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('fail');
  });

  it('<= passes below and at, fails above', () => {
    const rule = { operator: '<=' as const, threshold: '24h' };
    expect(statusOf(rule, 24 * HOUR_S - 1)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('fail');
  });

  it('> passes strictly above, fails at and below', () => {
    const rule = { operator: '>' as const, threshold: '24h' };
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S)).toBe('fail');
    expect(statusOf(rule, 24 * HOUR_S - 1)).toBe('fail');
  });

  it('>= passes above and at, fails below', () => {
    const rule = { operator: '>=' as const, threshold: '24h' };
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S - 1)).toBe('fail');
  });

  it('treats values a rounding error apart as equal', () => {
    expect(meets(29.000000000000004, '<=', 29)).toBe(true);
    expect(meets(29.000000000000004, '>', 29)).toBe(false);
    expect(meets(0.15000000000000002, '<=', 0.15)).toBe(true);
    expect(meets(0.1500001, '<=', 0.15)).toBe(false);
  });

  it('grades a rate computed by the engine at exactly its threshold (29 deployments in 7 days, at most 29/week)', () => {
    const from = '2024-05-01T00:00:00Z';
    const events = Array.from({ length: 29 }, (_, i) =>
      deployment({ id: `d${i}`, finishedAt: after(from, (i * DAY) / 5) }),
    );
    const metrics = metricsOf(events, { from, to: after(from, 7 * DAY) });
    // perDay * 7 lands a rounding error above 29.
    expect(metrics.deploymentFrequency.perWeek).not.toBe(29);
    const result = evaluateScorecard({
      scorecard: card([
        {
          metric: 'deploymentFrequency.perWeek',
          operator: '<=',
          threshold: '29/week',
        },
        {
          metric: 'deploymentFrequency.perDay',
          operator: '>=',
          threshold: '29/week',
        },
        {
          metric: 'deploymentFrequency.perDay',
          operator: '>',
          threshold: '29/week',
        },
      ]),
      metrics,
    });
    expect(result.rules.map(r => r.status)).toEqual(['pass', 'pass', 'fail']);
    expect(result.rules[0].sampleSize).toBe(29);
  });
});

describe('warn', () => {
  it('is a value that fails the threshold but passes the warn threshold (< and <=)', () => {
    const rule = { operator: '<=' as const, threshold: '24h', warn: '48h' };
    expect(statusOf(rule, 24 * HOUR_S)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('warn');
    expect(statusOf(rule, 48 * HOUR_S)).toBe('warn');
    expect(statusOf(rule, 48 * HOUR_S + 1)).toBe('fail');
  });

  it('uses the rule operator for the warn threshold too (> and >=)', () => {
    const rule = { operator: '>' as const, threshold: '24h', warn: '12h' };
    expect(statusOf(rule, 24 * HOUR_S + 1)).toBe('pass');
    expect(statusOf(rule, 24 * HOUR_S)).toBe('warn');
    expect(statusOf(rule, 12 * HOUR_S + 1)).toBe('warn');
    expect(statusOf(rule, 12 * HOUR_S)).toBe('fail');
  });

  it('without a warn threshold, failing the threshold is a fail', () => {
    expect(statusOf({ operator: '<', threshold: '24h' }, 25 * HOUR_S)).toBe(
      'fail',
    );
  });
});

describe('no-data', () => {
  it('is the status when the metric value is null, whatever the operator', () => {
    for (const operator of ['<', '<=', '>', '>='] as const) {
      expect(
        statusOf({ operator, threshold: '24h', warn: undefined }, null),
      ).toBe('no-data');
    }
  });

  it('is the status when the sample is below minSampleSize, and the value is still shown', () => {
    const scorecard = card([
      {
        metric: 'changeFailureRate.ratio',
        operator: '<=',
        threshold: '15%',
        minSampleSize: 5,
      },
    ]);
    const below = evaluateScorecard({
      scorecard,
      metrics: body({ changeFailureRate: { ratio: 0, failed: 0, total: 4 } }),
    });
    expect(below.rules[0]).toEqual(
      expect.objectContaining({ status: 'no-data', actual: 0, sampleSize: 4 }),
    );
    const at = evaluateScorecard({
      scorecard,
      metrics: body({ changeFailureRate: { ratio: 0, failed: 0, total: 5 } }),
    });
    expect(at.rules[0].status).toBe('pass');
  });

  it('is the status when minSampleSize is set and the sample size is unknown', () => {
    // No incident source: time to restore's value and sample size are null.
    const result = evaluateScorecard({
      scorecard: card([
        {
          metric: 'timeToRestore.median',
          operator: '<',
          threshold: '1d',
          minSampleSize: 1,
        },
      ]),
      metrics: body({}),
    });
    expect(result.rules[0]).toEqual(
      expect.objectContaining({
        status: 'no-data',
        actual: null,
        sampleSize: null,
      }),
    );
  });

  it('is never a pass: it keeps the level from being reached', () => {
    const result = evaluateScorecard({
      scorecard: card([{ level: 'bronze' }]),
      metrics: body({}),
    });
    expect(result.rules[0].status).toBe('no-data');
    expect(result.level).toBeNull();
  });
});

describe('levels', () => {
  // Lead time median 12h; p90 3d; CFR 10% over 20; PR size p75 300.
  const metrics = body({
    leadTime: { median: 12 * HOUR_S, p90: 3 * 24 * HOUR_S, sampleSize: 20 },
    changeFailureRate: { failed: 2, total: 20, ratio: 0.1 },
    pullRequests: {
      merged: 20,
      size: { median: 120, p75: 300 },
    },
  });
  const levelsOf = (rules: Partial<ScorecardRule>[], levels?: string[]) => {
    const result = evaluateScorecard({
      scorecard: card(rules, levels),
      metrics,
    });
    return {
      level: result.level,
      achieved: result.levels.map(l => `${l.level}:${l.achieved}`),
      statuses: result.rules.map(r => r.status),
    };
  };

  it('is the highest level whose rules and all lower levels’ rules pass', () => {
    expect(
      levelsOf([
        { level: 'bronze', threshold: '7d' },
        {
          level: 'silver',
          metric: 'changeFailureRate.ratio',
          operator: '<=',
          threshold: '15%',
        },
        { level: 'gold', threshold: '1h' },
      ]),
    ).toEqual({
      level: 'silver',
      achieved: ['bronze:true', 'silver:true', 'gold:false'],
      statuses: ['pass', 'pass', 'fail'],
    });
  });

  it('is blocked by a failing lower level even when a higher level passes', () => {
    expect(
      levelsOf([
        {
          level: 'bronze',
          metric: 'pullRequests.size.p75',
          operator: '<=',
          threshold: 200,
        },
        { level: 'silver', threshold: '1d' },
        {
          level: 'gold',
          metric: 'changeFailureRate.ratio',
          operator: '<=',
          threshold: '15%',
        },
      ]),
    ).toEqual({
      level: null,
      achieved: ['bronze:false', 'silver:false', 'gold:false'],
      statuses: ['fail', 'pass', 'pass'],
    });
  });

  it('counts warn as pass for the level, and shows it', () => {
    expect(
      levelsOf([
        {
          level: 'bronze',
          metric: 'pullRequests.size.p75',
          operator: '<=',
          threshold: 200,
          warn: 400,
        },
        {
          level: 'silver',
          metric: 'leadTime.p90',
          operator: '<',
          threshold: '2d',
          warn: '4d',
        },
      ]),
    ).toEqual({
      level: 'gold',
      achieved: ['bronze:true', 'silver:true', 'gold:true'],
      statuses: ['warn', 'warn'],
    });
  });

  it('reaches a level with no rules when the levels below are reached, not otherwise', () => {
    expect(
      levelsOf([
        { level: 'bronze', threshold: '1d' },
        {
          level: 'gold',
          metric: 'changeFailureRate.ratio',
          operator: '<=',
          threshold: '5%',
        },
      ]),
    ).toEqual({
      level: 'silver',
      achieved: ['bronze:true', 'silver:true', 'gold:false'],
      statuses: ['pass', 'fail'],
    });
    expect(
      levelsOf([
        { level: 'gold', threshold: '1d' },
        { level: 'bronze', threshold: '1h' },
      ]),
    ).toEqual({
      level: null,
      achieved: ['bronze:false', 'silver:false', 'gold:false'],
      statuses: ['pass', 'fail'],
    });
  });

  it('requires every rule of a level, not just one', () => {
    expect(
      levelsOf(
        [
          { level: 'bronze', threshold: '1d' },
          {
            level: 'bronze',
            metric: 'pullRequests.size.p75',
            operator: '<',
            threshold: 300,
          },
        ],
        ['bronze'],
      ),
    ).toEqual({
      level: null,
      achieved: ['bronze:false'],
      statuses: ['pass', 'fail'],
    });
  });
});

describe('thresholds in force', () => {
  it('grades against the resolved override and shows where it came from', () => {
    const scorecard = card([
      { id: 'lead-time', operator: '<', threshold: '1d', warn: '2d' },
    ]);
    const metrics = body({ leadTime: { median: 10 * HOUR_S, sampleSize: 3 } });
    const thresholds = resolveThresholds({
      scorecard,
      entityRef: 'component:default/payments-api',
      ownerChain: [
        {
          groupRef: 'group:default/payments',
          annotations: {
            'dora-scorecards/delivery.lead-time': '8h',
            'dora-scorecards/delivery.lead-time.warn': '12h',
          },
        },
      ],
    });
    const [rule] = evaluateScorecard({ scorecard, metrics, thresholds }).rules;
    expect(rule).toEqual<RuleResult>({
      ruleId: 'lead-time',
      title: 'Rule 0',
      metric: 'leadTime.median',
      level: 'bronze',
      operator: '<',
      status: 'warn',
      actual: 36000,
      sampleSize: 3,
      threshold: 28800,
      warn: 43200,
      thresholdText: '8h',
      warnText: '12h',
      source: { kind: 'group', groupRef: 'group:default/payments' },
    });
  });

  it("uses the scorecard's own threshold for a rule without a resolved one", () => {
    const [rule] = evaluateScorecard({
      scorecard: card([{ threshold: '1d' }]),
      metrics: body({ leadTime: { median: 10 * HOUR_S, sampleSize: 3 } }),
      thresholds: {},
    }).rules;
    expect(rule).toEqual(
      expect.objectContaining({
        status: 'pass',
        threshold: 86400,
        thresholdText: '24h',
        warnText: null,
        source: { kind: 'scorecard' },
      }),
    );
  });

  it('writes rate and ratio thresholds the way people say them', () => {
    const result = evaluateScorecard({
      scorecard: card([
        {
          metric: 'deploymentFrequency.perDay',
          operator: '>=',
          threshold: '1/week',
        },
        { metric: 'changeFailureRate.ratio', operator: '<=', threshold: 0.15 },
      ]),
      metrics: body({}),
    });
    expect(result.scorecardId).toBe('delivery');
    expect(result.rules.map(r => [r.thresholdText, r.status])).toEqual([
      ['1/week', 'fail'],
      ['15%', 'no-data'],
    ]);
  });
});
