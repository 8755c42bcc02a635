import {
  BucketStats,
  EntityTraits,
  MedianP75,
  SampleSummary,
  WindowStats,
  emptyBucket,
  meanFromThousandths,
} from '@dora-metrics/plugin-dora-common';
import { FactEntityRow } from './factRows';

/**
 * A window's statistics computed inside PostgreSQL from the fact tables:
 * counts and sums in SQL, and exact percentiles with `percentile_cont`,
 * whose linear rule is the engine's and which sees the same stored
 * doubles, so the numbers equal the engine's to the last bit. A team of any
 * size costs the same sixteen queries at most.
 */

export interface AggregateRequest {
  /** Entities with current facts, and their stored rows. */
  entities: FactEntityRow[];
  window: { from: number; to: number };
  dayBoundaries: number[];
  /** Chart buckets; empty for no series. */
  bucketBoundaries: number[];
}

export interface AggregateResult {
  perEntity: Map<string, { traits: EntityTraits; stats: WindowStats }>;
  pooled: WindowStats;
  buckets: BucketStats[];
}

type Row = Record<string, unknown>;

const n = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);
const percentiles = (value: unknown): (number | null)[] =>
  Array.isArray(value) ? value.map(v => (v === null ? null : Number(v))) : [];

function summary(row: Row | undefined, prefix: string): SampleSummary {
  const count = n(row?.[`${prefix}_n`]);
  const [median = null, p90 = null] = percentiles(row?.[`${prefix}_p`]);
  return {
    sampleSize: count,
    median,
    mean: meanFromThousandths(n(row?.[`${prefix}_sum`]), count),
    p90,
  };
}

function medianP75(row: Row | undefined, column: string): MedianP75 {
  const [median = null, p75 = null] = percentiles(row?.[column]);
  return { median, p75 };
}

const emptySummary = (): SampleSummary => ({
  sampleSize: 0,
  median: null,
  mean: null,
  p90: null,
});

const inWindow = (column: string) => `${column} >= :from and ${column} < :to`;

/** `refs`, `from`, `to`, `days`, `buckets` and the per-trait ref lists. */
function bindings(request: AggregateRequest) {
  const refs = request.entities.map(e => e.entity_ref);
  const rows = request.entities;
  return {
    refs,
    pipeline: rows
      .filter(r => r.change_failure_mode === 'pipeline')
      .map(r => r.entity_ref),
    withSource: rows.filter(r => r.has_incident_source).map(r => r.entity_ref),
    recovering: rows
      .filter(
        r => r.change_failure_mode === 'pipeline' || r.has_incident_source,
      )
      .map(r => r.entity_ref),
    from: request.window.from,
    to: request.window.to,
    days: request.dayBoundaries,
    buckets:
      request.bucketBoundaries.length > 0
        ? request.bucketBoundaries
        : [request.window.from, request.window.to],
  };
}

/**
 * A family of facts: the rows of a window (`from`), what the full
 * statistics aggregate (per entity, and pooled for a team), and what a
 * chart bucket needs. Each is its own query: a percentile sorts its input,
 * so asking a bucket or a one-entity pool for everything would sort the
 * same rows several times over.
 */
interface Family {
  from: string;
  full: string;
  bucket?: string;
}

const DEPLOYMENTS: Family = {
  from: `(
    select entity_ref, rework, failure_signals, run_status,
      status = 'counted' as counted,
      status not in ('not-production', 'only-excluded')
        and run_status <> 'aborted' as run,
      entity_ref = any(:pipeline::text[]) as pipeline,
      width_bucket(at, :days::bigint[]) as day,
      width_bucket(at, :buckets::bigint[]) - 1 as bucket
    from dora_fact_deployments
    where entity_ref = any(:refs::text[]) and ${inWindow('at')}
  ) f`,
  full: `
    count(*) filter (where counted) as deployments,
    count(distinct day) filter (where counted) as deployment_days,
    count(*) filter (where counted and rework) as rework,
    count(*) filter (where counted and failure_signals is not null) as failed_counted,
    count(*) filter (where run) as runs,
    count(*) filter (where run and run_status = 'failure') as failed_runs`,
  bucket: `
    count(*) filter (where counted) as deployments,
    count(*) filter (where (pipeline and run) or (not pipeline and counted)) as change_total,
    count(*) filter (where (pipeline and run and run_status = 'failure')
      or (not pipeline and counted and failure_signals is not null)) as failed_changes`,
};

