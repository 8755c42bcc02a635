import { productionMatcher } from '../settings/productionEnvironments';
import { Change, Deployment, Incident, Timeline } from './timeline';

/** Why a failed change was marked failed (change failure rate, incidents mode). */
export type FailureSignal =
  | 'incident-names-deployment'
  | 'incident-names-change'
  | 'incident-in-attribution-window'
  | 'rolled-back'
  | 'change-reverted';

/** A successful production deployment that is not a redeploy: the unit of deployment frequency. */
export interface CountedDeployment {
  deployment: Deployment;
  /** The changes this deployment shipped first (see linkChanges). */
  shipped: Change[];
  failureSignals: Set<FailureSignal>;
  /** Incidents that name or are attributed to it, earliest first. */
  incidents: Incident[];
}

export type MeasurementMode = 'deployments' | 'pull-requests';

/**
 * Pull-request mode: an entity with changes that never had a deployment
 * event of any status is measured from merges alone.
 */
export function measurementMode(
  timeline: Timeline,
  deploymentEverIngested: boolean,
): MeasurementMode {
  const neverDeployed =
    timeline.deployments.length === 0 && !deploymentEverIngested;
  return neverDeployed && timeline.changes.length > 0
    ? 'pull-requests'
    : 'deployments';
}

/** In pull-request mode each merged change is a production deployment at its merge. */
export function mergesAsDeployments(
  changes: Change[],
  productionEnvironment: string,
): Deployment[] {
  return changes
    .filter(change => change.mergedAt !== null)
    .map(change => ({
      source: change.source,
      id: change.id,
      environment: productionEnvironment,
      status: 'success' as const,
      finishedAt: change.mergedAt!,
      artifact: null,
      commitSha: change.mergeCommitSha,
      changeIds: [change.id],
      rollbackOf: null,
      deploymentKind: 'normal' as const,
    }));
}

export interface DeploymentCounting {
  /** Deployments to a production environment, any status, in order. */
  production: Deployment[];
  counted: CountedDeployment[];
  /** Successful production deployments of the same artifact as the previous success. */
  redeploys: Set<Deployment>;
}

/**
 * Counts successful production deployments. One that deploys the same
 * `version` (else `commitSha`) as the previous successful production
 * deployment is a redeploy and is not counted. `artifactBefore` carries
 * the rule across a history read from an instant on.
 */
export function countDeployments(
  deployments: Deployment[],
  productionEnvironments: readonly string[],
  /** What the last successful production deployment before these deployed. */
  artifactBefore: string | null = null,
): DeploymentCounting {
  // Names and patterns (prod*, /^prod-.+$/): the rules decide, not a list of names.
  const isProduction = productionMatcher(productionEnvironments);
  const production = deployments.filter(
    d => isProduction(d.environment) !== null,
  );
  const counted: CountedDeployment[] = [];
  const redeploys = new Set<Deployment>();
  let previousArtifact = artifactBefore;
  for (const deployment of production) {
    if (deployment.status !== 'success') continue;
    const artifact = deployment.artifact;
    if (artifact !== null && artifact === previousArtifact) {
      redeploys.add(deployment);
    } else {
      counted.push({
        deployment,
        shipped: [],
        failureSignals: new Set(),
        incidents: [],
      });
    }
    previousArtifact = artifact;
  }
  return { production, counted, redeploys };
}
