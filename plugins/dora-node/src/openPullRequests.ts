import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** A pull request (merge request) still open, as its source sees it now. */
export interface OpenPullRequest {
  /** Stable across reads, e.g. `github:owner/repo#42`. */
  id: string;
  entityRef: string;
  repository: string;
  number: number;
  title: string;
  author?: string;
  url?: string;
  /** When it was opened (or marked ready for review), ISO-8601. */
  openedAt: string;
  /** The first review by someone other than the author, if any. */
  firstReviewAt?: string;
  /** Drafts are not waiting for a review. */
  draft: boolean;
}

/**
 * A source of open pull requests, asked by the dora backend when it looks
 * for work in flight about to break an agreement (the first-review heads-up).
 */
export interface DoraOpenPullRequestSource {
  /** A stable name, used in logs. */
  getSourceName(): string;
  /**
   * The open pull requests of the given entities opened at or before
   * `openedBefore` (ISO-8601): older ones only, the heads-up needs nothing
   * newer. A source that cannot reach some repositories answers the others.
   */
  listOpenPullRequests(request: {
    entityRefs: string[];
    openedBefore: string;
  }): Promise<OpenPullRequest[]>;
}

/** Lets backend modules add sources of open pull requests to the dora backend plugin. */
export interface DoraOpenPullRequestsExtensionPoint {
  addOpenPullRequestSource(...sources: DoraOpenPullRequestSource[]): void;
}

export const doraOpenPullRequestsExtensionPoint =
  createExtensionPoint<DoraOpenPullRequestsExtensionPoint>({
    id: 'dora.open-pull-requests',
  });
