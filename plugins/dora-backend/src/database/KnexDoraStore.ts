import {
  DoraEventKind,
  Timeline,
  chunks,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { leastOf } from './dialect';
import { EVENT_TABLE, EventRow, Touched, upsertRows } from './eventUpserts';
import { RetryOptions, retryTransaction } from './retry';
import { DoraStore, EventKey, ResolvedEvent } from './DoraStore';
import {
  CHANGE_ENGINE_COLUMNS,
  ChangeEngineRow,
  DeploymentEngineRow,
  IncidentEngineRow,
  DEPLOYMENT_ENGINE_COLUMNS,
  INCIDENT_ENGINE_COLUMNS,
  changeRow,
  deploymentRow,
  incidentRow,
  toEngineChange,
  toEngineDeployment,
  toEngineIncident,
  toEvent,
} from './rows';

const TABLE = EVENT_TABLE;

// SQLite allows 32,766 bound values per statement; 20 columns x 500 rows stays well under.
const ROWS_PER_INSERT = 500;
const IDS_PER_QUERY = 500;

/** Events in one key order, so concurrent writers lock rows in the same order. */
const byKey = (
  a: { source: string; id: string },
  b: { source: string; id: string },
) => {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const [x, y] = [(a as EventRow).entity_ref, (b as EventRow).entity_ref];
  if (x !== y) return x < y ? -1 : 1;
  return 0;
};

/**
 * Sorted change rows in chunks that never split one change's entity rows:
 * a write of a change names all its entities (the others are deleted).
 */
function wholeChanges(sorted: EventRow[]): EventRow[][] {
  const batches: EventRow[][] = [];
  let batch: EventRow[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i];
    const previous = sorted[i - 1];
    const sameChange =
      previous && previous.source === row.source && previous.id === row.id;
    if (!sameChange && batch.length >= ROWS_PER_INSERT) {
      batches.push(batch);
      batch = [];
    }
    batch.push(row);
  }
  if (batch.length) batches.push(batch);
  return batches;
}

export class KnexDoraStore implements DoraStore {
  constructor(
    private readonly db: Knex,
    private readonly retry: RetryOptions = {},
  ) {}

  async upsertEvents(events: ResolvedEvent[]): Promise<void> {
    const now = Date.now();
    const rows: Record<DoraEventKind, EventRow[]> = {
      deployment: [],
      change: [],
      incident: [],
    };
    for (const event of events) {
      if (event.kind === 'deployment')
        rows.deployment.push(deploymentRow(event, now));
      else if (event.kind === 'change') rows.change.push(changeRow(event, now));
      else rows.incident.push(incidentRow(event, now));
    }
    // Inside a caller's transaction (a webhook delivery) the caller retries.
    const write = () =>
      this.db.transaction(async tx => {
        const touched: Touched[] = [];
        // Rows in one key order, so concurrent writers lock them in the same order.
        for (const kind of Object.keys(rows) as DoraEventKind[]) {
          const sorted = rows[kind].sort(byKey);
          const batches =
            kind === 'change'
              ? wholeChanges(sorted)
              : chunks(sorted, ROWS_PER_INSERT);
          for (const chunk of batches) {
            touched.push(...(await upsertRows(tx, kind, chunk)));
          }
        }
        await markStale(tx, touched);
      });
    await (this.db.isTransaction
      ? write()
      : retryTransaction(write, this.retry));
  }

  async readEntityTimeline(entityRef: string): Promise<Timeline> {
    const deploymentRows: DeploymentEngineRow[] = await this.db(
      'dora_deployments',
    )
      .select(DEPLOYMENT_ENGINE_COLUMNS)
      .where('entity_ref', entityRef);
    const changeRows: ChangeEngineRow[] = await this.db('dora_changes')
      .select(CHANGE_ENGINE_COLUMNS)
      .where('entity_ref', entityRef);
    const incidentRows: IncidentEngineRow[] = await this.db('dora_incidents')
      .select(INCIDENT_ENGINE_COLUMNS)
      .where('entity_ref', entityRef);
    // The engine puts them in its own order.
    return {
      deployments: deploymentRows.map(toEngineDeployment),
      changes: changeRows.map(toEngineChange),
      incidents: incidentRows.map(toEngineIncident),
    };
  }

  async getEvents(
    kind: DoraEventKind,
    keys: EventKey[],
  ): Promise<ResolvedEvent[]> {
    // A change has a row per entity: the key's entity's row, else (no
    // entity asked, or the change moved) its first entity's row.
    const found = new Map<string, ResolvedEvent>();
    const first = new Map<string, ResolvedEvent>();
    const keyOf = (r: { source: string; id: string }) =>
      `${r.source}\u0000${r.id}`;
    for (const chunk of chunks(keys, IDS_PER_QUERY)) {
      const rows = await this.db(TABLE[kind])
        .whereIn(
          ['source', 'id'],
          chunk.map(k => [k.source, k.id]),
        )
        .orderBy('entity_ref', 'desc');
      for (const row of rows) {
        const event = toEvent(kind, row);
        found.set(`${keyOf(row)}\u0000${row.entity_ref}`, event);
        first.set(keyOf(row), event);
      }
    }
    return keys
      .map(
        k =>
          (k.entityRef && found.get(`${keyOf(k)}\u0000${k.entityRef}`)) ||
          first.get(keyOf(k)),
      )
      .filter((e): e is ResolvedEvent => e !== undefined);
  }
}

/**
 * In the writer's transaction: the facts of the touched entities are out of
 * date from the earliest instant touched on (`dirty_from`).
 */
async function markStale(tx: Knex.Transaction, touched: Touched[]) {
  const earliest = new Map<string, number>();
  for (const { entityRef, at } of touched) {
    earliest.set(entityRef, Math.min(at, earliest.get(entityRef) ?? at));
  }
  const entityRefs = [...earliest.keys()].sort();
  const table = 'dora_fact_entities';
  for (const chunk of chunks(entityRefs, ROWS_PER_INSERT)) {
    await tx(table)
      .insert(
        chunk.map(entity_ref => ({
          entity_ref,
          generation: 1,
          dirty_from: earliest.get(entity_ref),
        })),
      )
      .onConflict('entity_ref')
      .merge({
        generation: tx.raw('?? + 1', [`${table}.generation`]),
        dirty_from: tx.raw(
          `${leastOf(tx)}(coalesce(??, excluded.dirty_from), excluded.dirty_from)`,
          [`${table}.dirty_from`],
        ),
      });
  }
}
