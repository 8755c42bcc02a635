/**
 * The parts of GitHub REST objects the mapping reads. Webhook payloads embed
 * the same objects (`pull_request`, `deployment`, `deployment_status`,
 * `workflow_run`), so one mapping serves the collector and webhooks. Fields
 * GitHub may omit are optional; everything else is ignored.
 */

/** A user or bot, as in `user`, `creator`, review `user`. */
export interface GithubUser {
  login: string;
  /** `User`, `Bot` or `Organization`. */
  type?: string;
}

export interface GithubLabel {
  name: string;
}

/**
 * A pull request: `GET /repos/{owner}/{repo}/pulls/{number}` or the
 * `pull_request` webhook. The list endpoint lacks `additions`/`deletions`.
 */
export interface GithubPullRequest {
  number: number;
  title: string;
  body?: string | null;
  state?: string;
  user: GithubUser | null;
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  merge_commit_sha?: string | null;
  head: { ref: string; sha?: string };
  base?: { ref: string };
  labels?: GithubLabel[];
  additions?: number;
  deletions?: number;
  /** The pull request's page, e.g. `https://github.com/acme/app/pull/481`. */
  html_url?: string | null;
  /** A draft is not ready for review. */
  draft?: boolean;
  /** Files the pull request changed (detail endpoint only). */
  changed_files?: number;
}

/** One element of `GET /repos/{owner}/{repo}/pulls/{number}/files` (at most 3000 in all). */
export interface GithubPullFile {
  filename: string;
  /** `added`, `removed`, `modified`, `renamed`, ... */
  status?: string;
  /** The path before a rename. */
  previous_filename?: string;
}

/** One element of `GET /repos/{owner}/{repo}/pulls/{number}/commits`. */
export interface GithubPullCommit {
  sha: string;
  commit: {
    author?: { date?: string | null } | null;
    committer?: { date?: string | null } | null;
  };
}

/** One element of `GET /repos/{owner}/{repo}/pulls/{number}/reviews`. */
export interface GithubReview {
  id: number;
  user: GithubUser | null;
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED` or `PENDING`. */
  state: string;
  /** Absent on a pending review. */
  submitted_at?: string | null;
}

/** `GET /repos/{owner}/{repo}/deployments` element, or the `deployment` webhook object. */
export interface GithubDeployment {
  id: number;
  sha: string;
  ref?: string;
  task?: string;
  environment: string;
  created_at: string;
  updated_at?: string;
  creator?: GithubUser | null;
  description?: string | null;
}

/** `GET .../deployments/{id}/statuses` element, or the `deployment_status` webhook object. */
export interface GithubDeploymentStatus {
  id: number;
  /** `error`, `failure`, `inactive`, `in_progress`, `queued`, `pending` or `success`. */
  state: string;
  created_at: string;
  updated_at?: string;
  environment?: string;
  /** The status's link, typically the run that deployed (`log_url` is its newer name). */
  target_url?: string | null;
  log_url?: string | null;
}

/** `GET .../actions/workflows/{file}/runs` element, or the `workflow_run` webhook object. */
export interface GithubWorkflowRun {
  id: number;
  /** The workflow's name, e.g. `Deploy production`. */
  name?: string | null;
  /** The run's title, e.g. the commit message or `run-name`. */
  display_title?: string | null;
  /** e.g. `.github/workflows/deploy.yml`. */
  path?: string;
  head_sha: string;
  head_branch?: string | null;
  event?: string;
  /** `queued`, `in_progress`, `completed`, ... */
  status: string | null;
  /** Set when completed: `success`, `failure`, `cancelled`, `timed_out`, `skipped`, ... */
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string | null;
  run_attempt?: number;
  /** The run's page, e.g. `https://github.com/acme/app/actions/runs/8812`. */
  html_url?: string | null;
}
