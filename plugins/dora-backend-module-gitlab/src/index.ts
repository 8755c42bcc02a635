/**
 * Collects merge requests, reverts and deployments from GitLab into the DORA
 * backend plugin, and receives GitLab webhooks.
 *
 * @packageDocumentation
 */
export {};
