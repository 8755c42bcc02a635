import {
  DoraSettings,
  EntityFacts,
  classifyEntity,
  entityFacts,
  productionMatcher,
} from '@dora-metrics/plugin-dora-common';
import { CutReading } from '../database/FactStore';

/**
 * The facts of an entity from an instant on (the cut), computed by the
 * engine over the events from the cut on, with the state of the sequential
 * rules at the cut. The answer is one of:
 * - `facts`: they equal the facts of a rebuild over the whole history at and
 *   after the cut, and those before the cut stay as stored;
 * - `reachBack`: an event before the cut is linked to one after it; try
 *   again from that instant;
 * - `whole`: something about the whole history changed (its measuring mode,
 *   whether it has an incident source); rebuild everything.
 */
export type CutOutcome =
  { facts: EntityFacts } | { reachBack: number } | { whole: string };

export function factsFromCut(
  entityRef: string,
  settings: DoraSettings,
  reading: CutReading,
): CutOutcome {
  const { whole } = reading;
  if (reading.linkedBefore !== null) {
    return { reachBack: reading.linkedBefore };
  }
  const mode = wholeMode(reading);
  const hasIncidentSource =
    settings.incidentSource !== null || whole.incidentEverIngested;
  if (
    mode !== whole.storedMode ||
    hasIncidentSource !== whole.storedHasIncidentSource
  ) {
    return { whole: 'measuring mode or incident source changed' };
  }
  const production = productionMatcher(settings.productionEnvironments);
  const nonProductionEnvironments =
    mode === 'deployments' &&
    !whole.environments.some(environment => production(environment) !== null)
      ? [...whole.environments].sort()
      : [];
  const classified = classifyEntity({
    entityRef,
    timeline: reading.timeline,
    settings,
    history: {
      deploymentEverIngested: whole.deploymentEverIngested,
      incidentEverIngested: whole.incidentEverIngested,
      nonProductionEnvironments,
      artifactBefore: reading.artifactBefore,
      failingSinceBefore: reading.failingSinceBefore,
    },
  });

  // Rules that look back past the cut from events after it.
  const blamedBefore = incidentBlamedBefore(reading, settings, classified);
  if (blamedBefore !== null) return { reachBack: blamedBefore };
  const infers = classified.counted.some(c => c.deployment.changeIds === null);
  if (infers && reading.unshippedBefore !== null) {
    return { reachBack: reading.unshippedBefore };
  }

  const facts = entityFacts(classified);
  return {
    facts: {
      ...facts,
      mode,
      eventCount: whole.eventCount,
      nonProductionEnvironments,
    },
  };
}

/** Pull-request mode: changes but never a deployment, over the whole history. */
function wholeMode(reading: CutReading): EntityFacts['mode'] {
  const { whole } = reading;
  return whole.changeEverIngested && !whole.deploymentEverIngested
    ? 'pull-requests'
    : 'deployments';
}

/**
 * An incident from the cut on, linked to no event by id, that the
 * attribution rule would blame on a counted deployment before the cut
 * (none after the cut precedes it): the instant of that deployment.
 */
function incidentBlamedBefore(
  reading: CutReading,
  settings: DoraSettings,
  classified: ReturnType<typeof classifyEntity>,
): number | null {
  const last = reading.lastCountedBefore;
  if (last === null) return null;
  const firstCountedAt = classified.counted[0]?.deployment.finishedAt;
  const windowMs =
    settings.attributionWindowSeconds === null
      ? null
      : settings.attributionWindowSeconds * 1000;
  for (const incident of classified.timeline.incidents) {
    if (incident.deploymentId !== null || incident.changeId !== null) continue;
    if (incident.causedByDeployment === false) continue;
    if (firstCountedAt !== undefined && firstCountedAt <= incident.openedAt) {
      continue;
    }
    const inWindow = windowMs !== null && incident.openedAt - last <= windowMs;
    if (inWindow || incident.causedByDeployment === true) return last;
  }
  return null;
}
