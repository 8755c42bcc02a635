import {
  ChangeCounting,
  DeploymentCounting,
  ExplainedFailure,
} from '@dora-metrics/plugin-dora-common';

export const failureSignalText: Record<ExplainedFailure, string> = {
  'incident-names-deployment': 'an incident names this deployment',
  'incident-names-change': 'an incident names a change it shipped',
  'incident-in-attribution-window':
    'an incident opened within the attribution window after it',
  'rolled-back': 'it was rolled back',
  'change-reverted': 'a change it shipped was reverted',
  'pipeline-run-failed': 'the production run failed (pipeline mode)',
};

const deploymentStatusText: Record<DeploymentCounting['status'], string> = {
  counted: 'Counted',
  redeploy: 'Redeploy of the same version: not counted',
  'not-production': 'Not a production environment: not counted',
  'not-successful': 'Not successful: not counted',
  'only-excluded':
    'Shipped only excluded changes (bots and automation): not counted',
};

/** What a deployment row counts for, in words. */
export function statusText(counting: DeploymentCounting): string {
  if (counting.fromMerge) {
    return 'Counted: a merge stands in for a deployment (pull-request mode)';
  }
  if (counting.status === 'not-successful' && counting.inChangeFailureRate) {
    return 'Failed run: counted in the change failure rate (pipeline mode)';
  }
  return deploymentStatusText[counting.status];
}

export const leadTimeStartText: Record<
  NonNullable<ChangeCounting['leadTimeStart']>,
  string
> = {
  firstCommitAt: 'from the first commit',
  openedAt: 'from the pull request’s opening (no first commit)',
  mergedAt: 'from the merge (no first commit, no opening)',
};
