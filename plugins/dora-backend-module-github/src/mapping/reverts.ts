import { GithubPullRequest } from './githubTypes';

/**
 * How GitHub's "Revert" button names things: the head branch is
 * `revert-<number>-<original head branch>`, the title `Revert "<original title>"`
 * and the body starts with `Reverts owner/repo#<number>`.
 */
const REVERT_BRANCH = /^revert-(\d+)-/;
const REVERT_BODY = /\bReverts\s+[\w.-]+\/[\w.-]+#(\d+)/;
const REVERT_TITLE = /^Revert\s+"(.+)"\s*$/;

/**
 * The number of the pull request this one reverts, read from the head branch
 * or the body that GitHub's revert button writes; `undefined` when neither
 * names one (the title alone names a title, see {@link revertedTitle}).
 */
export function revertedPullNumber(
  pull: GithubPullRequest,
): number | undefined {
  const fromBranch = REVERT_BRANCH.exec(pull.head?.ref ?? '');
  if (fromBranch) return Number(fromBranch[1]);
  const fromBody = REVERT_BODY.exec(pull.body ?? '');
  if (fromBody) return Number(fromBody[1]);
  return undefined;
}

/** The reverted title of a `Revert "..."` pull request, to look the original up by title. */
export function revertedTitle(pull: GithubPullRequest): string | undefined {
  return REVERT_TITLE.exec(pull.title.trim())?.[1];
}
