/** The fields of GitLab webhook payloads this module reads (as documented by GitLab). */

export interface WebhookProject {
  id: number;
  path_with_namespace: string;
  web_url?: string;
}

export interface MergeRequestHookPayload {
  object_kind?: string;
  user?: { username?: string };
  project?: WebhookProject;
  object_attributes?: {
    iid: number;
    title: string;
    state: string;
    action?: string;
    created_at: string;
    updated_at: string;
    merged_at?: string | null;
    merge_commit_sha?: string | null;
    squash_commit_sha?: string | null;
    url?: string;
    author_id?: number;
  };
  labels?: Array<{ title: string }>;
}

export interface DeploymentHookPayload {
  object_kind?: string;
  status?: string;
  status_changed_at?: string;
  deployment_id?: number;
  deployable_id?: number;
  deployable_url?: string;
  environment?: string;
  project?: WebhookProject;
  short_sha?: string;
  commit_url?: string;
  ref?: string;
}

export interface PipelineHookPayload {
  object_kind?: string;
  object_attributes?: {
    id: number;
    status: string;
    sha?: string;
    ref?: string;
    created_at?: string;
    finished_at?: string | null;
  };
  project?: WebhookProject;
  builds?: Array<{
    id: number;
    name: string;
    status: string;
    created_at?: string | null;
    started_at?: string | null;
    finished_at?: string | null;
  }>;
}