const RECOVERIES: Family = {
  from: `(
    select entity_ref, recovery_seconds from dora_fact_deployments
    where entity_ref = any(:recovering::text[]) and ${inWindow('recovered_at')}
  ) f`,
  full: `
    count(*) as recovery_n,
    sum(round(recovery_seconds * 1000)::bigint) as recovery_sum,
    percentile_cont(array[0.5, 0.9]) within group (order by recovery_seconds) as recovery_p`,
};

const LEAD_TIMES: Family = {
  from: `(
    select entity_ref, lead_time_seconds, coding, pickup, review, deploy,
      lead_time_start, lead_time_excluded,
      lead_time_seconds is not null as sampled,
      width_bucket(shipped_at, :buckets::bigint[]) - 1 as bucket
    from dora_fact_changes
    where entity_ref = any(:refs::text[]) and ${inWindow('shipped_at')}
      and excluded is null
  ) f`,
  full: `
    count(lead_time_seconds) as lead_n,
    sum(round(lead_time_seconds * 1000)::bigint) as lead_sum,
    percentile_cont(array[0.5, 0.9]) within group (order by lead_time_seconds) as lead_p,
    percentile_cont(0.5) within group (order by coding) filter (where sampled) as coding,
    percentile_cont(0.5) within group (order by pickup) filter (where sampled) as pickup,
    percentile_cont(0.5) within group (order by review) filter (where sampled) as review,
    percentile_cont(0.5) within group (order by deploy) filter (where sampled) as deploy,
    count(*) filter (where lead_time_start in ('openedAt', 'mergedAt')) as fallback,
    count(*) filter (where lead_time_excluded = 'no-start') as no_start,
    count(*) filter (where lead_time_excluded = 'negative') as negative`,
  bucket: `
    count(lead_time_seconds) as lead_n,
    percentile_cont(array[0.5]) within group (order by lead_time_seconds) as lead_p`,
};

const PULL_REQUESTS: Family = {
  from: `(
    select entity_ref, time_to_first_review, time_to_merge, size, review_count
    from dora_fact_changes
    where entity_ref = any(:refs::text[]) and ${inWindow('merged_at')}
      and excluded is null
  ) f`,
  full: `
    count(*) as merged,
    percentile_cont(array[0.5, 0.75]) within group (order by time_to_first_review) as time_to_first_review,
    percentile_cont(array[0.5, 0.75]) within group (order by time_to_merge) as time_to_merge,
    percentile_cont(array[0.5, 0.75]) within group (order by size) as size,
    count(review_count) as review_count_known,
    count(*) filter (where review_count = 0) as unreviewed`,
};

// Per entity every incident counts (for its warning); pooled and per
// bucket only those of entities with an incident source.
const RESTORES: Family = {
  from: `(
    select entity_ref,
      case when resolved_at >= opened_at
        then (resolved_at - opened_at)::float8 / 1000 end as seconds,
      entity_ref = any(:withSource::text[]) as sourced,
      width_bucket(resolved_at, :buckets::bigint[]) - 1 as bucket
    from dora_fact_incidents
    where entity_ref = any(:refs::text[]) and ${inWindow('resolved_at')}
  ) f`,
  full: `
    count(seconds) as restore_n,
    sum(round(seconds * 1000)::bigint) as restore_sum,
    percentile_cont(array[0.5, 0.9]) within group (order by seconds) as restore_p,
    count(*) filter (where seconds is null) as negative,
    count(seconds) filter (where sourced) as sourced_n,
    sum(round(seconds * 1000)::bigint) filter (where sourced) as sourced_sum,
    percentile_cont(array[0.5, 0.9]) within group (order by seconds) filter (where sourced) as sourced_p`,
  bucket: `
    count(seconds) filter (where sourced) as sourced_n,
    percentile_cont(array[0.5]) within group (order by seconds) filter (where sourced) as sourced_p`,
};

