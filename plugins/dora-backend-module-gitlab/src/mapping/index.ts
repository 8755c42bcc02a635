/**
 * Pure GitLab → DORA event mapping, shared by the scheduled collector and
 * the webhook receiver.
 */
export type {
  GitlabCommit,
  GitlabDeployment,
  GitlabDiff,
  GitlabJob,
  GitlabMergeRequest,
  GitlabNote,
  GitlabPipeline,
  GitlabProject,
  GitlabUser,
} from './gitlabTypes';
export {
  GITLAB_SOURCE,
  gitlabDeploymentId,
  jobDeploymentId,
  mergeRequestChangeId,
  normalizeProject,
} from './ids';
export { authorKindOf } from './authorKind';
export {
  MAX_LISTED_FILES,
  changePaths,
  changedFiles,
  diffLineCounts,
} from './paths';
export { summarizeNotes } from './reviews';
export {
  firstCommitTime,
  mergeRequestToChange,
  revertedTitle,
} from './mergeRequests';
export type { MergeRequestInput } from './mergeRequests';
export {
  deploymentToDeployment,
  gitlabOutcome,
  jobToDeployment,
} from './deployments';
