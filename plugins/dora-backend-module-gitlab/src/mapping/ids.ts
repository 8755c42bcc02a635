/**
 * Stable event ids, shared by the collector and the webhook receiver so a
 * delivery and a later collection replace each other. Project paths are
 * lower-cased: GitLab paths are case-insensitive.
 */

/** The `source` of every event this module writes. */
export const GITLAB_SOURCE = 'gitlab';

export function normalizeProject(path: string): string {
  return path
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .toLocaleLowerCase('en-US');
}

/** `group/project!12`: a merge request (GitLab's own reference form). `revertOf` uses it too. */
export function mergeRequestChangeId(project: string, iid: number): string {
  return `${normalizeProject(project)}!${iid}`;
}

/** `group/project/deployments/345`: a GitLab deployment. */
export function gitlabDeploymentId(project: string, id: number): string {
  return `${normalizeProject(project)}/deployments/${id}`;
}

/** `group/project/pipelines/77/deploy prod`: a deployment job of a pipeline (its retries share it). */
export function jobDeploymentId(
  project: string,
  pipelineId: number,
  jobName: string,
): string {
  return `${normalizeProject(project)}/pipelines/${pipelineId}/${jobName}`;
}
