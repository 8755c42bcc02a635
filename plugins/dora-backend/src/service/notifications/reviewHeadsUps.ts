import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  AgreedFirstReview,
  FIRST_REVIEW_METRICS,
  StagedScorecardDefinition,
  agreedFirstReviewTime,
  dueReviews,
  parseStagedScorecard,
  ruleStagesAt,
} from '@dora-metrics/plugin-dora-common';
import {
  DoraOpenPullRequestSource,
  OpenPullRequest,
} from '@dora-metrics/plugin-dora-node';
import { EntityCatalog } from '../EntityCatalog';
import { ScorecardService } from '../ScorecardService';
import { lowerRef } from '../scorecards/lowerRef';

/** An open pull request past its share of the agreed time to a first review. */
export interface ReviewHeadsUp {
  /** Stable per pull request: one heads-up each. */
  key: string;
  entityRef: string;
  pullRequest: OpenPullRequest;
  /** The agreed time to a first review, in seconds, and where it is agreed. */
  agreedSeconds: number;
  scorecardId: string;
  ruleId: string;
  /** How long it has waited at `now`, in seconds. */
  waitingSeconds: number;
}

/** What finding the heads-ups needs. */
export interface ReviewHeadsUpSources {
  sources: DoraOpenPullRequestSource[];
  scorecards: ScorecardService;
  catalog: EntityCatalog;
  credentials: BackstageCredentials;
  logger: LoggerService;
  /** The kinds a scorecard without `filter.kinds` grades (`dora.rollup.kinds`); default `Component`. */
  defaultKinds?: string[];
}

/**
 * The open pull requests waiting for a first review past `share` of the
 * agreed time: the scorecards' counted first-review rules give each entity
 * in scope its agreed time (the strictest), then every source is asked for
 * the open pull requests of those entities old enough to be due. A failing
 * source is logged and skipped; the others still count.
 */
export async function findReviewHeadsUps(
  deps: ReviewHeadsUpSources,
  now: number,
  share: number,
): Promise<ReviewHeadsUp[]> {
  if (deps.sources.length === 0) return [];
  const scorecards = await agreeingScorecards(deps, now);
  if (scorecards.length === 0) return [];
  const agreed = await agreedTimes(deps, scorecards, now);
  if (agreed.size === 0) return [];

  const smallest = Math.min(...[...agreed.values()].map(a => a.seconds));
  const openedBefore = new Date(now - share * smallest * 1000).toISOString();
  const entityRefs = [...agreed.keys()];
  const byId = new Map<string, OpenPullRequest>();
  for (const source of deps.sources) {
    let pulls: OpenPullRequest[];
    try {
      pulls = await source.listOpenPullRequests({ entityRefs, openedBefore });
    } catch (error) {
      deps.logger.warn(
        `Review heads-up: open pull requests of ${source.getSourceName()} could not be read; skipped: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      continue;
    }
    // The same pull request from two sources is one heads-up.
    for (const pull of pulls) if (!byId.has(pull.id)) byId.set(pull.id, pull);
  }

  return dueReviews({
    pullRequests: [...byId.values()],
    agreed,
    now,
    share,
  }).map(({ pullRequest, agreed: agreement, waitingSeconds }) => ({
    key: `review-heads-up:${pullRequest.id}`,
    entityRef: lowerRef(pullRequest.entityRef),
    pullRequest,
    agreedSeconds: agreement.seconds,
    scorecardId: agreement.scorecardId,
    ruleId: agreement.ruleId,
    waitingSeconds,
  }));
}

/** The valid scorecards with a first-review rule counted at `now`. */
async function agreeingScorecards(
  deps: ReviewHeadsUpSources,
  now: number,
): Promise<StagedScorecardDefinition[]> {
  const found: StagedScorecardDefinition[] = [];
  for (const entry of await deps.scorecards.list()) {
    const parsed = parseStagedScorecard(entry.scorecard);
    if (!parsed.ok) continue; // the evaluator already warns about it
    const rules = parsed.scorecard.rules.filter(r =>
      FIRST_REVIEW_METRICS.includes(r.metric),
    );
    const stages = ruleStagesAt(
      parsed.staging,
      rules.map(r => r.id),
      now,
    );
    if (rules.some(r => stages[r.id].stage === 'active')) {
      found.push({ scorecard: parsed.scorecard, staging: parsed.staging });
    }
  }
  return found;
}

/** The agreed first-review time of every catalog entity that has one, by lower-cased ref. */
async function agreedTimes(
  deps: ReviewHeadsUpSources,
  scorecards: StagedScorecardDefinition[],
  now: number,
): Promise<Map<string, AgreedFirstReview>> {
  const defaultKinds = deps.defaultKinds ?? ['Component'];
  const kinds = new Set<string>();
  for (const { scorecard } of scorecards) {
    for (const kind of scorecard.filter.kinds ?? defaultKinds) {
      kinds.add(lowerRef(kind));
    }
  }
  const tree = await deps.catalog.groupTree(deps.credentials);
  const entities = await deps.catalog.entitiesOfKinds(
    [...kinds],
    deps.credentials,
  );
  const agreed = new Map<string, AgreedFirstReview>();
  for (const entity of entities) {
    const entityRef = lowerRef(stringifyEntityRef(entity));
    const time = agreedFirstReviewTime({
      scorecards,
      entity,
      entityRef,
      ownerChain: tree.ownerChain(entity),
      defaultKinds,
      at: now,
    });
    if (time) agreed.set(entityRef, time);
  }
  return agreed;
}
