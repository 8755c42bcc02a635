import { DoraEvent } from '../events/schemas';
import { DoraSettings } from '../settings/settings';
import {
  CountedDeployment,
  MeasurementMode,
  countDeployments,
  measurementMode,
  mergesAsDeployments,
} from './countedDeployments';
import { markFailedChanges } from './failedChanges';
import { linkChanges } from './linkChanges';
import { Change, Deployment, Timeline, buildTimeline } from './timeline';

/** One entity's events and how it is measured. */
export interface EntityInput {
  entityRef: string;
  events: readonly DoraEvent[];
  settings: DoraSettings;
  /**
   * What the store knows beyond the events passed in, when it passes only a
   * window's worth: whether any incident or deployment was ever ingested.
   */
  history?: {
    incidentEverIngested?: boolean;
    deploymentEverIngested?: boolean;
  };
}

/** Every event of one entity classified over its whole history (not yet windowed). */
export interface EntityClassification {
  entityRef: string;
  settings: DoraSettings;
  mode: MeasurementMode;
  hasIncidentSource: boolean;
  timeline: Timeline;
  /** Production deployments, any status (in pull-request mode: the merges). */
  production: Deployment[];
  counted: CountedDeployment[];
  redeploys: Set<Deployment>;
  shippedBy: Map<Change, CountedDeployment>;
}

export function classifyEntity(input: EntityInput): EntityClassification {
  const { entityRef, events, settings, history } = input;
  const timeline = buildTimeline(events);
  const mode = measurementMode(
    timeline,
    history?.deploymentEverIngested ?? false,
  );
  const deployments =
    mode === 'pull-requests'
      ? mergesAsDeployments(
          timeline.changes,
          settings.productionEnvironments[0] ?? 'production',
        )
      : timeline.deployments;
  const { production, counted, redeploys } = countDeployments(
    deployments,
    settings.productionEnvironments,
  );
  const shippedBy = linkChanges(counted, timeline.changes);
  markFailedChanges(
    timeline,
    counted,
    shippedBy,
    settings.attributionWindowSeconds,
  );
  const hasIncidentSource =
    settings.incidentSource !== null ||
    (history?.incidentEverIngested ?? false) ||
    timeline.incidents.length > 0;
  return {
    entityRef,
    settings,
    mode,
    hasIncidentSource,
    timeline,
    production,
    counted,
    redeploys,
    shippedBy,
  };
}
