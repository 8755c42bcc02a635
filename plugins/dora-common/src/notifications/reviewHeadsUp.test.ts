import { parseStagedScorecard } from '../scorecards/stagingSchema';
import {
  AgreedFirstReview,
  AgreementEntity,
  StagedScorecardDefinition,
  WaitingPullRequest,
  agreedFirstReviewTime,
  dueReviews,
} from './reviewHeadsUp';

const NOW = '2026-03-20T12:00:00Z';
const HOUR = 3600;

function staged(raw: object): StagedScorecardDefinition {
  const result = parseStagedScorecard({
    title: 'Card',
    levels: ['bronze'],
    ...raw,
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return { scorecard: result.scorecard, staging: result.staging };
}

function firstReviewRule(id: string, threshold: string, extra: object = {}) {
  return {
    id,
    title: `First review within ${threshold}`,
    metric: 'pullRequests.timeToFirstReview.p75',
    operator: '<=',
    threshold,
    level: 'bronze',
    ...extra,
  };
}

function entity(extra: Partial<AgreementEntity> = {}): AgreementEntity {
  return {
    kind: 'Component',
    spec: { type: 'service', owner: 'group:default/team-a' },
    metadata: { tags: ['payments'], annotations: {} },
    ...extra,
  };
}

function agreed(
  scorecards: StagedScorecardDefinition[],
  options: { entity?: AgreementEntity; ownerChain?: object[] } = {},
) {
  return agreedFirstReviewTime({
    scorecards,
    entity: options.entity ?? entity(),
    entityRef: 'component:default/payments-api',
    ownerChain: (options.ownerChain as never) ?? [
      { groupRef: 'group:default/team-a' },
    ],
    defaultKinds: ['Component'],
    at: NOW,
  });
}

describe('agreedFirstReviewTime', () => {
  it('is the threshold of an active first-review rule of a scorecard in scope', () => {
    const card = staged({
      id: 'delivery',
      rules: [firstReviewRule('fr', '24h')],
    });
    expect(agreed([card])).toEqual({
      seconds: 24 * HOUR,
      scorecardId: 'delivery',
      ruleId: 'fr',
    });
  });

  it('reads the median rule too, and ignores rules on other metrics', () => {
    const card = staged({
      id: 'delivery',
      rules: [
        {
          id: 'merge',
          title: 'Merge within 2h',
          metric: 'pullRequests.timeToMerge.p75',
          operator: '<=',
          threshold: '2h',
          level: 'bronze',
        },
        firstReviewRule('median', '8h', {
          metric: 'pullRequests.timeToFirstReview.median',
        }),
      ],
    });
    expect(agreed([card])).toMatchObject({
      seconds: 8 * HOUR,
      ruleId: 'median',
    });
  });

  it('takes the strictest agreement when several scorecards and rules give one', () => {
    const loose = staged({
      id: 'loose',
      rules: [firstReviewRule('fr', '48h')],
    });
    const strict = staged({
      id: 'strict',
      rules: [firstReviewRule('a', '12h'), firstReviewRule('b', '6h')],
    });
    expect(agreed([loose, strict])).toEqual({
      seconds: 6 * HOUR,
      scorecardId: 'strict',
      ruleId: 'b',
    });
  });

  it('skips scorecards whose scope does not match the entity', () => {
    const other = staged({
      id: 'web',
      filter: { tags: ['frontend'] },
      rules: [firstReviewRule('fr', '1h')],
    });
    const websites = staged({
      id: 'sites',
      filter: { kinds: ['System'] },
      rules: [firstReviewRule('fr', '2h')],
    });
    const mine = staged({
      id: 'team',
      filter: { owners: ['team-a'] },
      rules: [firstReviewRule('fr', '24h')],
    });
    expect(agreed([other, websites, mine])).toMatchObject({
      scorecardId: 'team',
    });
  });

  it('an owner filter matches through the ancestors of the owner group', () => {
    const card = staged({
      id: 'org',
      filter: { owners: ['group:default/engineering'] },
      rules: [firstReviewRule('fr', '24h')],
    });
    expect(
      agreed([card], {
        ownerChain: [
          { groupRef: 'group:default/team-a' },
          { groupRef: 'group:default/engineering' },
        ],
      }),
    ).toMatchObject({ scorecardId: 'org' });
    expect(agreed([card])).toBeUndefined();
  });

  it('announced and draft rules do not count yet', () => {
    const announced = staged({
      id: 'next',
      rules: [
        firstReviewRule('fr', '1h', {
          announceAt: '2026-03-01T00:00:00Z',
          activeFrom: '2026-04-01T00:00:00Z',
        }),
      ],
    });
    const draftCard = staged({
      id: 'later',
      activeFrom: '2026-05-01T00:00:00Z',
      rules: [firstReviewRule('fr', '2h')],
    });
    expect(agreed([announced, draftCard])).toBeUndefined();
    const nowActive = staged({
      id: 'now',
      rules: [
        firstReviewRule('fr', '3h', { activeFrom: '2026-03-19T00:00:00Z' }),
      ],
    });
    expect(agreed([announced, nowActive])).toMatchObject({ seconds: 3 * HOUR });
  });

  it("applies the entity's override annotation, then its owner group's", () => {
    const card = staged({
      id: 'delivery',
      rules: [firstReviewRule('fr', '24h')],
    });
    const own = entity({
      metadata: { annotations: { 'dora-scorecards/delivery.fr': '4h' } },
    });
    expect(agreed([card], { entity: own })).toMatchObject({
      seconds: 4 * HOUR,
    });
    expect(
      agreed([card], {
        ownerChain: [
          {
            groupRef: 'group:default/team-a',
            annotations: { 'dora-scorecards/delivery.fr': '36h' },
          },
        ],
      }),
    ).toMatchObject({ seconds: 36 * HOUR });
  });

  it('a rule asking for a time above a bound sets no limit', () => {
    const card = staged({
      id: 'odd',
      rules: [firstReviewRule('fr', '1h', { operator: '>=' })],
    });
    expect(agreed([card])).toBeUndefined();
  });
});

describe('dueReviews', () => {
  const agreement: AgreedFirstReview = {
    seconds: 24 * HOUR,
    scorecardId: 'delivery',
    ruleId: 'fr',
  };
  const agreedOf = new Map([['component:default/payments-api', agreement]]);
  const now = Date.parse(NOW);

  function pull(
    id: string,
    hoursAgo: number,
    extra: Partial<WaitingPullRequest> = {},
  ) {
    return {
      id,
      entityRef: 'component:default/payments-api',
      openedAt: new Date(now - hoursAgo * HOUR * 1000).toISOString(),
      draft: false,
      ...extra,
    };
  }

  function due(pullRequests: ReturnType<typeof pull>[], share = 0.75) {
    return dueReviews({ pullRequests, agreed: agreedOf, now, share });
  }

  it('a pull request waiting past the share of the agreed time is due, with how long it waited', () => {
    expect(due([pull('a', 19)])).toEqual([
      {
        pullRequest: pull('a', 19),
        agreed: agreement,
        waitingSeconds: 19 * HOUR,
      },
    ]);
  });

  it('one waiting exactly the share is due; one a second short is not', () => {
    expect(due([pull('edge', 18)]).map(d => d.pullRequest.id)).toEqual([
      'edge',
    ]);
    expect(due([pull('short', 18 - 1 / HOUR)])).toEqual([]);
  });

  it('reviewed pull requests and drafts are not waiting for a review', () => {
    expect(
      due([
        pull('reviewed', 30, { firstReviewAt: '2026-03-19T10:00:00Z' }),
        pull('draft', 30, { draft: true }),
      ]),
    ).toEqual([]);
  });

  it('a pull request of an entity without an agreement is never due', () => {
    expect(
      due([pull('other', 100, { entityRef: 'component:default/web' })]),
    ).toEqual([]);
  });

  it('matches entity refs case-insensitively', () => {
    expect(
      due([pull('a', 20, { entityRef: 'Component:default/Payments-API' })]),
    ).toHaveLength(1);
  });

  it('lists the ones closest to breaking first, already broken ones included', () => {
    expect(
      due([pull('b', 19), pull('a', 30), pull('c', 22)]).map(
        d => d.pullRequest.id,
      ),
    ).toEqual(['a', 'c', 'b']);
  });

  it('a pull request with an unreadable opening instant is skipped', () => {
    expect(due([{ ...pull('bad', 30), openedAt: 'yesterday' }])).toEqual([]);
  });
});
