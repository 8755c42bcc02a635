import {
  resolveThreshold,
  resolveThresholds,
  scorecardOverrideAnnotation,
} from './overrides';
import { parseScorecard } from './schema';
import { ParsedScorecard } from './types';

function scorecard(): ParsedScorecard {
  const result = parseScorecard({
    id: 'delivery',
    title: 'Delivery',
    levels: ['bronze'],
    rules: [
      {
        id: 'first-review',
        title: 'First review within 24 h',
        metric: 'pullRequests.timeToFirstReview.p75',
        operator: '<=',
        threshold: '24h',
        warn: '48h',
        level: 'bronze',
      },
      {
        id: 'cfr',
        title: 'Change failure rate',
        metric: 'changeFailureRate.ratio',
        operator: '<=',
        threshold: '15%',
        level: 'bronze',
      },
    ],
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.scorecard;
}

const card = scorecard();
const rule = card.rules[0];
const KEY = 'dora-scorecards/delivery.first-review';
const WARN_KEY = 'dora-scorecards/delivery.first-review.warn';
const ENTITY = 'component:default/payments-api';
const TEAM = 'group:default/payments';
const DEPARTMENT = 'group:default/finance';

describe('threshold overrides', () => {
  it('names the annotations <prefix><scorecardId>.<ruleId> and .warn', () => {
    expect(scorecardOverrideAnnotation('delivery', 'first-review')).toBe(KEY);
    expect(
      scorecardOverrideAnnotation('delivery', 'first-review', 'warn'),
    ).toBe(WARN_KEY);
  });

  it("uses the scorecard's threshold and warn when nothing overrides it", () => {
    expect(
      resolveThreshold({
        scorecard: card,
        rule,
        entityRef: ENTITY,
        ownerChain: [
          { groupRef: TEAM },
          { groupRef: DEPARTMENT, annotations: {} },
        ],
      }),
    ).toEqual({
      threshold: 86400,
      warn: 172800,
      source: { kind: 'scorecard' },
      problems: [],
    });
  });

  it("prefers the entity's own override over every group", () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      entityAnnotations: { [KEY]: '8h', [WARN_KEY]: '12h' },
      ownerChain: [
        { groupRef: TEAM, annotations: { [KEY]: '12h' } },
        { groupRef: DEPARTMENT, annotations: { [KEY]: '36h' } },
      ],
    });
    expect(resolved).toEqual({
      threshold: 28800,
      warn: 43200,
      source: { kind: 'entity', entityRef: ENTITY },
      problems: [],
    });
  });

  it('prefers the nearest group (the owner) over a farther ancestor', () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      entityAnnotations: {},
      ownerChain: [
        { groupRef: TEAM, annotations: { [KEY]: '12h' } },
        {
          groupRef: DEPARTMENT,
          annotations: { [KEY]: '36h', [WARN_KEY]: '3d' },
        },
      ],
    });
    expect(resolved.source).toEqual({ kind: 'group', groupRef: TEAM });
    expect(resolved.threshold).toBe(43200);
    // The threshold and its warn come from one place: the team set no warn.
    expect(resolved.warn).toBeNull();
  });

  it("applies a farther ancestor's override to every descendant team's services", () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      ownerChain: [
        { groupRef: TEAM, annotations: { unrelated: 'x' } },
        {
          groupRef: DEPARTMENT,
          annotations: { [KEY]: '36h', [WARN_KEY]: '3d' },
        },
      ],
    });
    expect(resolved).toEqual({
      threshold: 129600,
      warn: 259200,
      source: { kind: 'group', groupRef: DEPARTMENT },
      problems: [],
    });
  });

  it('falls through an unreadable override to the next source and reports it', () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      entityAnnotations: { [KEY]: 'soon' },
      ownerChain: [
        { groupRef: TEAM, annotations: { [KEY]: '24x' } },
        { groupRef: DEPARTMENT, annotations: { [KEY]: '2d' } },
      ],
    });
    expect(resolved.source).toEqual({ kind: 'group', groupRef: DEPARTMENT });
    expect(resolved.threshold).toBe(172800);
    expect(resolved.problems).toEqual([
      `${KEY} on ${ENTITY}: "soon" is not a duration such as 24h or 2d; ignored`,
      `${KEY} on ${TEAM}: "24x" is not a duration such as 24h or 2d; ignored`,
    ]);
  });

  it('falls through to the scorecard when every override is unreadable', () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule: card.rules[1],
      entityRef: ENTITY,
      entityAnnotations: { 'dora-scorecards/delivery.cfr': '150%' },
      ownerChain: [],
    });
    expect(resolved).toEqual({
      threshold: 0.15,
      warn: null,
      source: { kind: 'scorecard' },
      problems: [
        `dora-scorecards/delivery.cfr on ${ENTITY}: "150%" is more than 100%; ignored`,
      ],
    });
  });

  it('keeps a readable threshold but drops and reports a warn that is unreadable or not looser', () => {
    const unreadable = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      entityAnnotations: { [KEY]: '12h', [WARN_KEY]: 'later' },
      ownerChain: [],
    });
    expect([unreadable.threshold, unreadable.warn]).toEqual([43200, null]);
    expect(unreadable.problems).toEqual([
      `${WARN_KEY} on ${ENTITY}: "later" is not a duration such as 24h or 2d; ignored`,
    ]);

    const stricter = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      ownerChain: [
        { groupRef: TEAM, annotations: { [KEY]: '12h', [WARN_KEY]: '6h' } },
      ],
    });
    expect([stricter.threshold, stricter.warn]).toEqual([43200, null]);
    expect(stricter.problems).toEqual([
      `${WARN_KEY} on ${TEAM}: 6h is not looser than the threshold 12h for <=; ignored`,
    ]);
  });

  it('ignores and reports a warn override without a threshold next to it', () => {
    const resolved = resolveThreshold({
      scorecard: card,
      rule,
      entityRef: ENTITY,
      entityAnnotations: { [WARN_KEY]: '72h' },
      ownerChain: [],
    });
    expect(resolved).toEqual({
      threshold: 86400,
      warn: 172800,
      source: { kind: 'scorecard' },
      problems: [
        `${WARN_KEY} on ${ENTITY} is ignored: it needs ${KEY} next to it`,
      ],
    });
  });

  it('reads an override in the units of the metric and only for its own scorecard and rule', () => {
    const resolved = resolveThresholds({
      scorecard: card,
      entityRef: ENTITY,
      entityAnnotations: {
        'dora-scorecards/delivery.cfr': '5%',
        'dora-scorecards/other.first-review': '1h',
      },
      ownerChain: [],
    });
    expect(resolved['first-review'].source).toEqual({ kind: 'scorecard' });
    expect(resolved.cfr).toEqual({
      threshold: 0.05,
      warn: null,
      source: { kind: 'entity', entityRef: ENTITY },
      problems: [],
    });
  });
});
