import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DoraOpenPullRequestSource,
  OpenPullRequest,
} from '@dora-metrics/plugin-dora-node';
import { EntityCatalog } from '../EntityCatalog';
import { ScorecardService } from '../ScorecardService';

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
}

/**
 * The open pull requests waiting for a first review past `share` of the
 * agreed time. Replaced by the real search (scorecards' first-review rules,
 * the sources' open pull requests).
 */
export async function findReviewHeadsUps(
  _deps: ReviewHeadsUpSources,
  _now: number,
  _share: number,
): Promise<ReviewHeadsUp[]> {
  return [];
}
