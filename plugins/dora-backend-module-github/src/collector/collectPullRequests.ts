import { LoggerService } from '@backstage/backend-plugin-api';
import { ChangeEvent } from '@dora-metrics/plugin-dora-common';
import { GithubClient } from '../client/GithubClient';
import {
  GithubPullCommit,
  GithubPullFile,
  GithubPullRequest,
  GithubReview,
  pullRequestToChange,
  revertedPullNumber,
  revertedTitle,
  touchedPaths,
} from '../mapping';
import { toMillis } from '../mapping/instants';
import { attributeToEntities } from './attributeToEntities';
import { listSince } from './listSince';
import { TargetEntity } from './repositoryTargets';

export interface StreamResult<E> {
  events: E[];
  /** Where the next collection starts. */
  cursor: string;
}

interface Target {
  client: GithubClient;
  /** `owner/repo`. */
  repository: string;
  /** The repository's entities; each change goes to those it is attributed to. */
  entities: TargetEntity[];
  /** Read each merged pull request's files (a repository whose entities claim paths). */
  readFiles: boolean;
  /** Pull requests updated before this instant are not read. */
  since: string;
  logger: LoggerService;
}

/**
 * Merged pull requests updated since the cursor, newest update first. The
 * list is sorted by `updated_at`, so paging stops at the first older one.
 * Each merged one costs three more requests (details for additions and
 * deletions, commits, reviews), and in a repository whose entities claim
 * paths one more per 100 files it changed. The next cursor is the newest `updated_at`
 * seen; the comparison is inclusive, so a pull request updated in the same
 * second as the cursor is read again (harmless: ingestion is idempotent).
 */
export async function collectPullRequests(
  target: Target,
): Promise<StreamResult<ChangeEvent>> {
  const { client, repository } = target;
  const updated = await listSince(
    client.pages<GithubPullRequest[]>(`repos/${repository}/pulls`, {
      state: 'closed',
      sort: 'updated',
      direction: 'desc',
      per_page: 100,
    }),
    pull => pull.updated_at,
    target.since,
  );
  // The newest update seen (the list may shift while it is paged).
  const cursor = updated.reduce(
    (newest, pull) =>
      toMillis(pull.updated_at) > toMillis(newest) ? pull.updated_at : newest,
    target.since,
  );
  const merged = updated.filter(pull => pull.merged_at);

  // Titles of the merged pull requests seen, to resolve `Revert "title"`.
  const byTitle = new Map(merged.map(p => [p.title.trim(), p.number]));
  const events: ChangeEvent[] = [];
  for (const listed of merged) {
    const base = `repos/${repository}/pulls/${listed.number}`;
    const pull = await client.getJson<GithubPullRequest>(base);
    const commits = await client.getAll<GithubPullCommit>(`${base}/commits`);
    const reviews = await client.getAll<GithubReview>(`${base}/reviews`);
    const paths = target.readFiles
      ? touchedPaths(
          await client.getAll<GithubPullFile>(`${base}/files`, {
            per_page: 100,
          }),
          pull.changed_files,
        )
      : null;
    const event = pullRequestToChange({
      repository,
      pull,
      commits,
      reviews,
      revertedNumber: await findReverted(client, repository, pull, byTitle),
      paths,
    });
    if (!event) continue;
    const attributed = attributeToEntities(event, target.entities);
    if (attributed.length === 0) {
      target.logger.debug(
        `GitHub ${repository}#${pull.number}: touched no claimed path and the repository has no default entity; skipped`,
      );
    }
    events.push(...attributed);
  }
  return { events, cursor };
}

/**
 * The pull request a revert reverts: from its branch or body, else by the
 * title in `Revert "..."` among the pull requests of this run, else through
 * the search API (one request, only for such titles).
 */
async function findReverted(
  client: GithubClient,
  repository: string,
  pull: GithubPullRequest,
  byTitle: Map<string, number>,
): Promise<number | null> {
  const fromBranchOrBody = revertedPullNumber(pull);
  if (fromBranchOrBody !== undefined) return fromBranchOrBody;
  const title = revertedTitle(pull);
  if (title === undefined) return null;
  const seen = byTitle.get(title.trim());
  if (seen !== undefined && seen !== pull.number) return seen;

  const query = `repo:${repository} is:pr is:merged in:title "${title.replace(/"/g, '')}"`;
  const found = await client.getJson<{
    items: Array<{ number: number; title: string }>;
  }>('search/issues', { q: query, per_page: 20 });
  const match = found.items.find(
    item => item.title.trim() === title.trim() && item.number !== pull.number,
  );
  return match?.number ?? null;
}
