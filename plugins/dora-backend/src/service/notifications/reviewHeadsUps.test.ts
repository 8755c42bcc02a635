import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DoraOpenPullRequestSource,
  OpenPullRequest,
} from '@dora-metrics/plugin-dora-node';
import { Knex } from 'knex';
import { KnexScorecardStore } from '../../database/KnexScorecardStore';
import { migrateUp } from '../../database/migrations';
import { component, group } from '../../__testUtils__/entities';
import { doraTestDatabases } from '../../testUtils';
import { EntityCatalog } from '../EntityCatalog';
import { MetricsService } from '../MetricsService';
import { ScorecardService } from '../ScorecardService';
import { findReviewHeadsUps } from './reviewHeadsUps';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const HOUR_MS = 3_600_000;
const NOW = Date.parse('2026-03-20T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const PAYMENTS = 'component:default/payments-api';
const CART = 'component:default/cart-service';
const LEGACY = 'component:default/legacy-batch';

// platform > checkout owns cart-service; platform owns payments-api and legacy-batch.
const entities = [
  group('platform', ['checkout']),
  group('checkout', [], 'platform'),
  component('payments-api', {}, 'platform'),
  component(
    'cart-service',
    { 'dora-scorecards/reviews.first': '8h' },
    'checkout',
  ),
  component('legacy-batch', {}, 'platform'),
];

const reviews = {
  id: 'reviews',
  title: 'Review agreements',
  levels: ['bronze'],
  filter: { owners: ['platform'] },
  rules: [
    {
      id: 'first',
      title: 'First review within 24h',
      metric: 'pullRequests.timeToFirstReview.p75',
      operator: '<=',
      threshold: '24h',
      level: 'bronze',
    },
  ],
};

/** An in-memory source of our own interface: what it was asked, and fixed answers. */
class MemorySource implements DoraOpenPullRequestSource {
  readonly asked: Array<{ entityRefs: string[]; openedBefore: string }> = [];
  constructor(
    private readonly name: string,
    private readonly pulls: OpenPullRequest[] | Error,
  ) {}
  getSourceName() {
    return this.name;
  }
  async listOpenPullRequests(request: {
    entityRefs: string[];
    openedBefore: string;
  }) {
    this.asked.push(request);
    if (this.pulls instanceof Error) throw this.pulls;
    return this.pulls.filter(
      p =>
        request.entityRefs.includes(p.entityRef) &&
        p.openedAt <= request.openedBefore,
    );
  }
}

function pull(
  entityRef: string,
  number: number,
  hoursAgo: number,
  extra: Partial<OpenPullRequest> = {},
): OpenPullRequest {
  return {
    id: `memory:${entityRef}#${number}`,
    entityRef,
    repository: entityRef.split('/')[1],
    number,
    title: `Change ${number}`,
    openedAt: iso(NOW - hoursAgo * HOUR_MS),
    draft: false,
    ...extra,
  };
}

describe.each(databases.eachSupportedId())('findReviewHeadsUps on %s', id => {
  let knex: Knex;
  let scorecards: ScorecardService;
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    knex = await databases.init(id);
    await migrateUp(knex);
  });
  beforeEach(async () => {
    await knex('dora_scorecards').delete();
    jest.clearAllMocks();
    scorecards = new ScorecardService(
      new KnexScorecardStore(knex),
      new EntityCatalog(catalogServiceMock({ entities })),
      // Listing scorecards reads no metrics.
      {} as unknown as MetricsService,
      [],
      ['component'],
      logger,
    );
  });

  function find(sources: DoraOpenPullRequestSource[], share = 0.75) {
    return findReviewHeadsUps(
      {
        sources,
        scorecards,
        catalog: new EntityCatalog(catalogServiceMock({ entities })),
        credentials: mockCredentials.service(),
        logger,
      },
      NOW,
      share,
    );
  }

  it('flags unreviewed pull requests past 75 % of the agreed time of their entity, the override applied', async () => {
    await scorecards.create(reviews, { actor: 'user:default/ann', now: NOW });
    const source = new MemorySource('memory', [
      pull(PAYMENTS, 1, 19), // 19h of 24h: due
      pull(PAYMENTS, 2, 17), // 17h of 24h: not yet
      pull(PAYMENTS, 3, 30, { firstReviewAt: iso(NOW - 20 * HOUR_MS) }),
      pull(PAYMENTS, 4, 30, { draft: true }),
      pull(CART, 5, 7), // 7h of the 8h override: due
    ]);

    const found = await find([source]);

    expect(found).toEqual([
      {
        key: `review-heads-up:memory:${CART}#5`,
        entityRef: CART,
        pullRequest: pull(CART, 5, 7),
        agreedSeconds: 8 * 3600,
        scorecardId: 'reviews',
        ruleId: 'first',
        waitingSeconds: 7 * 3600,
      },
      {
        key: `review-heads-up:memory:${PAYMENTS}#1`,
        entityRef: PAYMENTS,
        pullRequest: pull(PAYMENTS, 1, 19),
        agreedSeconds: 24 * 3600,
        scorecardId: 'reviews',
        ruleId: 'first',
        waitingSeconds: 19 * 3600,
      },
    ]);
  });

  it('asks the sources only for the entities in scope and only for pull requests older than share × the smallest agreed time', async () => {
    await scorecards.create(
      { ...reviews, filter: { owners: ['checkout'] } },
      { actor: 'user:default/ann', now: NOW },
    );
    const source = new MemorySource('memory', []);
    await find([source]);
    // Only cart-service is owned under checkout; its agreed time is its 8h override.
    expect(source.asked).toEqual([
      { entityRefs: [CART], openedBefore: iso(NOW - 6 * HOUR_MS) },
    ]);
  });

  it('a failing source is logged and skipped; the others still give heads-ups', async () => {
    await scorecards.create(reviews, { actor: 'user:default/ann', now: NOW });
    const broken = new MemorySource('broken', new Error('GitHub is down'));
    const working = new MemorySource('memory', [pull(LEGACY, 9, 20)]);

    const found = await find([broken, working]);

    expect(found.map(h => h.pullRequest.number)).toEqual([9]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'broken could not be read; skipped: GitHub is down',
      ),
    );
  });

  it('asks no source when no counted rule agrees on a first-review time', async () => {
    await scorecards.create(
      {
        ...reviews,
        rules: [{ ...reviews.rules[0], announceAt: iso(NOW - 24 * HOUR_MS) }],
      },
      { actor: 'user:default/ann', now: NOW },
    );
    const source = new MemorySource('memory', [pull(PAYMENTS, 1, 100)]);
    expect(await find([source])).toEqual([]);
    expect(source.asked).toEqual([]);
  });

  it('one pull request given by two sources is one heads-up', async () => {
    await scorecards.create(reviews, { actor: 'user:default/ann', now: NOW });
    const same = pull(PAYMENTS, 1, 20);
    const found = await find([
      new MemorySource('a', [same]),
      new MemorySource('b', [same]),
    ]);
    expect(found).toHaveLength(1);
  });
});
