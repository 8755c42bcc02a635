import { DoraEventKind, Window } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { FACT_TABLE, inDrillDownWindow } from './drillDownWindow';
import { FactFilter, FactTotalsRow } from './FactStore';

/**
 * The drill-down's filters and totals in SQL, row by row the same rules as
 * explainListed and the metrics (analyzeFacts):
 * - a deployment is counted (deployment frequency) when its status is
 *   `counted`; it is in the change failure rate's total when counted
 *   (incidents mode) or a successful or failed production run (pipeline
 *   mode), and failed when it has failure signals (incidents mode) or is a
 *   failed production run (pipeline mode);
 * - a change is counted (lead time) when shipped in the window with a lead
 *   time and not left out by the exclusion rules;
 * - an incident is counted (time to restore) when resolved in the window,
 *   not before it opened.
 */

// Over a deployment fact aliased `f` joined to its entity's state `e`.
const PIPELINE = "e.change_failure_mode = 'pipeline'";
const INCIDENTS = "coalesce(e.change_failure_mode, '') <> 'pipeline'";
// A run skipped for shipping only excluded changes is no production run.
const PRODUCTION_RUN = "f.status not in ('not-production', 'only-excluded')";
const IN_CHANGE_FAILURE_RATE = `(${PIPELINE} and ${PRODUCTION_RUN} and f.run_status <> 'aborted') or (${INCIDENTS} and f.status = 'counted')`;
const FAILED = `(${PIPELINE} and ${PRODUCTION_RUN} and f.run_status = 'failure') or (${INCIDENTS} and f.status = 'counted' and f.failure_signals is not null)`;

/** The counted rule of a kind, over the fact table aliased `f`, with its bindings. */
function countedRule(kind: DoraEventKind, window: Window): [string, number[]] {
  if (kind === 'deployment') return ["f.status = 'counted'", []];
  if (kind === 'change') {
    return [
      'f.shipped_at >= ? and f.shipped_at < ? and f.lead_time_seconds is not null and f.excluded is null',
      [window.from, window.to],
    ];
  }
  return [
    'f.resolved_at >= ? and f.resolved_at < ? and f.resolved_at >= f.opened_at',
    [window.from, window.to],
  ];
}

/** The change-failure mode of each row's entity, for the deployment rules. */
const withEntity = (db: Knex, kind: DoraEventKind) =>
  db({ f: FACT_TABLE[kind] }).join(
    { e: 'dora_fact_entities' },
    'e.entity_ref',
    'f.entity_ref',
  );

/** Rows matching a drill-down filter (the table aliased `f` or not at all). */
export function matchingFilter(
  db: Knex,
  kind: DoraEventKind,
  window: Window,
  filter: FactFilter,
) {
  return (q: Knex.QueryBuilder) => {
    if (filter.environment !== undefined) {
      q.where('environment', filter.environment);
    }
    if (filter.ids !== undefined) q.whereIn('id', filter.ids);
    if (filter.show === 'counted') {
      const [rule, bindings] = countedRule(kind, window);
      q.whereRaw(rule.replace(/\bf\./g, ''), bindings);
    }
    if (filter.show === 'failed') {
      // FAILED over an unaliased table: the mode read per entity.
      const pipelineEntities = () =>
        db('dora_fact_entities')
          .select('entity_ref')
          .where('change_failure_mode', 'pipeline');
      q.where(failed =>
        failed
          .where(pipeline =>
            pipeline
              .whereIn('entity_ref', pipelineEntities())
              .whereNotIn('status', ['not-production', 'only-excluded'])
              .where('run_status', 'failure'),
          )
          .orWhere(incidents =>
            incidents
              .whereNotIn('entity_ref', pipelineEntities())
              .where('status', 'counted')
              .whereNotNull('failure_signals'),
          ),
      );
    }
    return q;
  };
}

const sumOf = (rule: string) => `sum(case when ${rule} then 1 else 0 end)`;

/** The drill-down's counts of a kind per entity (and environment), in one query. */
export async function totalKind(
  db: Knex,
  kind: DoraEventKind,
  entityRefs: string[],
  window: Window,
): Promise<FactTotalsRow[]> {
  const [counted, bindings] = countedRule(kind, window);
  const deployments = kind === 'deployment';
  const groups = deployments
    ? ['f.entity_ref', 'f.environment']
    : ['f.entity_ref'];
  const rows: Record<string, unknown>[] = await withEntity(db, kind)
    .select(groups)
    .count({ events: '*' })
    .select(db.raw(`${sumOf(counted)} as counted`, bindings))
    .modify(q => {
      if (!deployments) return;
      q.select(
        db.raw(`${sumOf(FAILED)} as failed`),
        db.raw(`${sumOf(IN_CHANGE_FAILURE_RATE)} as in_change_failure_rate`),
      );
    })
    .whereIn('f.entity_ref', entityRefs)
    .where(q => inDrillDownWindow(kind, window, 'f.')(q))
    .groupBy(groups);
  return rows.map(row => ({
    entityRef: row.entity_ref as string,
    environment: deployments ? (row.environment as string) : null,
    events: Number(row.events),
    counted: Number(row.counted ?? 0),
    failed: Number(row.failed ?? 0),
    inChangeFailureRate: Number(row.in_change_failure_rate ?? 0),
  }));
}
