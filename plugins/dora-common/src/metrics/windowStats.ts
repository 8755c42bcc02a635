import {
  AnalysisNotes,
  EntityAnalysis,
  RecoverySource,
} from '../engine/analyzeEntity';
import { MeasurementMode } from '../engine/countedDeployments';
import { ChangeFailureMode } from '../settings/settings';
import {
  MedianP75,
  SampleSummary,
  median,
  medianAndP75,
  summarizeSample,
} from '../stats/percentiles';
import { pieceIndex } from '../time/calendar';
import { failedAndTotal } from './changeFailureRate';
import { pooled } from './pooled';

/**
 * What one population (an entity, or a team's entities pooled) shows in a
 * window, before bands and ratios: counts, and summaries of the pooled
 * samples (never a median of medians). The engine computes it from
 * analyses; a database can compute the same from stored facts.
 */
export interface WindowStats {
  /** Counted deployments finished in the window. */
  deployments: number;
  /** Distinct calendar days (request timezone) with a counted deployment. */
  deploymentDays: number;
  rework: number;
  /** Each entity in its own change-failure mode. */
  failedChanges: number;
  changeTotal: number;
  leadTime: SampleSummary;
  /** Medians of the parts, over the lead-time samples that have both instants. */
  breakdown: {
    coding: number | null;
    pickup: number | null;
    review: number | null;
    deploy: number | null;
  };
  /** Incidents resolved in the window, of entities with an incident source. */
  restores: SampleSummary;
  /** Incidents open at the window's end, of entities with an incident source. */
  openIncidents: number;
  /** Failed deployment recoveries, of entities with a recovery source. */
  recoveries: SampleSummary;
  pullRequests: {
    merged: number;
    timeToFirstReview: MedianP75;
    timeToMerge: MedianP75;
    size: MedianP75;
    reviewCountKnown: number;
    unreviewed: number;
  };
}

/** What an entity is, as the body and its warnings need it. */
export interface EntityTraits {
  entityRef: string;
  mode: MeasurementMode;
  changeFailureMode: ChangeFailureMode;
  hasIncidentSource: boolean;
  recoverySource: RecoverySource | null;
  notes: AnalysisNotes;
}

export function traitsOf(analysis: EntityAnalysis): EntityTraits {
  return {
    entityRef: analysis.entityRef,
    mode: analysis.mode,
    changeFailureMode: analysis.changeFailureMode,
    hasIncidentSource: analysis.hasIncidentSource,
    recoverySource: analysis.recoverySource,
    notes: analysis.notes,
  };
}

/** The window's statistics of analyses pooled. */
export function windowStats(
  analyses: EntityAnalysis[],
  dayBoundaries: number[],
): WindowStats {
  let deployments = 0;
  let rework = 0;
  let failedChanges = 0;
  let changeTotal = 0;
  let openIncidents = 0;
  const days = new Set<number>();
  // One pass collects the lead times and every part of the breakdown (an
  // entity-year has ~50,000 samples; a pass per part showed in profiles).
  const leadTimes: number[] = [];
  const coding: number[] = [];
  const pickup: number[] = [];
  const review: number[] = [];
  const deploy: number[] = [];
  for (const analysis of analyses) {
    deployments += analysis.deployments.length;
    for (const deployment of analysis.deployments) {
      days.add(pieceIndex(dayBoundaries, deployment.at));
      if (deployment.rework) rework++;
    }
    const counts = failedAndTotal(analysis);
    failedChanges += counts.failed;
    changeTotal += counts.total;
    if (analysis.hasIncidentSource) openIncidents += analysis.openIncidents;
    for (const sample of analysis.leadTimes) {
      leadTimes.push(sample.seconds);
      if (sample.coding !== null) coding.push(sample.coding);
      if (sample.pickup !== null) pickup.push(sample.pickup);
      if (sample.review !== null) review.push(sample.review);
      if (sample.deploy !== null) deploy.push(sample.deploy);
    }
  }
  const withSource = analyses.filter(a => a.hasIncidentSource);
  const recovering = analyses.filter(a => a.recoverySource !== null);
  const pullRequests = analyses.map(a => a.pullRequests);
  let merged = 0;
  let reviewCountKnown = 0;
  let unreviewed = 0;
  for (const sample of pullRequests) {
    merged += sample.merged;
    reviewCountKnown += sample.reviewCountKnown;
    unreviewed += sample.unreviewed;
  }
  return {
    deployments,
    deploymentDays: days.size,
    rework,
    failedChanges,
    changeTotal,
    leadTime: summarizeSample(leadTimes),
    breakdown: {
      coding: median(coding),
      pickup: median(pickup),
      review: median(review),
      deploy: median(deploy),
    },
    restores: summarizeSample(
      pooled(withSource.map(a => a.restores.map(r => r.seconds))),
    ),
    openIncidents,
    recoveries: summarizeSample(
      pooled(recovering.map(a => a.recoveries.map(r => r.seconds))),
    ),
    pullRequests: {
      merged,
      timeToFirstReview: medianAndP75(
        pooled(pullRequests.map(s => s.timeToFirstReview)),
      ),
      timeToMerge: medianAndP75(pooled(pullRequests.map(s => s.timeToMerge))),
      size: medianAndP75(pooled(pullRequests.map(s => s.size))),
      reviewCountKnown,
      unreviewed,
    },
  };
}
