import {
  Change,
  ChangeEvent,
  Deployment,
  DeploymentEvent,
  Incident,
  IncidentEvent,
  artifactOf,
} from '@dora-metrics/plugin-dora-common';
import { ResolvedEvent } from './DoraStore';

/** Row shapes of the three tables, and conversions to and from events and engine records. */

const millis = (iso: string | null | undefined): number | null =>
  iso ? Date.parse(iso) : null;
const iso = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : new Date(Number(value)).toISOString();
// PostgreSQL returns bigint as a string; SQLite as a number.
const num = (value: Stored<number> | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);
const json = (value: string | null | undefined): string[] | null =>
  typeof value === 'string' ? JSON.parse(value) : null;

/**
 * A value as a database gives it back: bigint may come as a string
 * (PostgreSQL), a boolean as 0 or 1 (SQLite).
 */
type Stored<T> = T extends number
  ? number | string
  : T extends boolean
    ? boolean | number
    : T;
type StoredRow<R> = { [K in keyof R]: Stored<R[K]> };

export type DeploymentRow = ReturnType<typeof deploymentRow>;
export type ChangeRow = ReturnType<typeof changeRow>;
export type IncidentRow = ReturnType<typeof incidentRow>;

export function deploymentRow(
  e: DeploymentEvent & { entityRef: string },
  now: number,
) {
  return {
    source: e.source,
    id: e.id,
    entity_ref: e.entityRef,
    environment: e.environment,
    status: e.status,
    started_at: millis(e.startedAt),
    finished_at: millis(e.finishedAt),
    version: e.version ?? null,
    commit_sha: e.commitSha ?? null,
    change_ids: e.changeIds ? JSON.stringify(e.changeIds) : null,
    rollback_of: e.rollbackOf ?? null,
    deployment_kind: e.deploymentKind ?? 'normal',
    url: e.url ?? null,
    ingested_at: now,
  };
}

export function changeRow(e: ChangeEvent & { entityRef: string }, now: number) {
  return {
    source: e.source,
    id: e.id,
    entity_ref: e.entityRef,
    repository: e.repository ?? null,
    number: e.number ?? null,
    title: e.title ?? null,
    author: e.author ?? null,
    first_commit_at: millis(e.firstCommitAt),
    opened_at: millis(e.openedAt),
    first_review_at: millis(e.firstReviewAt),
    approved_at: millis(e.approvedAt),
    merged_at: millis(e.mergedAt),
    merge_commit_sha: e.mergeCommitSha ?? null,
    additions: e.additions ?? null,
    deletions: e.deletions ?? null,
    review_count: e.reviewCount ?? null,
    revert_of: e.revertOf ?? null,
    labels: e.labels ? JSON.stringify(e.labels) : null,
    author_kind: e.authorKind ?? null,
    paths: e.paths ? JSON.stringify(e.paths) : null,
    url: e.url ?? null,
    ingested_at: now,
  };
}

export function incidentRow(
  e: IncidentEvent & { entityRef: string },
  now: number,
) {
  return {
    source: e.source,
    id: e.id,
    entity_ref: e.entityRef,
    service_id: e.serviceId ?? null,
    title: e.title ?? null,
    opened_at: millis(e.openedAt),
    resolved_at: millis(e.resolvedAt),
    severity: e.severity ?? null,
    deployment_id: e.deploymentId ?? null,
    change_id: e.changeId ?? null,
    caused_by_deployment: e.causedByDeployment ?? null,
    url: e.url ?? null,
    ingested_at: now,
  };
}

export type DeploymentEngineRow = StoredRow<
  Pick<DeploymentRow, (typeof DEPLOYMENT_ENGINE_COLUMNS)[number]>
>;
export type ChangeEngineRow = StoredRow<
  Pick<ChangeRow, (typeof CHANGE_ENGINE_COLUMNS)[number]>
>;
export type IncidentEngineRow = StoredRow<
  Pick<IncidentRow, (typeof INCIDENT_ENGINE_COLUMNS)[number]>
>;

/**
 * Columns the engine reads. Author, author kind and title are read only
 * because exclusion rules (bots and automation) decide on them; metrics and
 * facts never carry them further than the exclusion reason.
 */