const OPEN_INCIDENTS = `
  select entity_ref, count(*) as open
  from dora_fact_incidents
  where entity_ref = any(:refs::text[]) and opened_at < :to
    and (resolved_at is null or resolved_at >= :to)
  group by entity_ref`;

interface Grouped {
  perEntity: Map<string, Row>;
  pooled: Row | undefined;
  perBucket: Map<number, Row>;
}

function traitsOf(
  row: FactEntityRow,
  lead: Row | undefined,
  negativeRestores: number,
): EntityTraits {
  const pipeline = row.change_failure_mode === 'pipeline';
  const hasIncidentSource = Boolean(row.has_incident_source);
  let recoverySource: EntityTraits['recoverySource'] = null;
  if (pipeline) recoverySource = 'pipeline';
  else if (hasIncidentSource) recoverySource = 'incidents';
  return {
    entityRef: row.entity_ref,
    mode: (row.mode ?? 'deployments') as EntityTraits['mode'],
    changeFailureMode: pipeline ? 'pipeline' : 'incidents',
    hasIncidentSource,
    recoverySource,
    notes: {
      leadTimeFallbackStart: n(lead?.fallback),
      leadTimeNoStart: n(lead?.no_start),
      negativeLeadTime: n(lead?.negative),
      negativeRestoreTime: negativeRestores,
      nonProductionEnvironments: row.non_production_environments
        ? JSON.parse(row.non_production_environments)
        : [],
      eventCount: row.event_count ?? 0,
    },
  };
}

function statsOf(parts: {
  deployments?: Row;
  leadTimes?: Row;
  pullRequests?: Row;
  restores: SampleSummary;
  recoveries: SampleSummary;
  openIncidents: number;
  failedChanges: number;
  changeTotal: number;
}): WindowStats {
  const { deployments: d, leadTimes: l, pullRequests: p } = parts;
  return {
    deployments: n(d?.deployments),
    deploymentDays: n(d?.deployment_days),
    rework: n(d?.rework),
    failedChanges: parts.failedChanges,
    changeTotal: parts.changeTotal,
    leadTime: summary(l, 'lead'),
    breakdown: {
      coding: (l?.coding as number | null) ?? null,
      pickup: (l?.pickup as number | null) ?? null,
      review: (l?.review as number | null) ?? null,
      deploy: (l?.deploy as number | null) ?? null,
    },
    restores: parts.restores,
    openIncidents: parts.openIncidents,
    recoveries: parts.recoveries,
    pullRequests: {
      merged: n(p?.merged),
      timeToFirstReview: medianP75(p, 'time_to_first_review'),
      timeToMerge: medianP75(p, 'time_to_merge'),
      size: medianP75(p, 'size'),
      reviewCountKnown: n(p?.review_count_known),
      unreviewed: n(p?.unreviewed),
    },
  };
}

/** Runs one query with named bindings, in the snapshot the caller chose. */
export type RunQuery = (
  sql: string,
  bindings: Record<string, unknown>,
) => Promise<Row[]>;

