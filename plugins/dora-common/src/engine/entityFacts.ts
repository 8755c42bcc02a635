import { DeploymentStatus } from '../events/schemas';
import { ChangeFailureMode } from '../settings/settings';
import { EntityClassification } from './classifyEntity';
import {
  CountedDeployment,
  FailureSignal,
  MeasurementMode,
} from './countedDeployments';
import { isRework } from './rework';
import { pipelineRecoveries } from './pipelineRecoveries';
import { Change, Deployment, Incident } from './timeline';

/**
 * How a deployment entered (or did not enter) the metrics.
 * `only-excluded`: a successful production deployment that shipped
 * only changes the exclusion rules leave out, not counted because the
 * entity's `excludedDeployments` is `skip`.
 */
export type DeploymentStatusFact =
  | 'counted'
  | 'redeploy'
  | 'not-production'
  | 'not-successful'
  | 'only-excluded';

/**
 * One deployment as the metrics see it, decided over the entity's whole
 * history. In pull-request mode each merge stands in for a deployment
 * (`fromMerge`), with the change's source and id.
 */
export interface DeploymentFact {
  source: string;
  id: string;
  /** `finishedAt` (the merge in pull-request mode). */
  at: number;
  environment: string;
  runStatus: DeploymentStatus;
  fromMerge: boolean;
  status: DeploymentStatusFact;
  /** Incidents-mode signals that make a counted deployment a failed change. */
  failureSignals: FailureSignal[];
  /** Incidents that name it or are attributed to it, earliest first. */
  incidentIds: string[];
  rework: boolean;
  shippedChangeIds: string[];
  /**
   * Failed deployment recovery, placed at the instant it completes: the
   * resolution of a failed change's first incident (incidents mode), or the
   * success that closes an outage (pipeline mode).
   */
  recoveredAt: number | null;
  recoverySeconds: number | null;
}

export type LeadTimeStart = 'firstCommitAt' | 'openedAt' | 'mergedAt';

/** One change: its lead time (when shipped) and its pull-request figures. */
export interface ChangeFact {
  source: string;
  id: string;
  mergedAt: number | null;
  /** The counted deployment that shipped it first. */
  shippedBy: { source: string; id: string; at: number } | null;
  leadTimeStart: LeadTimeStart | null;
  /** `null` when not shipped, or shipped but left out (`leadTimeExcluded`). */
  leadTimeSeconds: number | null;
  leadTimeExcluded: 'negative' | 'no-start' | null;
  coding: number | null;
  pickup: number | null;
  review: number | null;
  deploy: number | null;
  timeToFirstReview: number | null;
  timeToMerge: number | null;
  /** additions + deletions, when both are known. */
  size: number | null;
  reviewCount: number | null;
  /** Merged changes that revert it. */
  revertedBy: string[];
  /**
   * Why the exclusion rules leave it out of lead time, the pull-request
   * metrics and the working agreements (`bot author dependabot[bot]`), or
   * null when it counts.
   */
  excluded: string | null;
}

export interface IncidentFact {
  source: string;
  id: string;
  openedAt: number;
  resolvedAt: number | null;
  /** The counted deployments it marks as failed changes. */
  failedDeploymentIds: string[];
}

/**
 * What the metrics need of one entity, derived once from its whole history
 * and independent of any window: a read selects the facts a window needs and
 * aggregates them (see analyzeFacts). Lists keep the engine's order.
 */
export interface EntityFacts {
  entityRef: string;
  mode: MeasurementMode;
  changeFailureMode: ChangeFailureMode;
  hasIncidentSource: boolean;
  /** Deployments, changes and incidents ever ingested. */
  eventCount: number;
  /** Environments deployed to, when none of them is production. */
  nonProductionEnvironments: string[];
  deployments: DeploymentFact[];
  changes: ChangeFact[];
  incidents: IncidentFact[];
}

const seconds = (from: number | null, to: number | null) =>
  from === null || to === null ? null : Math.max(0, (to - from) / 1000);

function deploymentStatus(
  deployment: Deployment,
  entity: EntityClassification,
  production: Set<Deployment>,
  skipped: Set<Deployment>,
): DeploymentStatusFact {
  if (!production.has(deployment)) return 'not-production';
  if (deployment.status !== 'success') return 'not-successful';
  if (entity.redeploys.has(deployment)) return 'redeploy';
  if (skipped.has(deployment)) return 'only-excluded';
  return 'counted';
}

/** Recoveries keyed by the deployment they are placed on. */
function recoveriesOf(
  entity: EntityClassification,
): Map<Deployment, { at: number; seconds: number }> {
  const placed = new Map<Deployment, { at: number; seconds: number }>();
  if (entity.settings.changeFailureMode === 'pipeline') {
    for (const recovery of pipelineRecoveries(
      entity.production,
      entity.failingSinceBefore,
    )) {
      placed.set(recovery.closedBy, {
        at: recovery.recoveredAt,
        seconds: (recovery.recoveredAt - recovery.failedAt) / 1000,
      });
    }
    return placed;
  }
  if (!entity.hasIncidentSource) return placed;
  for (const { deployment, incidents } of entity.counted) {
    const first = incidents[0];
    if (!first || first.resolvedAt === null) continue;
    const duration = (first.resolvedAt - first.openedAt) / 1000;
    if (duration >= 0) {
      placed.set(deployment, { at: first.resolvedAt, seconds: duration });
    }
  }
  return placed;
}

