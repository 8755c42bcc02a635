import { DoraEventKind, Timeline } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import { isPostgres } from './dialect';
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

const TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_deployments',
  change: 'dora_changes',
  incident: 'dora_incidents',
};

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
  return 0;
};

export class KnexDoraStore implements DoraStore {
  constructor(
    private readonly db: Knex,
    private readonly retry: RetryOptions = {},
  ) {}

  async upsertEvents(events: ResolvedEvent[]): Promise<void> {
    const now = Date.now();
    const rows: Record<DoraEventKind, Keyed[]> = {
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
        const entityRefs = new Set(events.map(e => e.entityRef));
        // Rows in one key order, so concurrent writers lock them in the same order.
        for (const kind of Object.keys(rows) as DoraEventKind[]) {
          const sorted = rows[kind].sort(byKey);
          for (const chunk of chunks(sorted, ROWS_PER_INSERT)) {
            for (const ref of await upsertRows(tx, TABLE[kind], chunk)) {
              entityRefs.add(ref);
            }
          }
        }
        // In the same transaction: the facts of these entities are out of date.
        for (const chunk of chunks([...entityRefs].sort(), ROWS_PER_INSERT)) {
          await tx('dora_fact_entities')
            .insert(chunk.map(entity_ref => ({ entity_ref, generation: 1 })))
            .onConflict('entity_ref')
            .merge({
              generation: tx.raw('?? + 1', ['dora_fact_entities.generation']),
            });
        }
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
    const found = new Map<string, ResolvedEvent>();
    for (const chunk of chunks(keys, IDS_PER_QUERY)) {
      const rows = await this.db(TABLE[kind]).whereIn(
        ['source', 'id'],
        chunk.map(k => [k.source, k.id]),
      );
      for (const row of rows) {
        found.set(`${row.source}\u0000${row.id}`, toEvent(kind, row));
      }
    }
    return keys
      .map(k => found.get(`${k.source}\u0000${k.id}`))
      .filter((e): e is ResolvedEvent => e !== undefined);
  }
}

type Keyed = { source: string; id: string; entity_ref: string };

const keyOf = (row: { source: string; id: string }) =>
  JSON.stringify([row.source, row.id]);

/**
 * Inserts or replaces rows; returns the entities that rows re-sent for
 * another entity leave, whose facts are out of date as well. The first
 * statement writes only the rows that stay with their entity (or are new)
 * and locks the others; their entity is then read under that lock (so a
 * concurrent writer moving the same event cannot make it read a stale one)
 * before they are written.
 */
async function upsertRows(
  tx: Knex.Transaction,
  table: string,
  chunk: Keyed[],
): Promise<string[]> {
  const written: { source: string; id: string }[] = await tx(table)
    .insert(chunk)
    .onConflict(['source', 'id'])
    .merge()
    .where(`${table}.entity_ref`, '=', tx.ref('excluded.entity_ref'))
    .returning(['source', 'id']);
  if (written.length === chunk.length) return [];
  const done = new Set(written.map(keyOf));
  const moving = chunk.filter(row => !done.has(keyOf(row)));
  const left = await entitiesOf(tx, table, moving);
  await tx(table).insert(moving).onConflict(['source', 'id']).merge();
  return left;
}

/** The entities stored rows with these keys belong to. */
async function entitiesOf(
  tx: Knex.Transaction,
  table: string,
  keys: { source: string; id: string }[],
): Promise<string[]> {
  if (isPostgres(tx)) {
    // A join with the keys as arrays uses the primary key; a long list of
    // (source, id) pairs made PostgreSQL plan a slow OR of them.
    const { rows } = await tx.raw(
      `select distinct t.entity_ref from ?? t
       join unnest(?::text[], ?::text[]) as k(source, id)
         on t.source = k.source and t.id = k.id`,
      [table, keys.map(k => k.source), keys.map(k => k.id)],
    );
    return rows.map((r: { entity_ref: string }) => r.entity_ref);
  }
  const rows: { entity_ref: string }[] = await tx(table)
    .distinct('entity_ref')
    .whereIn(
      ['source', 'id'],
      keys.map(k => [k.source, k.id]),
    );
  return rows.map(r => r.entity_ref);
}