export async function aggregateWindow(
  runQuery: RunQuery,
  request: AggregateRequest,
): Promise<AggregateResult> {
  const params = bindings(request);
  const run = (sql: string) => runQuery(sql, params);
  const withBuckets = request.bucketBoundaries.length > 1;
  // One entity is its own pool: its row answers for both.
  const pooledToo = request.entities.length > 1;
  const grouped = async (family: Family): Promise<Grouped> => {
    const perEntity = new Map<string, Row>();
    const entityRows = run(
      `select entity_ref, ${family.full} from ${family.from} group by entity_ref`,
    );
    for (const row of await entityRows) {
      perEntity.set(row.entity_ref as string, row);
    }
    const [pooledRows, bucketRows] = await Promise.all([
      pooledToo ? run(`select ${family.full} from ${family.from}`) : [],
      withBuckets && family.bucket
        ? run(
            `select bucket, ${family.bucket} from ${family.from} group by bucket`,
          )
        : [],
    ]);
    const pooled = pooledToo ? pooledRows[0] : perEntity.values().next().value;
    const perBucket = new Map<number, Row>();
    for (const row of bucketRows) perBucket.set(Number(row.bucket), row);
    return { perEntity, pooled, perBucket };
  };
  // The families at once: each sorts its own rows, and PostgreSQL runs
  // them on as many cores as it has.
  const [deployments, recoveries, leadTimes, pullRequests, restores, opened] =
    await Promise.all([
      grouped(DEPLOYMENTS),
      grouped(RECOVERIES),
      grouped(LEAD_TIMES),
      grouped(PULL_REQUESTS),
      grouped(RESTORES),
      run(OPEN_INCIDENTS),
    ]);
  const open = new Map(opened.map(r => [r.entity_ref as string, n(r.open)]));

  const perEntity = new Map<
    string,
    { traits: EntityTraits; stats: WindowStats }
  >();
  let failedChanges = 0;
  let changeTotal = 0;
  let openIncidents = 0;
  for (const row of request.entities) {
    const ref = row.entity_ref;
    const d = deployments.perEntity.get(ref);
    const restore = restores.perEntity.get(ref);
    const traits = traitsOf(
      row,
      leadTimes.perEntity.get(ref),
      n(restore?.negative),
    );
    const pipeline = traits.changeFailureMode === 'pipeline';
    const failed = n(pipeline ? d?.failed_runs : d?.failed_counted);
    const total = n(pipeline ? d?.runs : d?.deployments);
    const entityOpen = traits.hasIncidentSource ? (open.get(ref) ?? 0) : 0;
    failedChanges += failed;
    changeTotal += total;
    openIncidents += entityOpen;
    perEntity.set(ref, {
      traits,
      stats: statsOf({
        deployments: d,
        leadTimes: leadTimes.perEntity.get(ref),
        pullRequests: pullRequests.perEntity.get(ref),
        restores: traits.hasIncidentSource
          ? summary(restore, 'restore')
          : emptySummary(),
        recoveries:
          traits.recoverySource !== null
            ? summary(recoveries.perEntity.get(ref), 'recovery')
            : emptySummary(),
        openIncidents: entityOpen,
        failedChanges: failed,
        changeTotal: total,
      }),
    });
  }

  const pooled = statsOf({
    deployments: deployments.pooled,
    leadTimes: leadTimes.pooled,
    pullRequests: pullRequests.pooled,
    restores: summary(restores.pooled, 'sourced'),
    recoveries: summary(recoveries.pooled, 'recovery'),
    openIncidents,
    failedChanges,
    changeTotal,
  });

  const bucketCount = Math.max(request.bucketBoundaries.length - 1, 0);
  const buckets = Array.from({ length: bucketCount }, (_, i): BucketStats => {
    const d = deployments.perBucket.get(i);
    const l = leadTimes.perBucket.get(i);
    const r = restores.perBucket.get(i);
    const bucket = emptyBucket();
    bucket.deployments = n(d?.deployments);
    bucket.failedChanges = n(d?.failed_changes);
    bucket.changeTotal = n(d?.change_total);
    bucket.leadTimeSampleSize = n(l?.lead_n);
    bucket.leadTimeMedian = percentiles(l?.lead_p)[0] ?? null;
    bucket.incidentsResolved = n(r?.sourced_n);
    bucket.timeToRestoreMedian = percentiles(r?.sourced_p)[0] ?? null;
    return bucket;
  });
  return { perEntity, pooled, buckets };
}
