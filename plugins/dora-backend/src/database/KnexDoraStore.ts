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
const KEYS_PER_LOOKUP = 5000;

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
    const rows: Record<DoraEventKind, { source: string; id: string }[]> = {
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
        // An event re-sent for another entity leaves its old entity: both
        // entities' facts are out of date.
        const entityRefs = new Set(events.map(e => e.entityRef));
        for (const kind of Object.keys(rows) as DoraEventKind[]) {
          for (const ref of await previousEntities(
            tx,
            TABLE[kind],
            rows[kind],
          )) {
            entityRefs.add(ref);
          }
        }
        // Rows in one key order, so concurrent writers lock them in the same order.
        for (const kind of Object.keys(rows) as DoraEventKind[]) {
          const sorted = rows[kind].sort(byKey);
          for (const chunk of chunks(sorted, ROWS_PER_INSERT)) {
            await tx(TABLE[kind])
              .insert(chunk)
              .onConflict(['source', 'id'])
              .merge();
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

/** The entities the stored events with these keys belong to now. */
async function previousEntities(
  tx: Knex.Transaction,
  table: string,
  keys: { source: string; id: string }[],
): Promise<string[]> {
  const refs: string[] = [];
  if (isPostgres(tx)) {
    // A join with the keys as arrays uses the primary key; a long list of
    // (source, id) pairs made PostgreSQL plan a slow OR of them.
    for (const chunk of chunks(keys, KEYS_PER_LOOKUP)) {
      const { rows } = await tx.raw(
        `select distinct t.entity_ref from ?? t
         join unnest(?::text[], ?::text[]) as k(source, id)
           on t.source = k.source and t.id = k.id`,
        [table, chunk.map(k => k.source), chunk.map(k => k.id)],
      );
      refs.push(...rows.map((r: { entity_ref: string }) => r.entity_ref));
    }
    return refs;
  }
  for (const chunk of chunks(keys, IDS_PER_QUERY)) {
    const rows: { entity_ref: string }[] = await tx(table)
      .distinct('entity_ref')
      .whereIn(
        ['source', 'id'],
        chunk.map(k => [k.source, k.id]),
      );
    refs.push(...rows.map(r => r.entity_ref));
  }
  return refs;
}
