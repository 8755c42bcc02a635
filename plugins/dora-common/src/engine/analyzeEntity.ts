import { ChangeFailureMode } from '../settings/settings';
import { Window, inWindow } from '../time/instants';
import { MeasurementMode } from './countedDeployments';
import { EntityClassification } from './classifyEntity';
import { EntityFacts, entityFacts } from './entityFacts';

/** A duration in seconds, placed at the instant that puts it in a window and a bucket. */
export interface TimedDuration {
  at: number;
  seconds: number;
}

export interface LeadTimeSample extends TimedDuration {
  coding: number | null;
  pickup: number | null;
  review: number | null;
  deploy: number | null;
}

export interface PullRequestSample {
  merged: number;
  timeToFirstReview: number[];
  timeToMerge: number[];
  size: number[];
  reviewCountKnown: number;
  unreviewed: number;
}

/** Counts behind the warnings. */
export interface AnalysisNotes {
  leadTimeFallbackStart: number;
  leadTimeNoStart: number;
  negativeLeadTime: number;
  negativeRestoreTime: number;
  /** Environments seen when none of the entity's deployments is production. */
  nonProductionEnvironments: string[];
  eventCount: number;
}

export type RecoverySource = 'incidents' | 'pipeline';

/**
 * One entity's facts inside a window: the samples every metric is computed
 * from. Metrics of a team pool these samples, so they never take a median
 * of medians.
 */
export interface EntityAnalysis {
  entityRef: string;
  mode: MeasurementMode;
  changeFailureMode: ChangeFailureMode;
  hasIncidentSource: boolean;
  /** Counted deployments finished in the window. */
  deployments: { at: number; failed: boolean; rework: boolean }[];
  leadTimes: LeadTimeSample[];
  /** Production runs (success or failure) finished in the window, for pipeline mode. */
  pipelineRuns: { at: number; failed: boolean }[];
  /** Incidents resolved in the window. */
  restores: TimedDuration[];
  openIncidents: number;
  /** Failed deployment recoveries completed in the window. */
  recoveries: TimedDuration[];
  recoverySource: RecoverySource | null;
  pullRequests: PullRequestSample;
  notes: AnalysisNotes;
}

function recoverySourceOf(facts: EntityFacts): RecoverySource | null {
  if (facts.changeFailureMode === 'pipeline') return 'pipeline';
  return facts.hasIncidentSource ? 'incidents' : null;
}

/**
 * Selects and aggregates what a window needs from an entity's facts. Each
 * rule looks only at facts whose instant is in the window (or, for open
 * incidents, opened before its end), so the facts a store selects for the
 * window give the same analysis as all of them.
 */
export function analyzeFacts(
  facts: EntityFacts,
  window: Window,
): EntityAnalysis {
  const notes: AnalysisNotes = {
    leadTimeFallbackStart: 0,
    leadTimeNoStart: 0,
    negativeLeadTime: 0,
    negativeRestoreTime: 0,
    nonProductionEnvironments: facts.nonProductionEnvironments,
    eventCount: facts.eventCount,
  };
  const analysis: EntityAnalysis = {
    entityRef: facts.entityRef,
    mode: facts.mode,
    changeFailureMode: facts.changeFailureMode,
    hasIncidentSource: facts.hasIncidentSource,
    deployments: [],
    leadTimes: [],
    pipelineRuns: [],
    restores: [],
    openIncidents: 0,
    recoveries: [],
    recoverySource: recoverySourceOf(facts),
    pullRequests: {
      merged: 0,
      timeToFirstReview: [],
      timeToMerge: [],
      size: [],
      reviewCountKnown: 0,
      unreviewed: 0,
    },
    notes,
  };

  for (const deployment of facts.deployments) {
    if (
      analysis.recoverySource !== null &&
      inWindow(window, deployment.recoveredAt)
    ) {
      analysis.recoveries.push({
        at: deployment.recoveredAt!,
        seconds: deployment.recoverySeconds!,
      });
    }
    if (!inWindow(window, deployment.at)) continue;
    if (deployment.status === 'counted') {
      analysis.deployments.push({
        at: deployment.at,
        failed: deployment.failureSignals.length > 0,
        rework: deployment.rework,
      });
    }
    if (
      deployment.status !== 'not-production' &&
      deployment.status !== 'only-excluded' &&
      deployment.runStatus !== 'aborted'
    ) {
      analysis.pipelineRuns.push({
        at: deployment.at,
        failed: deployment.runStatus === 'failure',
      });
    }
  }

  const pullRequests = analysis.pullRequests;
  for (const change of facts.changes) {
    // Bots and automation: still listed in the drill-down, never sampled.
    if (change.excluded !== null) continue;
    const shippedAt = change.shippedBy?.at ?? null;
    if (inWindow(window, shippedAt)) {
      if (
        change.leadTimeStart !== null &&
        change.leadTimeStart !== 'firstCommitAt'
      ) {
        notes.leadTimeFallbackStart++;
      }
      if (change.leadTimeExcluded === 'no-start') notes.leadTimeNoStart++;
      if (change.leadTimeExcluded === 'negative') notes.negativeLeadTime++;
      if (change.leadTimeSeconds !== null) {
        analysis.leadTimes.push({
          at: shippedAt!,
          seconds: change.leadTimeSeconds,
          coding: change.coding,
          pickup: change.pickup,
          review: change.review,
          deploy: change.deploy,
        });
      }
    }
    if (!inWindow(window, change.mergedAt)) continue;
    pullRequests.merged++;
    if (change.timeToFirstReview !== null) {
      pullRequests.timeToFirstReview.push(change.timeToFirstReview);
    }
    if (change.timeToMerge !== null) {
      pullRequests.timeToMerge.push(change.timeToMerge);
    }
    if (change.size !== null) pullRequests.size.push(change.size);
    if (change.reviewCount !== null) {
      pullRequests.reviewCountKnown++;
      if (change.reviewCount === 0) pullRequests.unreviewed++;
    }
  }

  for (const { openedAt, resolvedAt } of facts.incidents) {
    if (
      openedAt < window.to &&
      (resolvedAt === null || resolvedAt >= window.to)
    ) {
      analysis.openIncidents++;
    }
    if (!inWindow(window, resolvedAt)) continue;
    if (resolvedAt! < openedAt) {
      notes.negativeRestoreTime++;
      continue;
    }
    analysis.restores.push({
      at: resolvedAt!,
      seconds: (resolvedAt! - openedAt) / 1000,
    });
  }
  return analysis;
}

export function analyzeEntity(
  entity: EntityClassification,
  window: Window,
): EntityAnalysis {
  return analyzeFacts(entityFacts(entity), window);
}
