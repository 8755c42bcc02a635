import {
  ChangeEvent,
  RepositoryEntity,
  attributeChange,
} from '@dora-metrics/plugin-dora-common';
import { GitlabApiError, GitlabClient } from '../client/GitlabClient';
import {
  GitlabCommit,
  GitlabDiff,
  GitlabMergeRequest,
  GitlabNote,
  changePaths,
  changedFiles,
  diffLineCounts,
  mergeRequestToChange,
  revertedTitle,
} from '../mapping';
import { StreamResult, later } from './latest';

export interface MergeRequestTarget {
  client: GitlabClient;
  /** The numeric project id (API paths). */
  projectId: number;
  /** `group/subgroup/project`. */
  project: string;
  entities: RepositoryEntity[];
  since: string;
}

/**
 * Merged merge requests updated since the cursor, oldest update first. Each
 * costs three more requests (commits, notes, diffs). A change goes to every
 * entity of the project it is attributed to (monorepo path claims), once
 * each; one attributed to no entity is left out.
 */
export async function collectMergeRequests(
  target: MergeRequestTarget,
): Promise<StreamResult<ChangeEvent>> {
  const { client, projectId } = target;
  const base = `projects/${projectId}`;
  const merged = await client.getAll<GitlabMergeRequest>(
    `${base}/merge_requests`,
    {
      state: 'merged',
      updated_after: target.since,
      order_by: 'updated_at',
      sort: 'asc',
      scope: 'all',
    },
  );
  const cursor = merged.reduce(
    (newest, mr) => later(newest, mr.updated_at),
    target.since,
  );
  const byTitle = new Map(merged.map(mr => [mr.title.trim(), mr.iid]));

  const events: ChangeEvent[] = [];
  for (const mr of merged) {
    const path = `${base}/merge_requests/${mr.iid}`;
    const commits = await client.getAll<GitlabCommit>(`${path}/commits`);
    const notes = await client.getAll<GitlabNote>(`${path}/notes`, {
      sort: 'asc',
      order_by: 'created_at',
    });
    const diffs = await readDiffs(client, path);
    const files = changedFiles(diffs);
    const paths = changePaths(files);
    const revertedIid = await findReverted(client, base, mr, byTitle);
    const attribution = attributeChange(paths, target.entities);
    for (const entityRef of attribution.entityRefs) {
      const event = mergeRequestToChange({
        project: target.project,
        entityRef,
        mergeRequest: mr,
        commits,
        notes,
        size: diffLineCounts(diffs),
        paths,
        revertedIid,
      });
      if (event) events.push(event);
    }
  }
  return { events, cursor };
}

/**
 * The files and diffs of a merge request: `/diffs` (GitLab 15.7+), else the
 * older `/changes`. A diff GitLab collapsed as too large counts no lines.
 */
async function readDiffs(
  client: GitlabClient,
  path: string,
): Promise<GitlabDiff[]> {
  try {
    return await client.getAll<GitlabDiff>(`${path}/diffs`);
  } catch (error) {
    if (!(error instanceof GitlabApiError) || error.status !== 404) throw error;
    const { changes } = await client.getJson<{ changes: GitlabDiff[] }>(
      `${path}/changes`,
    );
    return changes ?? [];
  }
}

/**
 * The iid a `Revert "title"` merge request reverts: the merged one with
 * that title among this run's, else a title search among merged ones.
 */
async function findReverted(
  client: GitlabClient,
  base: string,
  mr: GitlabMergeRequest,
  byTitle: Map<string, number>,
): Promise<number | null> {
  const title = revertedTitle(mr.title);
  if (title === undefined) return null;
  const seen = byTitle.get(title.trim());
  if (seen !== undefined && seen !== mr.iid) return seen;
  const found = await client.getJson<GitlabMergeRequest[]>(
    `${base}/merge_requests`,
    { state: 'merged', search: title, in: 'title', scope: 'all', per_page: 20 },
  );
  const match = found.find(
    other => other.title.trim() === title.trim() && other.iid !== mr.iid,
  );
  return match?.iid ?? null;
}
