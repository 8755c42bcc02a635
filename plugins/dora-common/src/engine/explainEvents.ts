import { inWindow, Window } from '../time/instants';
import { isRework } from './analyzeEntity';
import { CountedDeployment, FailureSignal } from './countedDeployments';
import { EntityClassification } from './classifyEntity';
import { Change, Deployment, Incident } from './timeline';

/** How a deployment entered (or did not enter) the metrics. */
export interface DeploymentCounting {
  status: 'counted' | 'redeploy' | 'not-production' | 'not-successful';
  /** A failed change (incidents mode), with the signals that made it one. */
  failed: boolean;
  failureSignals: FailureSignal[];
  incidentIds: string[];
  rework: boolean;
  shippedChangeIds: string[];
}

export interface ChangeCounting {
  /** The counted deployment that shipped it first, if any. */
  shippedBy: { source: string; id: string; finishedAt: string } | null;
  leadTimeSeconds: number | null;
  leadTimeStart: 'firstCommitAt' | 'openedAt' | 'mergedAt' | null;
  /** Why a shipped change has no lead time. */
  leadTimeExcluded: 'negative' | 'no-start' | null;
  /** Counted in the pull-request metrics (merged in the window). */
  mergedInWindow: boolean;
  revertedBy: string[];
}

export interface IncidentCounting {
  /** Counted in time to restore. */
  resolvedInWindow: boolean;
  restoreSeconds: number | null;
  openAtWindowEnd: boolean;
  /** The counted deployments it marks as failed changes. */
  failedDeploymentIds: string[];
}

export type ExplainedEvent =
  | {
      kind: 'deployment';
      source: string;
      id: string;
      at: number;
      counting: DeploymentCounting;
    }
  | {
      kind: 'change';
      source: string;
      id: string;
      at: number;
      counting: ChangeCounting;
    }
  | {
      kind: 'incident';
      source: string;
      id: string;
      at: number;
      counting: IncidentCounting;
    };

const iso = (millis: number) => new Date(millis).toISOString();

function explainDeployment(
  deployment: Deployment,
  entity: EntityClassification,
  countedBy: Map<Deployment, CountedDeployment>,
  production: Set<Deployment>,
): DeploymentCounting {
  const counted = countedBy.get(deployment);
  let status: DeploymentCounting['status'] = 'counted';
  if (!production.has(deployment)) status = 'not-production';
  else if (deployment.status !== 'success') status = 'not-successful';
  else if (entity.redeploys.has(deployment)) status = 'redeploy';
  const shipped = counted?.shipped ?? [];
  return {
    status,
    failed: (counted?.failureSignals.size ?? 0) > 0,
    failureSignals: counted ? [...counted.failureSignals] : [],
    incidentIds: counted ? counted.incidents.map(i => i.id) : [],
    rework: counted !== undefined && isRework(counted),
    shippedChangeIds: shipped.map(c => c.id),
  };
}

function explainChange(
  change: Change,
  entity: EntityClassification,
  window: Window,
  revertsOf: Map<string, string[]>,
): ChangeCounting {
  const shipping = entity.shippedBy.get(change);
  const deployedAt = shipping?.deployment.finishedAt ?? null;
  let leadTimeStart: ChangeCounting['leadTimeStart'] = null;
  if (change.firstCommitAt !== null) leadTimeStart = 'firstCommitAt';
  else if (change.openedAt !== null) leadTimeStart = 'openedAt';
  else if (change.mergedAt !== null) leadTimeStart = 'mergedAt';
  const start = leadTimeStart === null ? null : change[leadTimeStart];
  let leadTimeSeconds: number | null = null;
  let leadTimeExcluded: ChangeCounting['leadTimeExcluded'] = null;
  if (deployedAt !== null) {
    if (start === null) leadTimeExcluded = 'no-start';
    else if (deployedAt < start) leadTimeExcluded = 'negative';
    else leadTimeSeconds = (deployedAt - start) / 1000;
  }
  return {
    shippedBy: shipping
      ? {
          source: shipping.deployment.source,
          id: shipping.deployment.id,
          finishedAt: iso(shipping.deployment.finishedAt),
        }
      : null,
    leadTimeSeconds,
    leadTimeStart,
    leadTimeExcluded,
    mergedInWindow: inWindow(window, change.mergedAt),
    revertedBy: revertsOf.get(change.id) ?? [],
  };
}

function explainIncident(
  incident: Incident,
  window: Window,
  failedBy: Map<Incident, string[]>,
): IncidentCounting {
  const { openedAt, resolvedAt } = incident;
  const resolvedInWindow =
    inWindow(window, resolvedAt) && resolvedAt! >= openedAt;
  return {
    resolvedInWindow,
    restoreSeconds: resolvedInWindow ? (resolvedAt! - openedAt) / 1000 : null,
    openAtWindowEnd:
      openedAt < window.to && (resolvedAt === null || resolvedAt >= window.to),
    failedDeploymentIds: failedBy.get(incident) ?? [],
  };
}

/**
 * Every event behind one entity's numbers in a window, with how it was
 * counted: deployments finished in the window; changes merged in it or
 * shipped by a deployment in it; incidents opened or resolved in it or open
 * at its end. Ordered by their instant.
 */
export function explainEvents(
  entity: EntityClassification,
  window: Window,
): ExplainedEvent[] {
  const countedBy = new Map(entity.counted.map(c => [c.deployment, c]));
  const production = new Set(entity.production);
  const failedBy = new Map<Incident, string[]>();
  for (const counted of entity.counted) {
    for (const incident of counted.incidents) {
      const ids = failedBy.get(incident) ?? [];
      ids.push(counted.deployment.id);
      failedBy.set(incident, ids);
    }
  }
  const revertsOf = new Map<string, string[]>();
  for (const change of entity.timeline.changes) {
    if (change.revertOf !== null && change.mergedAt !== null) {
      revertsOf.set(change.revertOf, [
        ...(revertsOf.get(change.revertOf) ?? []),
        change.id,
      ]);
    }
  }

  const explained: ExplainedEvent[] = [];
  // In pull-request mode the merges stand in for deployments; there are none to list.
  const deployments =
    entity.mode === 'deployments' ? entity.timeline.deployments : [];
  for (const deployment of deployments) {
    if (!inWindow(window, deployment.finishedAt)) continue;
    explained.push({
      kind: 'deployment',
      source: deployment.source,
      id: deployment.id,
      at: deployment.finishedAt,
      counting: explainDeployment(deployment, entity, countedBy, production),
    });
  }
  for (const change of entity.timeline.changes) {
    const shippedAt =
      entity.shippedBy.get(change)?.deployment.finishedAt ?? null;
    if (!inWindow(window, change.mergedAt) && !inWindow(window, shippedAt))
      continue;
    explained.push({
      kind: 'change',
      source: change.source,
      id: change.id,
      at: change.mergedAt ?? shippedAt!,
      counting: explainChange(change, entity, window, revertsOf),
    });
  }
  for (const incident of entity.timeline.incidents) {
    const counting = explainIncident(incident, window, failedBy);
    if (
      !inWindow(window, incident.openedAt) &&
      !counting.resolvedInWindow &&
      !counting.openAtWindowEnd
    ) {
      continue;
    }
    explained.push({
      kind: 'incident',
      source: incident.source,
      id: incident.id,
      at: incident.openedAt,
      counting,
    });
  }
  return explained.sort((a, b) => a.at - b.at);
}
