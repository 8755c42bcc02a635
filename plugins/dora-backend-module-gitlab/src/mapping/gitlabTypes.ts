/** The fields of GitLab REST v4 objects this module reads. */

export interface GitlabUser {
  id?: number;
  username: string;
  name?: string;
  /** Set on some user objects (e.g. `GET /users/:id`); absent on MR authors. */
  bot?: boolean;
}

export interface GitlabProject {
  id: number;
  path_with_namespace: string;
  web_url?: string;
}

export interface GitlabMergeRequest {
  id?: number;
  iid: number;
  project_id?: number;
  title: string;
  description?: string | null;
  state: string;
  created_at: string;
  updated_at: string;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
  labels?: Array<string | { title?: string; name?: string }>;
  author?: GitlabUser | null;
  web_url?: string;
}

export interface GitlabCommit {
  id: string;
  authored_date?: string | null;
  committed_date?: string | null;
  created_at?: string | null;
}

export interface GitlabNote {
  id: number;
  body: string;
  author: GitlabUser;
  created_at: string;
  system: boolean;
}

export interface GitlabDiff {
  old_path: string;
  new_path: string;
  diff?: string;
  renamed_file?: boolean;
}

export interface GitlabJob {
  id: number;
  name: string;
  status: string;
  created_at?: string | null;
  started_at?: string | null;
  finished_at?: string | null;
  web_url?: string | null;
  ref?: string | null;
  commit?: { id: string } | null;
  pipeline?: { id: number; sha?: string } | null;
}

export interface GitlabDeployment {
  id: number;
  iid?: number;
  ref?: string | null;
  sha?: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  finished_at?: string | null;
  environment?: { name: string } | null;
  deployable?: GitlabJob | null;
}

export interface GitlabPipeline {
  id: number;
  status: string;
  sha?: string;
  ref?: string;
  created_at?: string;
  updated_at: string;
  web_url?: string;
}
