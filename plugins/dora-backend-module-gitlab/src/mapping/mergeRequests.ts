import { ChangeEvent, acceptedUrl } from '@dora-metrics/plugin-dora-common';
import { authorKindOf } from './authorKind';
import { GitlabCommit, GitlabMergeRequest, GitlabNote } from './gitlabTypes';
import { GITLAB_SOURCE, mergeRequestChangeId } from './ids';
import { summarizeNotes } from './reviews';

/** GitLab's "Revert" button titles the new merge request `Revert "<original title>"`. */
const REVERT_TITLE = /^Revert\s+"(.+)"\s*$/;

/** The reverted title of a `Revert "..."` merge request. */
export function revertedTitle(title: string): string | undefined {
  return REVERT_TITLE.exec(title.trim())?.[1];
}

/** The earliest authored date of the commits: when work started. */
export function firstCommitTime(
  commits: readonly GitlabCommit[],
): string | null {
  let best: string | null = null;
  for (const commit of commits) {
    const at =
      commit.authored_date ?? commit.created_at ?? commit.committed_date;
    if (at && (best === null || Date.parse(at) < Date.parse(best))) best = at;
  }
  return best;
}

function labelNames(labels: GitlabMergeRequest['labels']): string[] {
  return (labels ?? [])
    .map(label =>
      typeof label === 'string' ? label : (label.title ?? label.name ?? ''),
    )
    .filter(Boolean);
}

export interface MergeRequestInput {
  /** `group/subgroup/project`. */
  project: string;
  entityRef: string;
  mergeRequest: GitlabMergeRequest;
  /** When omitted, `firstCommitAt` stays unknown. */
  commits?: GitlabCommit[];
  /** When omitted, the review fields stay unknown. */
  notes?: GitlabNote[];
  /** From the diffs; when omitted, size and paths stay unknown. */
  size?: { additions: number; deletions: number };
  paths?: string[];
  /** The iid of the reverted merge request, when resolved. */
  revertedIid?: number | null;
}

/** A merged merge request as a change event; `null` when it is not merged. */
export function mergeRequestToChange(
  input: MergeRequestInput,
): ChangeEvent | null {
  const { mergeRequest: mr, project } = input;
  if (mr.state !== 'merged' && !mr.merged_at) return null;
  const mergedAt = mr.merged_at ?? mr.updated_at;
  const author = mr.author?.username;
  const reviews = input.notes
    ? summarizeNotes(input.notes, author)
    : { firstReviewAt: null, approvedAt: null, reviewCount: null };
  return {
    kind: 'change',
    source: GITLAB_SOURCE,
    id: mergeRequestChangeId(project, mr.iid),
    entityRef: input.entityRef,
    repository: project.trim(),
    number: mr.iid,
    title: mr.title || null,
    author: author ?? null,
    authorKind: authorKindOf(mr.author),
    firstCommitAt: input.commits ? firstCommitTime(input.commits) : null,
    openedAt: mr.created_at,
    firstReviewAt: reviews.firstReviewAt,
    approvedAt: reviews.approvedAt,
    mergedAt,
    // A squash merge leaves the squash commit on the target branch.
    mergeCommitSha: mr.merge_commit_sha ?? mr.squash_commit_sha ?? null,
    additions: input.size?.additions ?? null,
    deletions: input.size?.deletions ?? null,
    reviewCount: reviews.reviewCount,
    revertOf:
      input.revertedIid === undefined || input.revertedIid === null
        ? null
        : mergeRequestChangeId(project, input.revertedIid),
    labels: labelNames(mr.labels),
    paths: input.paths ?? null,
    url: acceptedUrl(mr.web_url),
  };
}
