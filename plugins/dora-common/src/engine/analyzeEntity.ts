import { ChangeFailureMode } from '../settings/settings';
import { Window, inWindow } from '../time/instants';
import { CountedDeployment, MeasurementMode } from './countedDeployments';
import { EntityClassification } from './classifyEntity';
import { pipelineRecoveries } from './pipelineRecoveries';
import { Change } from './timeline';

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
  recoveries: TimedDuration[];
  recoverySource: RecoverySource | null;
  pullRequests: PullRequestSample;
  notes: AnalysisNotes;
}

const seconds = (from: number | null, to: number | null) =>
  from === null || to === null ? null : Math.max(0, (to - from) / 1000);

/** Hotfixes, rollbacks, and deployments shipping a `hotfix`-labelled or reverting change. */
export function isRework(shipping: CountedDeployment): boolean {
  const { deploymentKind } = shipping.deployment;
  if (deploymentKind === 'hotfix' || deploymentKind === 'rollback') return true;
  return shipping.shipped.some(
    change =>
      change.revertOf !== null ||
      change.labels.some(label => label.toLowerCase() === 'hotfix'),
  );
}

function leadTimeSamples(
  inWindowDeployments: CountedDeployment[],
  notes: AnalysisNotes,
): LeadTimeSample[] {
  const samples: LeadTimeSample[] = [];
  for (const { deployment, shipped } of inWindowDeployments) {
    const deployedAt = deployment.finishedAt;
    for (const change of shipped) {
      const start = change.firstCommitAt ?? change.openedAt ?? change.mergedAt;
      if (start === null) {
        notes.leadTimeNoStart++;
        continue;
      }
      if (change.firstCommitAt === null) notes.leadTimeFallbackStart++;
      if (deployedAt < start) {
        notes.negativeLeadTime++;
        continue;
      }
      samples.push({
        at: deployedAt,
        seconds: (deployedAt - start) / 1000,
        coding: seconds(change.firstCommitAt, change.openedAt),
        pickup: seconds(change.openedAt, change.firstReviewAt),
        review: seconds(change.firstReviewAt, change.mergedAt),
        deploy: seconds(change.mergedAt, deployedAt),
      });
    }
  }
  return samples;
}

function pullRequestSample(
  changes: Change[],
  window: Window,
): PullRequestSample {
  const sample: PullRequestSample = {
    merged: 0,
    timeToFirstReview: [],
    timeToMerge: [],
    size: [],
    reviewCountKnown: 0,
    unreviewed: 0,
  };
  for (const change of changes) {
    if (!inWindow(window, change.mergedAt)) continue;
    sample.merged++;
    const review = seconds(change.openedAt, change.firstReviewAt);
    if (review !== null) sample.timeToFirstReview.push(review);
    const merge = seconds(change.openedAt, change.mergedAt);
    if (merge !== null) sample.timeToMerge.push(merge);
    if (change.additions !== null && change.deletions !== null) {
      sample.size.push(change.additions + change.deletions);
    }
    if (change.reviewCount !== null) {
      sample.reviewCountKnown++;
      if (change.reviewCount === 0) sample.unreviewed++;
    }
  }
  return sample;
}

function incidentRecoveries(
  inWindowDeployments: CountedDeployment[],
  window: Window,
): TimedDuration[] {
  const recoveries: TimedDuration[] = [];
  for (const { incidents } of inWindowDeployments) {
    const first = incidents[0];
    if (first && inWindow(window, first.resolvedAt)) {
      const duration = (first.resolvedAt! - first.openedAt) / 1000;
      if (duration >= 0) {
        recoveries.push({ at: first.resolvedAt!, seconds: duration });
      }
    }
  }
  return recoveries;
}

export function analyzeEntity(
  entity: EntityClassification,
  window: Window,
): EntityAnalysis {
  const { settings, timeline, production, counted } = entity;
  const notes: AnalysisNotes = {
    leadTimeFallbackStart: 0,
    leadTimeNoStart: 0,
    negativeLeadTime: 0,
    negativeRestoreTime: 0,
    nonProductionEnvironments: [],
    eventCount:
      timeline.deployments.length +
      timeline.changes.length +
      timeline.incidents.length,
  };
  if (production.length === 0) {
    notes.nonProductionEnvironments = [
      ...new Set([
        ...entity.nonProductionEnvironments,
        ...timeline.deployments.map(d => d.environment),
      ]),
    ].sort();
  }

  const inWindowDeployments = counted.filter(c =>
    inWindow(window, c.deployment.finishedAt),
  );

  const restores: TimedDuration[] = [];
  let openIncidents = 0;
  for (const incident of timeline.incidents) {
    const { openedAt, resolvedAt } = incident;
    if (
      openedAt < window.to &&
      (resolvedAt === null || resolvedAt >= window.to)
    ) {
      openIncidents++;
    }
    if (!inWindow(window, resolvedAt)) continue;
    if (resolvedAt! < openedAt) {
      notes.negativeRestoreTime++;
      continue;
    }
    restores.push({
      at: resolvedAt!,
      seconds: (resolvedAt! - openedAt) / 1000,
    });
  }

  const pipeline = settings.changeFailureMode === 'pipeline';
  let recoveries: TimedDuration[] = [];
  let recoverySource: RecoverySource | null = null;
  if (pipeline) {
    recoverySource = 'pipeline';
    recoveries = pipelineRecoveries(production)
      .filter(r => inWindow(window, r.recoveredAt))
      .map(r => ({
        at: r.recoveredAt,
        seconds: (r.recoveredAt - r.failedAt) / 1000,
      }));
  } else if (entity.hasIncidentSource) {
    recoverySource = 'incidents';
    recoveries = incidentRecoveries(inWindowDeployments, window);
  }

  return {
    entityRef: entity.entityRef,
    mode: entity.mode,
    changeFailureMode: settings.changeFailureMode,
    hasIncidentSource: entity.hasIncidentSource,
    deployments: inWindowDeployments.map(c => ({
      at: c.deployment.finishedAt,
      failed: c.failureSignals.size > 0,
      rework: isRework(c),
    })),
    leadTimes: leadTimeSamples(inWindowDeployments, notes),
    pipelineRuns: production
      .filter(d => d.status !== 'aborted' && inWindow(window, d.finishedAt))
      .map(d => ({ at: d.finishedAt, failed: d.status === 'failure' })),
    restores,
    openIncidents,
    recoveries,
    recoverySource,
    pullRequests: pullRequestSample(timeline.changes, window),
    notes,
  };
}
