import { ChangeEvent, acceptedUrl } from '@dora-metrics/plugin-dora-common';
import {
  GithubPullCommit,
  GithubPullRequest,
  GithubReview,
} from './githubTypes';
import { authorKindOf } from './authorKind';
import { GITHUB_SOURCE, pullRequestChangeId } from './ids';
import { earliest, toMillis } from './instants';
import { revertedPullNumber } from './reverts';

/** What is known about one pull request when it is turned into a change event. */
export interface PullRequestInput {
  /** `owner/repo`, e.g. the catalog's `github.com/project-slug` or `repository.full_name`. */
  repository: string;
  /** The entity the change belongs to; when absent the backend resolves it by `repository`. */
  entityRef?: string | null;
  pull: GithubPullRequest;
  /** The PR's commits; when omitted `firstCommitAt` stays `null` (unknown). */
  commits?: GithubPullCommit[];
  /** The PR's reviews; when omitted the review fields stay `null` (unknown). */
  reviews?: GithubReview[];
  /**
   * The number of the reverted pull request when the caller resolved it (for
   * a `Revert "title"` PR, by title). Otherwise it is read from the head
   * branch or body, see {@link revertedPullNumber}.
   */
  revertedNumber?: number | null;
  /** The paths it touched (see touchedPaths); when omitted `paths` stays `null` (not read). */
  paths?: string[] | null;
}

/** A review that counts: submitted, by a person other than the PR author. */
function isReviewByOther(review: GithubReview, author: string | undefined) {
  if (!review.submitted_at || review.state === 'PENDING') return false;
  if (!review.user || review.user.type === 'Bot') return false;
  return review.user.login !== author;
}

/** The review facts of a change, from its reviews in any order. */
export function summarizeReviews(
  reviews: GithubReview[],
  author: string | undefined,
): {
  firstReviewAt: string | null;
  approvedAt: string | null;
  reviewCount: number;
} {
  const byOthers = reviews
    .filter(review => isReviewByOther(review, author))
    .sort((a, b) => toMillis(a.submitted_at) - toMillis(b.submitted_at));
  const approval = byOthers.find(review => review.state === 'APPROVED');
  return {
    firstReviewAt: byOthers[0]?.submitted_at ?? null,
    approvedAt: approval?.submitted_at ?? null,
    reviewCount: byOthers.length,
  };
}

/**
 * When work on a change started: the earliest author date of its commits
 * (the author date survives rebases; the committer date is the fallback).
 */
export function firstCommitTime(commits: GithubPullCommit[]): string | null {
  return earliest(
    commits.map(c => c.commit.author?.date ?? c.commit.committer?.date),
  );
}

/**
 * A merged pull request as a `change` event; `null` when it is not merged
 * (closed without merge, or still open): only merged work is delivered.
 */
export function pullRequestToChange(
  input: PullRequestInput,
): ChangeEvent | null {
  const { pull, repository } = input;
  if (!pull.merged_at) return null;
  const author = pull.user?.login;
  const reviews = input.reviews
    ? summarizeReviews(input.reviews, author)
    : { firstReviewAt: null, approvedAt: null, reviewCount: null };
  const reverted =
    input.revertedNumber === undefined
      ? revertedPullNumber(pull)
      : (input.revertedNumber ?? undefined);

  return {
    kind: 'change',
    source: GITHUB_SOURCE,
    id: pullRequestChangeId(repository, pull.number),
    entityRef: input.entityRef ?? null,
    repository,
    number: pull.number,
    title: pull.title || null,
    author: author ?? null,
    authorKind: authorKindOf(pull.user),
    firstCommitAt: input.commits ? firstCommitTime(input.commits) : null,
    openedAt: pull.created_at,
    firstReviewAt: reviews.firstReviewAt,
    approvedAt: reviews.approvedAt,
    mergedAt: pull.merged_at,
    mergeCommitSha: pull.merge_commit_sha ?? null,
    additions: pull.additions ?? null,
    deletions: pull.deletions ?? null,
    reviewCount: reviews.reviewCount,
    revertOf:
      reverted === undefined ? null : pullRequestChangeId(repository, reverted),
    labels: (pull.labels ?? []).map(label => label.name).filter(Boolean),
    url: acceptedUrl(pull.html_url),
    paths: input.paths ?? null,
  };
}
