import { CountedDeployment, FailureSignal } from './countedDeployments';
import { changePositionsById } from './linkChanges';
import { Change, Deployment, Incident, Timeline } from './timeline';

function mark(
  target: CountedDeployment | undefined,
  signal: FailureSignal,
  incident?: Incident,
) {
  if (!target) return;
  target.failureSignals.add(signal);
  if (incident && !target.incidents.includes(incident)) {
    target.incidents.push(incident);
  }
}

/** The latest counted deployment finished at or before `instant` (binary search). */
function latestAtOrBefore(
  counted: CountedDeployment[],
  instant: number,
): CountedDeployment | undefined {
  let low = 0;
  let high = counted.length - 1;
  let found: CountedDeployment | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (counted[mid].deployment.finishedAt <= instant) {
      found = counted[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Marks the counted deployments that are failed changes, each signal once:
 * 1. an incident names the deployment (`deploymentId`);
 * 2. an incident names a change (`changeId`) the deployment shipped;
 * 3. an incident with neither link, not marked `causedByDeployment: false`,
 *    opened within the attribution window after the latest counted
 *    deployment (`causedByDeployment: true` lifts the window);
 * 4. a later production deployment rolls it back (`rollbackOf`);
 * 5. it shipped a change that a merged change reverts (`revertOf`).
 * Incidents of signals 1-3 are kept on the deployment, earliest first.
 */
export function markFailedChanges(
  timeline: Timeline,
  production: Deployment[],
  counted: CountedDeployment[],
  shippedBy: Map<Change, CountedDeployment>,
  attributionWindowSeconds: number | null,
  changePositions: Map<string, number> = changePositionsById(timeline.changes),
): void {
  const countedById = new Map<string, CountedDeployment>();
  for (const shipping of counted) {
    const id = shipping.deployment.id;
    if (!countedById.has(id)) countedById.set(id, shipping);
  }
  const shipperOfChange = (id: string | null) => {
    const position = id === null ? undefined : changePositions.get(id);
    return position === undefined
      ? undefined
      : shippedBy.get(timeline.changes[position]);
  };

  for (const incident of timeline.incidents) {
    const { deploymentId, changeId, causedByDeployment, openedAt } = incident;
    if (deploymentId !== null) {
      mark(
        countedById.get(deploymentId),
        'incident-names-deployment',
        incident,
      );
    }
    if (changeId !== null) {
      mark(shipperOfChange(changeId), 'incident-names-change', incident);
    }
    if (deploymentId !== null || changeId !== null) continue;
    if (causedByDeployment === false) continue;
    const latest = latestAtOrBefore(counted, openedAt);
    if (!latest) continue;
    const elapsedSeconds = (openedAt - latest.deployment.finishedAt) / 1000;
    const withinWindow =
      attributionWindowSeconds !== null &&
      elapsedSeconds <= attributionWindowSeconds;
    if (withinWindow || causedByDeployment === true) {
      mark(latest, 'incident-in-attribution-window', incident);
    }
  }

  for (const deployment of production) {
    if (deployment.rollbackOf === null) continue;
    const target = countedById.get(deployment.rollbackOf);
    if (target && deployment.finishedAt >= target.deployment.finishedAt) {
      mark(target, 'rolled-back');
    }
  }

  for (const change of timeline.changes) {
    if (change.revertOf === null || change.mergedAt === null) continue;
    mark(shipperOfChange(change.revertOf), 'change-reverted');
  }
}
