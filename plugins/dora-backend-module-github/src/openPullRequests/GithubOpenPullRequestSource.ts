import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraOpenPullRequestSource,
  OpenPullRequest,
  RateLimitError,
} from '@dora-metrics/plugin-dora-node';
import { GithubClient } from '../client/GithubClient';
import { GithubClientFactory } from '../client/GithubClientFactory';
import { GithubCollectorConfig } from '../config';
import {
  RepositoryTarget,
  findRepositoryTargets,
} from '../collector/repositoryTargets';
import {
  GITHUB_SOURCE,
  GithubPullRequest,
  GithubReview,
  pullRequestChangeId,
  summarizeReviews,
} from '../mapping';
import { toMillis } from '../mapping/instants';

/** One element of `GET /repos/{owner}/{repo}/issues/{number}/events` (the parts read). */
interface GithubIssueEvent {
  event: string;
  created_at: string;
}

export interface GithubOpenPullRequestSourceDeps {
  config: GithubCollectorConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Shared with the collector: one rate limit pause per API host. */
  clients: GithubClientFactory;
}

/**
 * The open pull requests of the entities' repositories (`github.com/project-slug`),
 * read live from GitHub for the first-review heads-up. Per repository: the
 * open pull requests oldest first, paging stops at the first one opened
 * after `openedBefore`; for each older one that is not a draft, its reviews
 * (the first by someone other than the author) and, when none, its issue
 * events (a draft marked ready for review waits from then). A failing
 * repository is logged and the others are read; an exhausted rate limit
 * stops the rest of the read (the next evaluation tries again).
 */
export class GithubOpenPullRequestSource implements DoraOpenPullRequestSource {
  constructor(private readonly deps: GithubOpenPullRequestSourceDeps) {}

  getSourceName(): string {
    return 'github';
  }

  async listOpenPullRequests(request: {
    entityRefs: string[];
    openedBefore: string;
  }): Promise<OpenPullRequest[]> {
    const { logger, config, clients } = this.deps;
    const wanted = new Set(request.entityRefs.map(ref => ref.toLowerCase()));
    // One entity per repository: a monorepo's open pull requests have no
    // files read yet, so they could not be given to its entities.
    const targets = (await findRepositoryTargets(this.deps)).filter(
      t => t.entities.length === 1 && wanted.has(t.entities[0].entityRef),
    );
    const found: OpenPullRequest[] = [];
    for (const target of targets) {
      try {
        const client = await clients.forRepository(
          target.repository,
          config.host,
        );
        found.push(
          ...(await openPullRequests(client, target, request.openedBefore)),
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof RateLimitError) {
          logger.warn(
            `GitHub: open pull requests not read from ${target.repository} and the repositories after it: ${message}`,
          );
          break;
        }
        logger.warn(
          `GitHub: open pull requests of ${target.repository} could not be read; skipped: ${message}`,
        );
      }
    }
    return found;
  }
}

/** The open pull requests of one repository opened at or before `openedBefore`. */
async function openPullRequests(
  client: GithubClient,
  target: RepositoryTarget,
  openedBefore: string,
): Promise<OpenPullRequest[]> {
  const { repository } = target;
  const before = toMillis(openedBefore);
  const older: GithubPullRequest[] = [];
  for await (const page of client.pages<GithubPullRequest[]>(
    `repos/${repository}/pulls`,
    { state: 'open', sort: 'created', direction: 'asc', per_page: 100 },
  )) {
    const newer = page.findIndex(pull => toMillis(pull.created_at) > before);
    older.push(...(newer < 0 ? page : page.slice(0, newer)));
    if (newer >= 0) break;
  }

  const found: OpenPullRequest[] = [];
  for (const pull of older) {
    const author = pull.user?.login;
    const base: OpenPullRequest = {
      id: `${GITHUB_SOURCE}:${pullRequestChangeId(repository, pull.number)}`,
      entityRef: target.entities[0].entityRef,
      repository,
      number: pull.number,
      title: pull.title,
      ...(author ? { author } : {}),
      ...(pull.html_url ? { url: pull.html_url } : {}),
      openedAt: pull.created_at,
      draft: pull.draft === true,
    };
    // A draft waits for no review: its reviews are not read.
    if (base.draft) {
      found.push(base);
      continue;
    }
    const path = `repos/${repository}/pulls/${pull.number}`;
    const reviews = await client.getAll<GithubReview>(`${path}/reviews`);
    const { firstReviewAt } = summarizeReviews(reviews, author);
    if (firstReviewAt) {
      found.push({ ...base, firstReviewAt });
      continue;
    }
    const readyAt = await lastReadyForReview(client, repository, pull.number);
    if (readyAt && toMillis(readyAt) > toMillis(pull.created_at)) {
      // Waiting from when it was marked ready; maybe not old enough yet.
      if (toMillis(readyAt) > before) continue;
      found.push({ ...base, openedAt: readyAt });
    } else {
      found.push(base);
    }
  }
  return found;
}

/** When the pull request was last marked ready for review, if it ever was. */
async function lastReadyForReview(
  client: GithubClient,
  repository: string,
  number: number,
): Promise<string | undefined> {
  const events = await client.getAll<GithubIssueEvent>(
    `repos/${repository}/issues/${number}/events`,
  );
  return events
    .filter(e => e.event === 'ready_for_review')
    .map(e => e.created_at)
    .sort((a, b) => toMillis(a) - toMillis(b))
    .pop();
}