export const DEPLOYMENT_ENGINE_COLUMNS = [
  'source',
  'id',
  'environment',
  'status',
  'finished_at',
  'version',
  'commit_sha',
  'change_ids',
  'rollback_of',
  'deployment_kind',
] as const;
export const CHANGE_ENGINE_COLUMNS = [
  'source',
  'id',
  'first_commit_at',
  'opened_at',
  'first_review_at',
  'merged_at',
  'merge_commit_sha',
  'additions',
  'deletions',
  'review_count',
  'revert_of',
  'labels',
  'author',
  'author_kind',
  'title',
] as const;
export const INCIDENT_ENGINE_COLUMNS = [
  'source',
  'id',
  'opened_at',
  'resolved_at',
  'deployment_id',
  'change_id',
  'caused_by_deployment',
] as const;

export function toEngineDeployment(r: DeploymentEngineRow): Deployment {
  return {
    source: r.source,
    id: r.id,
    environment: r.environment,
    status: r.status,
    finishedAt: Number(r.finished_at),
    artifact: artifactOf(r.version, r.commit_sha),
    commitSha: r.commit_sha ?? null,
    changeIds: json(r.change_ids),
    rollbackOf: r.rollback_of ?? null,
    deploymentKind: r.deployment_kind,
  };
}

export function toEngineChange(r: ChangeEngineRow): Change {
  return {
    source: r.source,
    id: r.id,
    firstCommitAt: num(r.first_commit_at),
    openedAt: num(r.opened_at),
    firstReviewAt: num(r.first_review_at),
    mergedAt: num(r.merged_at),
    mergeCommitSha: r.merge_commit_sha ?? null,
    additions: num(r.additions),
    deletions: num(r.deletions),
    reviewCount: num(r.review_count),
    revertOf: r.revert_of ?? null,
    labels: json(r.labels) ?? [],
    author: r.author ?? null,
    authorKind: (r.author_kind ?? null) as Change['authorKind'],
    title: r.title ?? null,
  };
}

const bool = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : Boolean(value);

export function toEngineIncident(r: IncidentEngineRow): Incident {
  return {
    source: r.source,
    id: r.id,
    openedAt: Number(r.opened_at),
    resolvedAt: num(r.resolved_at),
    deploymentId: r.deployment_id ?? null,
    changeId: r.change_id ?? null,
    causedByDeployment: bool(r.caused_by_deployment),
  };
}

/** A stored row back in the ingest shape, for the drill-down. */
export type StoredEventRow =
  StoredRow<DeploymentRow> | StoredRow<ChangeRow> | StoredRow<IncidentRow>;

export function toEvent(
  kind: ResolvedEvent['kind'],
  stored: StoredEventRow,
): ResolvedEvent {
  if (kind === 'deployment') {
    const r = stored as StoredRow<DeploymentRow>;
    return {
      kind,
      source: r.source,
      id: r.id,
      entityRef: r.entity_ref,
      environment: r.environment,
      status: r.status,
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at)!,
      version: r.version,
      commitSha: r.commit_sha,
      changeIds: json(r.change_ids),
      rollbackOf: r.rollback_of,
      deploymentKind: r.deployment_kind,
      url: r.url,
    };
  }
  if (kind === 'change') {
    const r = stored as StoredRow<ChangeRow>;
    return {
      kind,
      source: r.source,
      id: r.id,
      entityRef: r.entity_ref,
      repository: r.repository,
      number: num(r.number),
      title: r.title,
      author: r.author,
      firstCommitAt: iso(r.first_commit_at),
      openedAt: iso(r.opened_at),
      firstReviewAt: iso(r.first_review_at),
      approvedAt: iso(r.approved_at),
      mergedAt: iso(r.merged_at),
      mergeCommitSha: r.merge_commit_sha,
      additions: num(r.additions),
      deletions: num(r.deletions),
      reviewCount: num(r.review_count),
      revertOf: r.revert_of,
      labels: json(r.labels),
      authorKind: r.author_kind as ChangeEvent['authorKind'],
      paths: json(r.paths),
      url: r.url,
    };
  }
  const r = stored as StoredRow<IncidentRow>;
  return {
    kind,
    source: r.source,
    id: r.id,
    entityRef: r.entity_ref,
    serviceId: r.service_id,
    title: r.title,
    openedAt: iso(r.opened_at)!,
    resolvedAt: iso(r.resolved_at),
    severity: r.severity,
    deploymentId: r.deployment_id,
    changeId: r.change_id,
    causedByDeployment: bool(r.caused_by_deployment),
    url: r.url,
  };
}
