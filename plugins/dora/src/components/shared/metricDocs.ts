/** The four DORA metrics, each of which opens the events behind it. */
export type TileKind =
  'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';

/** Every metric a tile shows: the four DORA metrics and the secondary ones. */
export type MetricKind =
  TileKind | 'failedDeploymentRecoveryTime' | 'reworkRate' | 'pullRequests';

/** Each metric's section of docs/metrics.md (GitHub heading anchors). */
export const metricDocsAnchor: Record<MetricKind, string> = {
  deploymentFrequency: 'deployment-frequency',
  leadTime: 'lead-time-for-changes',
  changeFailureRate: 'change-failure-rate',
  timeToRestore: 'time-to-restore-service',
  failedDeploymentRecoveryTime: 'failed-deployment-recovery-time',
  reworkRate: 'deployment-rework-rate',
  pullRequests: 'pull-request-working-agreements',
};

/** The docs URL with a metric's anchor (any anchor of the base replaced). */
export function metricDocsHref(baseUrl: string, kind: MetricKind): string {
  return `${baseUrl.split('#')[0]}#${metricDocsAnchor[kind]}`;
}

/** One line under each tile: what the number counts. */
export const whatCounts: Record<MetricKind, string> = {
  deploymentFrequency:
    'Successful production deployments; redeploys of the same version are not counted',
  leadTime:
    "From a change's first commit to the production deployment that shipped it",
  changeFailureRate:
    'Production deployments followed by a linked incident, a rollback or a revert',
  timeToRestore:
    'Incidents resolved in this window, from opening to resolution',
  failedDeploymentRecoveryTime:
    "From a failed deployment's first incident to its resolution",
  reworkRate:
    'Hotfix and rollback deployments, and deployments shipping a hotfix or a revert',
  pullRequests: 'Pull requests merged in this window, deployed or not',
};

/** The change failure rate counts pipeline runs in the entity's `pipeline` mode. */
export const whatCountsPipelineFailures =
  'Failed production pipeline runs over all finished runs (aborted runs left out)';
