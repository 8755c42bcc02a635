import {
  ChangeFact,
  DeploymentFact,
  DeploymentStatusFact,
  EntityFacts,
  IncidentFact,
  LeadTimeStart,
} from '@dora-metrics/plugin-dora-common';

/** Row shapes of the fact tables, and conversions to and from facts. */

export interface FactEntityRow {
  entity_ref: string;
  generation: number | string;
  built_generation: number | string | null;
  settings_key: string | null;
  computed_at: number | string | null;
  mode: string | null;
  change_failure_mode: string | null;
  has_incident_source: boolean | number | null;
  event_count: number | null;
  non_production_environments: string | null;
  lease_owner: string | null;
  lease_until: number | string | null;
  dirty_from: number | string | null;
}

export interface DeploymentFactRow {
  entity_ref: string;
  source: string;
  id: string;
  at: number | string;
  environment: string;
  run_status: string;
  from_merge: boolean | number;
  status: string;
  failure_signals: string | null;
  incident_ids: string | null;
  rework: boolean | number;
  shipped_change_ids: string | null;
  recovered_at: number | string | null;
  recovery_seconds: number | null;
}

export interface ChangeFactRow {
  entity_ref: string;
  source: string;
  id: string;
  merged_at: number | string | null;
  shipped_source: string | null;
  shipped_id: string | null;
  shipped_at: number | string | null;
  lead_time_start: string | null;
  lead_time_seconds: number | null;
  lead_time_excluded: string | null;
  coding: number | null;
  pickup: number | null;
  review: number | null;
  deploy: number | null;
  time_to_first_review: number | null;
  time_to_merge: number | null;
  size: number | null;
  review_count: number | null;
  reverted_by: string | null;
  /** Why the exclusion rules leave the change out; null when it counts. */
  excluded: string | null;
}

export interface IncidentFactRow {
  entity_ref: string;
  source: string;
  id: string;
  opened_at: number | string;
  resolved_at: number | string | null;
  failed_deployment_ids: string | null;
}

// PostgreSQL returns bigint as a string, SQLite as a number; booleans come
// back from SQLite as 0 or 1.
const num = (value: number | string | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);
const list = (value: string | null | undefined): string[] =>
  value ? JSON.parse(value) : [];
const listOrNull = (items: readonly string[]): string | null =>
  items.length === 0 ? null : JSON.stringify(items);

export function deploymentFactRow(
  entityRef: string,
  fact: DeploymentFact,
): DeploymentFactRow {
  return {
    entity_ref: entityRef,
    source: fact.source,
    id: fact.id,
    at: fact.at,
    environment: fact.environment,
    run_status: fact.runStatus,
    from_merge: fact.fromMerge,
    status: fact.status,
    failure_signals: listOrNull(fact.failureSignals),
    incident_ids: listOrNull(fact.incidentIds),
    rework: fact.rework,
    shipped_change_ids: listOrNull(fact.shippedChangeIds),
    recovered_at: fact.recoveredAt,
    recovery_seconds: fact.recoverySeconds,
  };
}

export function changeFactRow(
  entityRef: string,
  fact: ChangeFact,
): ChangeFactRow {
  return {
    entity_ref: entityRef,
    source: fact.source,
    id: fact.id,
    merged_at: fact.mergedAt,
    shipped_source: fact.shippedBy?.source ?? null,
    shipped_id: fact.shippedBy?.id ?? null,
    shipped_at: fact.shippedBy?.at ?? null,
    lead_time_start: fact.leadTimeStart,
    lead_time_seconds: fact.leadTimeSeconds,
    lead_time_excluded: fact.leadTimeExcluded,
    coding: fact.coding,
    pickup: fact.pickup,
    review: fact.review,
    deploy: fact.deploy,
    time_to_first_review: fact.timeToFirstReview,
    time_to_merge: fact.timeToMerge,
    size: fact.size,
    review_count: fact.reviewCount,
    reverted_by: listOrNull(fact.revertedBy),
    excluded: fact.excluded,
  };
}

export function incidentFactRow(
  entityRef: string,
  fact: IncidentFact,
): IncidentFactRow {
  return {
    entity_ref: entityRef,
    source: fact.source,
    id: fact.id,
    opened_at: fact.openedAt,
    resolved_at: fact.resolvedAt,
    failed_deployment_ids: listOrNull(fact.failedDeploymentIds),
  };
}

