import {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubPullRequest,
  GithubWorkflowRun,
} from '../mapping';

/** The parts of GitHub webhook payloads that are read. */
export interface GithubRepositoryPayload {
  action?: string;
  repository?: { full_name?: string };
}

export interface PullRequestPayload extends GithubRepositoryPayload {
  pull_request?: GithubPullRequest & { closed_at?: string | null };
}

export interface DeploymentStatusPayload extends GithubRepositoryPayload {
  deployment?: GithubDeployment;
  deployment_status?: GithubDeploymentStatus;
}

export interface WorkflowRunPayload extends GithubRepositoryPayload {
  workflow_run?: GithubWorkflowRun & { workflow_id?: number };
  workflow?: { id?: number; name?: string; path?: string };
}