function deploymentFacts(entity: EntityClassification): DeploymentFact[] {
  const countedBy = new Map<Deployment, CountedDeployment>(
    entity.counted.map(c => [c.deployment, c]),
  );
  const production = new Set(entity.production);
  const skippedBy = new Map<Deployment, CountedDeployment>(
    entity.skipped.map(c => [c.deployment, c]),
  );
  const skipped = new Set(skippedBy.keys());
  const recoveries = recoveriesOf(entity);
  const fromMerge = entity.mode === 'pull-requests';
  const deployments = fromMerge
    ? entity.production
    : entity.timeline.deployments;
  return deployments.map(deployment => {
    const counted = countedBy.get(deployment);
    const recovery = recoveries.get(deployment);
    return {
      source: deployment.source,
      id: deployment.id,
      at: deployment.finishedAt,
      environment: deployment.environment,
      runStatus: deployment.status,
      fromMerge,
      status: deploymentStatus(deployment, entity, production, skipped),
      failureSignals: counted ? [...counted.failureSignals] : [],
      incidentIds: counted ? counted.incidents.map(i => i.id) : [],
      rework: counted !== undefined && isRework(counted),
      shippedChangeIds:
        (counted ?? skippedBy.get(deployment))?.shipped.map(c => c.id) ?? [],
      recoveredAt: recovery?.at ?? null,
      recoverySeconds: recovery?.seconds ?? null,
    };
  });
}

function leadTimeStartOf(change: Change): LeadTimeStart | null {
  if (change.firstCommitAt !== null) return 'firstCommitAt';
  if (change.openedAt !== null) return 'openedAt';
  if (change.mergedAt !== null) return 'mergedAt';
  return null;
}

function changeFacts(entity: EntityClassification): ChangeFact[] {
  const revertsOf = new Map<string, string[]>();
  for (const change of entity.timeline.changes) {
    if (change.revertOf === null || change.mergedAt === null) continue;
    const reverts = revertsOf.get(change.revertOf) ?? [];
    reverts.push(change.id);
    revertsOf.set(change.revertOf, reverts);
  }

  return entity.timeline.changes.map(change => {
    const shipping = entity.shippedBy.get(change);
    const deployedAt = shipping?.deployment.finishedAt ?? null;
    const excluded = entity.excluded.get(change) ?? null;
    const leadTimeStart = leadTimeStartOf(change);
    const start = leadTimeStart === null ? null : change[leadTimeStart];
    let leadTimeSeconds: number | null = null;
    let leadTimeExcluded: ChangeFact['leadTimeExcluded'] = null;
    if (deployedAt !== null) {
      if (start === null) leadTimeExcluded = 'no-start';
      else if (deployedAt < start) leadTimeExcluded = 'negative';
      else leadTimeSeconds = (deployedAt - start) / 1000;
    }
    const { additions, deletions } = change;
    return {
      source: change.source,
      id: change.id,
      mergedAt: change.mergedAt,
      shippedBy: shipping
        ? {
            source: shipping.deployment.source,
            id: shipping.deployment.id,
            at: shipping.deployment.finishedAt,
          }
        : null,
      leadTimeStart,
      leadTimeSeconds,
      leadTimeExcluded,
      coding: seconds(change.firstCommitAt, change.openedAt),
      pickup: seconds(change.openedAt, change.firstReviewAt),
      review: seconds(change.firstReviewAt, change.mergedAt),
      deploy: seconds(change.mergedAt, deployedAt),
      timeToFirstReview: seconds(change.openedAt, change.firstReviewAt),
      timeToMerge: seconds(change.openedAt, change.mergedAt),
      size:
        additions !== null && deletions !== null ? additions + deletions : null,
      reviewCount: change.reviewCount,
      revertedBy: revertsOf.get(change.id) ?? [],
      excluded,
    };
  });
}

function incidentFacts(entity: EntityClassification): IncidentFact[] {
  const failedBy = new Map<Incident, string[]>();
  for (const counted of entity.counted) {
    for (const incident of counted.incidents) {
      const ids = failedBy.get(incident) ?? [];
      ids.push(counted.deployment.id);
      failedBy.set(incident, ids);
    }
  }
  return entity.timeline.incidents.map(incident => ({
    source: incident.source,
    id: incident.id,
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    failedDeploymentIds: failedBy.get(incident) ?? [],
  }));
}

/** The window-independent facts of one classified entity. */
export function entityFacts(entity: EntityClassification): EntityFacts {
  const { timeline } = entity;
  const nonProductionEnvironments =
    entity.production.length === 0
      ? [
          ...new Set([
            ...entity.nonProductionEnvironments,
            ...timeline.deployments.map(d => d.environment),
          ]),
        ].sort()
      : [];
  return {
    entityRef: entity.entityRef,
    mode: entity.mode,
    changeFailureMode: entity.settings.changeFailureMode,
    hasIncidentSource: entity.hasIncidentSource,
    eventCount:
      timeline.deployments.length +
      timeline.changes.length +
      timeline.incidents.length,
    nonProductionEnvironments,
    deployments: deploymentFacts(entity),
    changes: changeFacts(entity),
    incidents: incidentFacts(entity),
  };
}
