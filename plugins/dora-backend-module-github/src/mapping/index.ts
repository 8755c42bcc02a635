/**
 * Pure GitHub → DORA event mapping, shared by the scheduled collector and the
 * webhook receiver. Inputs are GitHub REST objects, which webhook payloads
 * embed unchanged.
 */
export type {
  GithubDeployment,
  GithubDeploymentStatus,
  GithubLabel,
  GithubPullCommit,
  GithubPullFile,
  GithubPullRequest,
  GithubReview,
  GithubUser,
  GithubWorkflowRun,
} from './githubTypes';
export {
  GITHUB_SOURCE,
  githubDeploymentId,
  normalizeRepository,
  pullRequestChangeId,
  workflowRunDeploymentId,
} from './ids';
export { revertedPullNumber, revertedTitle } from './reverts';
export {
  firstCommitTime,
  pullRequestToChange,
  summarizeReviews,
} from './pullRequests';
export type { PullRequestInput } from './pullRequests';
export {
  deploymentOutcome,
  deploymentStatusToDeployment,
  deploymentToDeployment,
} from './deployments';
export type {
  DeploymentStatusInput,
  DeploymentWithStatusesInput,
} from './deployments';
export { workflowRunOutcome, workflowRunToDeployment } from './workflowRuns';
export type { WorkflowRunInput } from './workflowRuns';
export { authorKindOf } from './authorKind';
export { MAX_LISTED_FILES, touchedPaths } from './touchedPaths';
