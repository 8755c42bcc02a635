import { inWindow, Window } from '../time/instants';
import { EntityClassification } from './classifyEntity';
import { FailureSignal } from './countedDeployments';
import {
  ChangeFact,
  DeploymentFact,
  DeploymentStatusFact,
  EntityFacts,
  IncidentFact,
  LeadTimeStart,
  entityFacts,
} from './entityFacts';

/** Why a deployment counts as failed in the change failure rate. */
export type ExplainedFailure = FailureSignal | 'pipeline-run-failed';

/** How a deployment entered (or did not enter) the metrics. */
export interface DeploymentCounting {
  status: DeploymentStatusFact;
  /** A merge standing in for a deployment (pull-request mode). */
  fromMerge: boolean;
  /**
   * Part of the change failure rate's total: a counted deployment (incidents
   * mode) or a successful or failed production run (pipeline mode).
   */
  inChangeFailureRate: boolean;
  /** Counted as failed in the change failure rate, with why. */
  failed: boolean;
  failureSignals: ExplainedFailure[];
  incidentIds: string[];
  rework: boolean;
  shippedChangeIds: string[];
}

export interface ChangeCounting {
  /** The counted deployment that shipped it first, if any. */
  shippedBy: { source: string; id: string; finishedAt: string } | null;
  leadTimeSeconds: number | null;
  leadTimeStart: LeadTimeStart | null;
  /** Why a shipped change has no lead time. */
  leadTimeExcluded: 'negative' | 'no-start' | null;
  /**
   * Why the exclusion rules (bots and automation) leave it out of lead time,
   * the pull-request metrics and the working agreements, or null when it
   * counts. An excluded change is listed under `all`, never under `counted`.
   */
  excluded: string | null;
  /** Counted in the pull-request metrics (merged in the window, not excluded). */
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

export function explainDeployment(
  fact: DeploymentFact,
  pipelineMode: boolean,
): DeploymentCounting {
  // A run skipped for shipping only excluded changes is no production run
  // of the change failure rate either.
  const production =
    fact.status !== 'not-production' && fact.status !== 'only-excluded';
  if (pipelineMode) {
    const failed = production && fact.runStatus === 'failure';
    return {
      status: fact.status,
      fromMerge: fact.fromMerge,
      inChangeFailureRate: production && fact.runStatus !== 'aborted',
      failed,
      failureSignals: failed ? ['pipeline-run-failed'] : [],
      incidentIds: [],
      rework: fact.rework,
      shippedChangeIds: fact.shippedChangeIds,
    };
  }
  return {
    status: fact.status,
    fromMerge: fact.fromMerge,
    inChangeFailureRate: fact.status === 'counted',
    failed: fact.failureSignals.length > 0,
    failureSignals: fact.failureSignals,
    incidentIds: fact.incidentIds,
    rework: fact.rework,
    shippedChangeIds: fact.shippedChangeIds,
  };
}

export function explainChange(
  fact: ChangeFact,
  window: Window,
): ChangeCounting {
  return {
    shippedBy: fact.shippedBy
      ? {
          source: fact.shippedBy.source,
          id: fact.shippedBy.id,
          finishedAt: iso(fact.shippedBy.at),
        }
      : null,
    leadTimeSeconds: fact.leadTimeSeconds,
    leadTimeStart: fact.leadTimeStart,
    leadTimeExcluded: fact.leadTimeExcluded,
    excluded: fact.excluded,
    mergedInWindow: fact.excluded === null && inWindow(window, fact.mergedAt),
    revertedBy: fact.revertedBy,
  };
}

export function explainIncident(
  fact: IncidentFact,
  window: Window,
): IncidentCounting {
  const { openedAt, resolvedAt } = fact;
  const resolvedInWindow =
    inWindow(window, resolvedAt) && resolvedAt! >= openedAt;
  return {
    resolvedInWindow,
    restoreSeconds: resolvedInWindow ? (resolvedAt! - openedAt) / 1000 : null,
    openAtWindowEnd:
      openedAt < window.to && (resolvedAt === null || resolvedAt >= window.to),
    failedDeploymentIds: fact.failedDeploymentIds,
  };
}

/** The instant a change is listed at: its merge, else its shipping. */
export const changeListedAt = (fact: ChangeFact): number | null =>
  fact.mergedAt ?? fact.shippedBy?.at ?? null;

/** A fact listed in a window's drill-down, at the instant it is listed at. */
export type ListedFactOf =
  | { kind: 'deployment'; at: number; fact: DeploymentFact }
  | { kind: 'change'; at: number; fact: ChangeFact }
  | { kind: 'incident'; at: number; fact: IncidentFact };

/**
 * The facts behind one entity's numbers in a window: deployments finished
 * in the window (in pull-request mode the merges that stand in for them);
 * changes merged in it or shipped by a deployment in it; incidents opened or
 * resolved in it or open at its end.
 */
export function drillDownFacts(
  facts: EntityFacts,
  window: Window,
): ListedFactOf[] {
  const listed: ListedFactOf[] = [];
  for (const fact of facts.deployments) {
    if (inWindow(window, fact.at)) {
      listed.push({ kind: 'deployment', at: fact.at, fact });
    }
  }
  for (const fact of facts.changes) {
    if (
      inWindow(window, fact.mergedAt) ||
      inWindow(window, fact.shippedBy?.at ?? null)
    ) {
      listed.push({ kind: 'change', at: changeListedAt(fact)!, fact });
    }
  }
  for (const fact of facts.incidents) {
    const counting = explainIncident(fact, window);
    if (
      inWindow(window, fact.openedAt) ||
      counting.resolvedInWindow ||
      counting.openAtWindowEnd
    ) {
      listed.push({ kind: 'incident', at: fact.openedAt, fact });
    }
  }
  return listed;
}

/** How one listed fact was counted. */
export function explainListed(
  listed: Pick<ListedFactOf, 'kind' | 'fact'>,
  window: Window,
  pipelineMode: boolean,
): ExplainedEvent['counting'] {
  if (listed.kind === 'deployment') {
    return explainDeployment(listed.fact as DeploymentFact, pipelineMode);
  }
  if (listed.kind === 'change') {
    return explainChange(listed.fact as ChangeFact, window);
  }
  return explainIncident(listed.fact as IncidentFact, window);
}

/** The drill-down of one entity's facts, ordered by instant. */
export function explainFacts(
  facts: EntityFacts,
  window: Window,
): ExplainedEvent[] {
  const pipelineMode = facts.changeFailureMode === 'pipeline';
  return drillDownFacts(facts, window)
    .map(
      listed =>
        ({
          kind: listed.kind,
          source: listed.fact.source,
          id: listed.fact.id,
          at: listed.at,
          counting: explainListed(listed, window, pipelineMode),
        }) as ExplainedEvent,
    )
    .sort((a, b) => a.at - b.at);
}

/** explainFacts over a classified entity. */
export function explainEvents(
  entity: EntityClassification,
  window: Window,
): ExplainedEvent[] {
  return explainFacts(entityFacts(entity), window);
}
