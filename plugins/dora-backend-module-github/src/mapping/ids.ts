/**
 * Stable event ids. The collector and the webhook receiver must produce the
 * same id for the same object, so a webhook delivery and a later collection
 * replace each other instead of counting twice. Repositories are lower-cased
 * because GitHub names are case-insensitive and catalog annotations vary.
 */

/** The `source` of every event this module writes. */
export const GITHUB_SOURCE = 'github';

export function normalizeRepository(repository: string): string {
  return repository.trim().toLocaleLowerCase('en-US');
}

/** `owner/repo#123`: a pull request. `revertOf` uses the same form. */
export function pullRequestChangeId(repository: string, number: number) {
  return `${normalizeRepository(repository)}#${number}`;
}

/** `owner/repo/deployments/456`: a GitHub deployment. */
export function githubDeploymentId(repository: string, deploymentId: number) {
  return `${normalizeRepository(repository)}/deployments/${deploymentId}`;
}

/** `owner/repo/runs/789`: a workflow run taken as a deployment (all attempts share it). */
export function workflowRunDeploymentId(repository: string, runId: number) {
  return `${normalizeRepository(repository)}/runs/${runId}`;
}
