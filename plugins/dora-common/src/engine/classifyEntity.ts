import { DoraEvent } from '../events/schemas';
import { DoraSettings } from '../settings/settings';
import { pullRequestModeEnvironment } from '../settings/productionEnvironments';
import {
  CountedDeployment,
  MeasurementMode,
  countDeployments,
  measurementMode,
  mergesAsDeployments,
} from './countedDeployments';
import { excludedChanges, onlyExcludedChanges } from './excludedChanges';
import { markFailedChanges } from './failedChanges';
import { changePositionsById, linkChanges } from './linkChanges';
import {
  Change,
  Deployment,
  Timeline,
  buildTimeline,
  sortTimeline,
} from './timeline';

/** One entity's events and how it is measured. */
export interface EntityInput {
  entityRef: string;
  /** The events in the ingest shape... */
  events?: readonly DoraEvent[];
  /** ...or already normalized (a store reading rows); the engine orders them. */
  timeline?: Timeline;
  settings: DoraSettings;
  /**
   * What the store knows beyond the events passed in, when it passes only
   * the history from an instant on: whether any incident or deployment was
   * ever ingested, the environments deployed to when none of them is
   * production, and the state of the sequential rules at that instant.
   */
  history?: {
    incidentEverIngested?: boolean;
    deploymentEverIngested?: boolean;
    nonProductionEnvironments?: string[];
    /** What the last successful production deployment before deployed (the redeploy rule). */
    artifactBefore?: string | null;
    /** When the pipeline outage open at that instant began (pipeline mode). */
    failingSinceBefore?: number | null;
  };
}

/** Every event of one entity classified over its whole history (not yet windowed). */
export interface EntityClassification {
  entityRef: string;
  settings: DoraSettings;
  /** Given by the store when it read no production deployment but others. */
  nonProductionEnvironments: string[];
  mode: MeasurementMode;
  hasIncidentSource: boolean;
  timeline: Timeline;
  /** Production deployments, any status (in pull-request mode: the merges). */
  production: Deployment[];
  counted: CountedDeployment[];
  redeploys: Set<Deployment>;
  /**
   * Changes left out by the exclusion rules, with why. They still ship with
   * deployments and still count for change failure.
   */
  excluded: Map<Change, string>;
  /**
   * Successful production deployments not counted because they shipped only
   * excluded changes (`excludedDeployments: 'skip'`), with what they shipped.
   */
  skipped: CountedDeployment[];
  /** The deployment that shipped each change first (a skipped one included). */
  shippedBy: Map<Change, CountedDeployment>;
  /** The pipeline outage open before the first event passed in, if any. */
  failingSinceBefore: number | null;
}

export function classifyEntity(input: EntityInput): EntityClassification {
  const { entityRef, settings, history } = input;
  const timeline = input.timeline
    ? sortTimeline(input.timeline)
    : buildTimeline(input.events ?? []);
  const mode = measurementMode(
    timeline,
    history?.deploymentEverIngested ?? false,
  );
  // In pull-request mode every merge is a production deployment, even when
  // the rules are patterns its environment name does not match.
  const pullRequestEnvironment = pullRequestModeEnvironment(
    settings.productionEnvironments,
  );
  const deployments =
    mode === 'pull-requests'
      ? mergesAsDeployments(timeline.changes, pullRequestEnvironment)
      : timeline.deployments;
  const counting = countDeployments(
    deployments,
    mode === 'pull-requests'
      ? [pullRequestEnvironment]
      : settings.productionEnvironments,
    history?.artifactBefore ?? null,
  );
  const { production, redeploys } = counting;
  const changePositions = changePositionsById(timeline.changes);
  const shippedBy = linkChanges(
    counting.counted,
    timeline.changes,
    changePositions,
  );
  const excluded = excludedChanges(timeline.changes, settings);
  const skipping = onlyExcludedChanges(counting.counted, excluded, settings);
  const counted = counting.counted.filter(c => !skipping.has(c));
  markFailedChanges(
    timeline,
    production,
    counted,
    shippedBy,
    settings.attributionWindowSeconds,
    changePositions,
  );
  const hasIncidentSource =
    settings.incidentSource !== null ||
    (history?.incidentEverIngested ?? false) ||
    timeline.incidents.length > 0;
  return {
    entityRef,
    settings,
    nonProductionEnvironments: history?.nonProductionEnvironments ?? [],
    mode,
    hasIncidentSource,
    timeline,
    production,
    counted,
    redeploys,
    excluded,
    skipped: [...skipping],
    shippedBy,
    failingSinceBefore: history?.failingSinceBefore ?? null,
  };
}
