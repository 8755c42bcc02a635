import {
  ChangeEvent,
  DeploymentEvent,
  DeploymentKind,
  DeploymentStatus,
  DoraEvent,
  IncidentEvent,
} from '../events/schemas';
import { toMillis } from '../time/instants';

/** A deployment with instants as epoch milliseconds. */
export interface Deployment {
  source: string;
  id: string;
  environment: string;
  status: DeploymentStatus;
  finishedAt: number;
  /** `version`, else `commitSha`: what was deployed (for the redeploy rule). */
  artifact: string | null;
  commitSha: string | null;
  /** `null` when absent: the deployment's changes are inferred. */
  changeIds: string[] | null;
  rollbackOf: string | null;
  deploymentKind: DeploymentKind;
}

export interface Change {
  source: string;
  id: string;
  firstCommitAt: number | null;
  openedAt: number | null;
  firstReviewAt: number | null;
  mergedAt: number | null;
  mergeCommitSha: string | null;
  additions: number | null;
  deletions: number | null;
  reviewCount: number | null;
  revertOf: string | null;
  labels: string[];
  /** What exclusion rules read (bots and automation). */
  author: string | null;
  authorKind: 'bot' | 'human' | null;
  title: string | null;
}

export interface Incident {
  source: string;
  id: string;
  openedAt: number;
  resolvedAt: number | null;
  deploymentId: string | null;
  changeId: string | null;
  causedByDeployment: boolean | null;
}

/** One entity's events, normalized and in a fixed order independent of input order. */
export interface Timeline {
  /** By `finishedAt`, then source, then id. */
  deployments: Deployment[];
  /** By `mergedAt` (unmerged last), then source, then id. */
  changes: Change[];
  /** By `openedAt`, then source, then id. */
  incidents: Incident[];
}

/**
 * What a deployment deployed, for the redeploy rule: its `version`, else its
 * `commitSha`.
 */
export function artifactOf(
  version: string | null | undefined,
  commitSha: string | null | undefined,
): string | null {
  return version ?? commitSha ?? null;
}

function toDeployment(e: DeploymentEvent): Deployment {
  return {
    source: e.source,
    id: e.id,
    environment: e.environment,
    status: e.status,
    finishedAt: toMillis(e.finishedAt)!,
    artifact: artifactOf(e.version, e.commitSha),
    commitSha: e.commitSha ?? null,
    changeIds: e.changeIds ?? null,
    rollbackOf: e.rollbackOf ?? null,
    deploymentKind: e.deploymentKind ?? 'normal',
  };
}

function toChange(e: ChangeEvent): Change {
  return {
    source: e.source,
    id: e.id,
    firstCommitAt: toMillis(e.firstCommitAt),
    openedAt: toMillis(e.openedAt),
    firstReviewAt: toMillis(e.firstReviewAt),
    mergedAt: toMillis(e.mergedAt),
    mergeCommitSha: e.mergeCommitSha ?? null,
    additions: e.additions ?? null,
    deletions: e.deletions ?? null,
    reviewCount: e.reviewCount ?? null,
    revertOf: e.revertOf ?? null,
    labels: e.labels ?? [],
    author: e.author ?? null,
    authorKind: e.authorKind ?? null,
    title: e.title ?? null,
  };
}

function toIncident(e: IncidentEvent): Incident {
  return {
    source: e.source,
    id: e.id,
    openedAt: toMillis(e.openedAt)!,
    resolvedAt: toMillis(e.resolvedAt),
    deploymentId: e.deploymentId ?? null,
    changeId: e.changeId ?? null,
    causedByDeployment: e.causedByDeployment ?? null,
  };
}

function byInstantThenKey<T extends { source: string; id: string }>(
  instantOf: (item: T) => number | null,
) {
  return (a: T, b: T): number => {
    const ia = instantOf(a) ?? Infinity;
    const ib = instantOf(b) ?? Infinity;
    if (ia !== ib) return ia < ib ? -1 : 1;
    if (a.source !== b.source) return a.source < b.source ? -1 : 1;
    if (a.id !== b.id) return a.id < b.id ? -1 : 1;
    return 0;
  };
}

export function buildTimeline(events: readonly DoraEvent[]): Timeline {
  const deployments: Deployment[] = [];
  const changes: Change[] = [];
  const incidents: Incident[] = [];
  for (const event of events) {
    if (event.kind === 'deployment') deployments.push(toDeployment(event));
    else if (event.kind === 'change') changes.push(toChange(event));
    else incidents.push(toIncident(event));
  }
  return sortTimeline({ deployments, changes, incidents });
}

/** Puts a timeline in the engine's fixed order (sorts its arrays in place). */
export function sortTimeline(timeline: Timeline): Timeline {
  timeline.deployments.sort(byInstantThenKey(d => d.finishedAt));
  timeline.changes.sort(byInstantThenKey(c => c.mergedAt));
  timeline.incidents.sort(byInstantThenKey(i => i.openedAt));
  return timeline;
}