/** A fact row may come with only the columns a metrics read selects. */
export function toDeploymentFact(
  r: Partial<DeploymentFactRow>,
): DeploymentFact {
  return {
    source: r.source ?? '',
    id: r.id ?? '',
    at: Number(r.at),
    environment: r.environment ?? '',
    runStatus: r.run_status as DeploymentFact['runStatus'],
    fromMerge: Boolean(r.from_merge),
    status: r.status as DeploymentStatusFact,
    failureSignals: list(r.failure_signals) as DeploymentFact['failureSignals'],
    incidentIds: list(r.incident_ids),
    rework: Boolean(r.rework),
    shippedChangeIds: list(r.shipped_change_ids),
    recoveredAt: num(r.recovered_at),
    recoverySeconds: r.recovery_seconds ?? null,
  };
}

export function toChangeFact(r: Partial<ChangeFactRow>): ChangeFact {
  const shippedAt = num(r.shipped_at);
  return {
    source: r.source ?? '',
    id: r.id ?? '',
    mergedAt: num(r.merged_at),
    shippedBy:
      shippedAt === null
        ? null
        : {
            source: r.shipped_source ?? '',
            id: r.shipped_id ?? '',
            at: shippedAt,
          },
    leadTimeStart: (r.lead_time_start ?? null) as LeadTimeStart | null,
    leadTimeSeconds: r.lead_time_seconds ?? null,
    leadTimeExcluded: (r.lead_time_excluded ??
      null) as ChangeFact['leadTimeExcluded'],
    coding: r.coding ?? null,
    pickup: r.pickup ?? null,
    review: r.review ?? null,
    deploy: r.deploy ?? null,
    timeToFirstReview: r.time_to_first_review ?? null,
    timeToMerge: r.time_to_merge ?? null,
    size: r.size ?? null,
    reviewCount: r.review_count ?? null,
    revertedBy: list(r.reverted_by),
    excluded: r.excluded ?? null,
  };
}

export function toIncidentFact(r: Partial<IncidentFactRow>): IncidentFact {
  return {
    source: r.source ?? '',
    id: r.id ?? '',
    openedAt: Number(r.opened_at),
    resolvedAt: num(r.resolved_at),
    failedDeploymentIds: list(r.failed_deployment_ids),
  };
}

/** The entity-level part of the facts, kept on the entity's row. */
export function factEntitySummary(facts: EntityFacts) {
  return {
    mode: facts.mode,
    change_failure_mode: facts.changeFailureMode,
    has_incident_source: facts.hasIncidentSource,
    event_count: facts.eventCount,
    non_production_environments: JSON.stringify(
      facts.nonProductionEnvironments,
    ),
  };
}

/** Empty facts around an entity row's summary, to be filled from fact rows. */
export function emptyFactsOf(row: FactEntityRow): EntityFacts {
  return {
    entityRef: row.entity_ref,
    mode: (row.mode ?? 'deployments') as EntityFacts['mode'],
    changeFailureMode: (row.change_failure_mode ??
      'incidents') as EntityFacts['changeFailureMode'],
    hasIncidentSource: Boolean(row.has_incident_source),
    eventCount: row.event_count ?? 0,
    nonProductionEnvironments: list(row.non_production_environments),
    deployments: [],
    changes: [],
    incidents: [],
  };
}

/** Columns a metrics read needs (the drill-down reads whole rows). */
export const DEPLOYMENT_METRIC_COLUMNS = [
  'entity_ref',
  'at',
  'run_status',
  'status',
  'failure_signals',
  'rework',
  'recovered_at',
  'recovery_seconds',
] as const;
export const CHANGE_METRIC_COLUMNS = [
  'entity_ref',
  'merged_at',
  'shipped_at',
  'lead_time_start',
  'lead_time_seconds',
  'lead_time_excluded',
  'coding',
  'pickup',
  'review',
  'deploy',
  'time_to_first_review',
  'time_to_merge',
  'size',
  'review_count',
  'excluded',
] as const;
export const INCIDENT_METRIC_COLUMNS = [
  'entity_ref',
  'opened_at',
  'resolved_at',
] as const;

/** Columns PostgreSQL returns as strings (bigint), compared as numbers. */
const BIGINT_COLUMNS = new Set([
  'at',
  'recovered_at',
  'merged_at',
  'shipped_at',
  'opened_at',
  'resolved_at',
]);

/**
 * A fact row as one string, the same whether it was built in memory or
 * read back from either database (bigints as numbers, booleans as 0/1), so
 * a rebuild can tell which rows changed. `columns` is the table's columns
 * in one order (the same for every row compared): an entity-year compares
 * some 120,000 rows, so no per-row sorting.
 */
export function canonicalRow(
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  const values = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const value = row[column];
    if (typeof value === 'boolean') values[i] = value ? 1 : 0;
    else if (typeof value === 'string' && BIGINT_COLUMNS.has(column)) {
      values[i] = Number(value);
    } else values[i] = value ?? null;
  }
  return JSON.stringify(values);
}

/** The key of a fact row within its entity. */
export const factKey = (row: { source: string; id: string }) =>
  `${row.source}\u0000${row.id}`;
