import { FilterableEntity, matchesFilter } from '../scorecards/matchEntity';
import { OwnerChainLink, resolveThreshold } from '../scorecards/overrides';
import { InstantLike } from '../scorecards/instantMillis';
import { ScorecardStaging, ruleStagesAt } from '../scorecards/staging';
import { ParsedScorecard } from '../scorecards/types';

/*
 * The first-review heads-up: an open pull request still waiting for its
 * first review past a share (e.g. 75 %) of the time a scorecard agrees on,
 * so the team can review it before the agreement breaks.
 */

/** The metrics whose rules agree on a time to a first review. */
export const FIRST_REVIEW_METRICS: readonly string[] = [
  'pullRequests.timeToFirstReview.p75',
  'pullRequests.timeToFirstReview.median',
];

/** The agreed time to a first review of an entity, and the rule that agrees on it. */
export interface AgreedFirstReview {
  seconds: number;
  scorecardId: string;
  ruleId: string;
}

/** A scorecard as it grades now, with its stages. */
export interface StagedScorecardDefinition {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
}

/** An entity as the agreed time needs it: what scopes match and where overrides are read. */
export interface AgreementEntity extends FilterableEntity {
  metadata: FilterableEntity['metadata'] & {
    annotations?: Record<string, string>;
  };
}

export interface AgreedFirstReviewOptions {
  scorecards: readonly StagedScorecardDefinition[];
  entity: AgreementEntity;
  /** The entity's ref, lower-cased (as override annotations name it). */
  entityRef: string;
  /** The owner group, then its parent, and so on. */
  ownerChain: OwnerChainLink[];
  /** The kinds a scorecard without `filter.kinds` grades. */
  defaultKinds: readonly string[];
  /** The stages are read at this instant. */
  at: InstantLike;
}

/** Whether a rule is an upper bound on the time to a first review. */
function isFirstReviewLimit(rule: ParsedScorecard['rules'][number]): boolean {
  return (
    FIRST_REVIEW_METRICS.includes(rule.metric) &&
    (rule.operator === '<' || rule.operator === '<=')
  );
}

/**
 * The agreed time to a first review of an entity: among the scorecards whose
 * scope matches it, their counted (active) rules on the time to a first
 * review, each with the entity's override applied; the strictest (smallest)
 * wins. `undefined` when nothing agrees on one. Announced and draft rules do
 * not count yet, and a `>` rule sets no limit.
 */
export function agreedFirstReviewTime(
  options: AgreedFirstReviewOptions,
): AgreedFirstReview | undefined {
  const { entity, entityRef, ownerChain, defaultKinds, at } = options;
  const ancestry = ownerChain.map(link => link.groupRef);
  let strictest: AgreedFirstReview | undefined;
  for (const { scorecard, staging } of options.scorecards) {
    const filter = {
      ...scorecard.filter,
      kinds: scorecard.filter.kinds ?? [...defaultKinds],
    };
    if (!matchesFilter(filter, entity, ancestry)) continue;
    const rules = scorecard.rules.filter(isFirstReviewLimit);
    const stages = ruleStagesAt(
      staging,
      rules.map(r => r.id),
      at,
    );
    for (const rule of rules) {
      if (stages[rule.id].stage !== 'active') continue;
      const { threshold } = resolveThreshold({
        scorecard,
        rule,
        entityRef,
        entityAnnotations: entity.metadata.annotations,
        ownerChain,
      });
      if (!(threshold > 0)) continue;
      if (!strictest || threshold < strictest.seconds) {
        strictest = {
          seconds: threshold,
          scorecardId: scorecard.id,
          ruleId: rule.id,
        };
      }
    }
  }
  return strictest;
}

/** An open pull request as the heads-up reads it. */
export interface WaitingPullRequest {
  entityRef: string;
  /** When it was opened (or marked ready for review), ISO-8601. */
  openedAt: string;
  /** The first review by someone other than the author, if any. */
  firstReviewAt?: string;
  draft: boolean;
}

/** A pull request due a heads-up, with the agreement it is about to break. */
export interface DueReview<P extends WaitingPullRequest> {
  pullRequest: P;
  agreed: AgreedFirstReview;
  /** How long it has waited at `now`, in whole seconds. */
  waitingSeconds: number;
}

export interface DueReviewsInput<P extends WaitingPullRequest> {
  pullRequests: readonly P[];
  /** The agreed time per entity, keyed by lower-cased entity ref. */
  agreed: ReadonlyMap<string, AgreedFirstReview>;
  /** Epoch milliseconds. */
  now: number;
  /** The share of the agreed time after which a waiting pull request is due, in (0, 1]. */
  share: number;
}

/**
 * The pull requests waiting for a first review at or past `share` of their
 * entity's agreed time: not drafts, not reviewed, of an entity with an
 * agreement. Longest waiting (as a share of the agreement) first.
 */
export function dueReviews<P extends WaitingPullRequest>(
  input: DueReviewsInput<P>,
): DueReview<P>[] {
  const { now, share } = input;
  const due: Array<DueReview<P> & { used: number }> = [];
  for (const pullRequest of input.pullRequests) {
    if (pullRequest.draft || pullRequest.firstReviewAt) continue;
    const agreed = input.agreed.get(pullRequest.entityRef.toLowerCase());
    if (!agreed) continue;
    const openedAt = Date.parse(pullRequest.openedAt);
    if (Number.isNaN(openedAt)) continue;
    const waitingSeconds = Math.floor((now - openedAt) / 1000);
    if (waitingSeconds < share * agreed.seconds) continue;
    due.push({
      pullRequest,
      agreed,
      waitingSeconds,
      used: waitingSeconds / agreed.seconds,
    });
  }
  return due
    .sort((a, b) => b.used - a.used)
    .map(({ used: _used, ...rest }) => rest);
}
