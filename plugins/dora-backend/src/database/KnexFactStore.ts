import {
  DoraEventKind,
  EntityFacts,
  Window,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import {
  CHANGE_METRIC_COLUMNS,
  ChangeFactRow,
  DEPLOYMENT_METRIC_COLUMNS,
  DeploymentFactRow,
  FactEntityRow,
  INCIDENT_METRIC_COLUMNS,
  IncidentFactRow,
  canonicalRow,
  changeFactRow,
  deploymentFactRow,
  factKey,
  emptyFactsOf,
  factEntitySummary,
  incidentFactRow,
  toChangeFact,
  toDeploymentFact,
  toIncidentFact,
} from './factRows';
import {
  AggregateResult,
  RunQuery,
  aggregateWindow,
} from './postgresAggregates';
import {
  AggregateQuery,
  FactPageQuery,
  FactPosition,
  FactState,
  FactStore,
  ListedFact,
  WindowFacts,
} from './FactStore';
import { isPostgres } from './dialect';

// SQLite allows 32,766 bound values per statement; 21 columns x 500 rows stays under.
const ROWS_PER_INSERT = 500;
/** Entities per query; well under both databases' bound-value limits. */
const REFS_PER_QUERY = 5000;

const FACT_TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_fact_deployments',
  change: 'dora_fact_changes',
  incident: 'dora_fact_incidents',
};

/** The instant a drill-down row is listed at, per kind. */
const LISTED_AT: Record<DoraEventKind, string> = {
  deployment: 'at',
  change: 'coalesce(merged_at, shipped_at)',
  incident: 'opened_at',
};

/** The lease of an entity was taken over by another replica. */
class LeaseLostError extends Error {}

const toState = (row: FactEntityRow): FactState => ({
  entityRef: row.entity_ref,
  generation: Number(row.generation),
  builtGeneration:
    row.built_generation === null ? null : Number(row.built_generation),
  settingsKey: row.settings_key,
  computedAt: row.computed_at === null ? null : Number(row.computed_at),
});

const within = (column: string, window: Window) => (q: Knex.QueryBuilder) =>
  q.where(column, '>=', window.from).where(column, '<', window.to);

export class KnexFactStore implements FactStore {
  private readonly collate: string;

  constructor(private readonly db: Knex) {
    // Drill-down positions compare entity refs bytewise, as JavaScript does.
    this.collate = isPostgres(db) ? ' COLLATE "C"' : '';
  }

  async states(entityRefs: string[]): Promise<Map<string, FactState>> {
    return this.statesIn(this.db, entityRefs);
  }

  private async statesIn(
    db: Knex | Knex.Transaction,
    entityRefs: string[],
  ): Promise<Map<string, FactState>> {
    const states = new Map<string, FactState>();
    for (const refs of chunks(entityRefs, REFS_PER_QUERY)) {
      const rows: FactEntityRow[] = await db('dora_fact_entities').whereIn(
        'entity_ref',
        refs,
      );
      for (const row of rows) states.set(row.entity_ref, toState(row));
    }
    return states;
  }

  async staleEntities(now: number, limit: number): Promise<string[]> {
    const rows: { entity_ref: string }[] = await this.db('dora_fact_entities')
      .select('entity_ref')
      .where(q =>
        q
          .whereNull('built_generation')
          .orWhereRaw('built_generation < generation'),
      )
      .where(q => q.whereNull('lease_until').orWhere('lease_until', '<', now))
      .orderBy('entity_ref')
      .limit(limit);
    return rows.map(r => r.entity_ref);
  }

  async counts(): Promise<{ current: number; stale: number }> {
    const rows: { stale: number | string; total: number | string }[] =
      await this.db('dora_fact_entities').select(
        this.db.raw(
          'sum(case when built_generation is null or built_generation < generation then 1 else 0 end) as stale',
        ),
        this.db.raw('count(*) as total'),
      );
    const stale = Number(rows[0]?.stale ?? 0);
    return { stale, current: Number(rows[0]?.total ?? 0) - stale };
  }

  async claim(
    entityRef: string,
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<number | undefined> {
    // Only a stale entity: one another replica has just built stays built.
    const taken = await this.db('dora_fact_entities')
      .where('entity_ref', entityRef)
      .where(q =>
        q
          .whereNull('built_generation')
          .orWhereRaw('built_generation < generation'),
      )
      .where(q => q.whereNull('lease_until').orWhere('lease_until', '<', now))
      .update({ lease_owner: owner, lease_until: now + leaseMs });
    if (taken === 0) return undefined;
    const row = await this.db('dora_fact_entities')
      .select('generation')
      .where('entity_ref', entityRef)
      .first();
    return row ? Number(row.generation) : undefined;
  }

  async saveFacts(options: {
    entityRef: string;
    owner: string;
    generation: number;
    settingsKey: string;
    facts: EntityFacts;
    now: number;
  }): Promise<boolean> {
    const { entityRef, owner, facts } = options;
    try {
      await this.db.transaction(async tx => {
        await replaceRows(
          tx,
          FACT_TABLE.deployment,
          entityRef,
          facts.deployments.map(f => deploymentFactRow(entityRef, f)),
        );
        await replaceRows(
          tx,
          FACT_TABLE.change,
          entityRef,
          facts.changes.map(f => changeFactRow(entityRef, f)),
        );
        await replaceRows(
          tx,
          FACT_TABLE.incident,
          entityRef,
          facts.incidents.map(f => incidentFactRow(entityRef, f)),
        );
        // Last, so writers of events (which bump this row's generation) do
        // not wait for the whole replacement; a lost lease undoes it all.
        const updated = await tx('dora_fact_entities')
          .where({ entity_ref: entityRef, lease_owner: owner })
          .update({
            built_generation: options.generation,
            settings_key: options.settingsKey,
            computed_at: options.now,
            ...factEntitySummary(facts),
            lease_owner: null,
            lease_until: null,
          });
        if (updated === 0) throw new LeaseLostError();
      });
      return true;
    } catch (error) {
      if (error instanceof LeaseLostError) return false;
      throw error;
    }
  }

  async release(entityRef: string, owner: string): Promise<void> {
    await this.db('dora_fact_entities')
      .where({ entity_ref: entityRef, lease_owner: owner })
      .update({ lease_owner: null, lease_until: null });
  }

  async invalidate(entityRefs: string[]): Promise<void> {
    for (const refs of chunks([...entityRefs].sort(), 500)) {
      await this.db('dora_fact_entities')
        .whereIn('entity_ref', refs)
        .update({ built_generation: null });
    }
  }

  async readWindowFacts(
    entityRefs: string[],
    window: Window,
  ): Promise<Map<string, WindowFacts>> {
    const read = new Map<string, WindowFacts>();
    // One snapshot, so a rebuild that commits meanwhile is seen whole or not at all.
    await this.snapshot(async tx => {
      for (const refs of chunks(entityRefs, REFS_PER_QUERY)) {
        await this.readWindowChunk(tx, refs, window, read);
      }
    });
    return read;
  }

  private async readWindowChunk(
    tx: Knex.Transaction,
    entityRefs: string[],
    window: Window,
    read: Map<string, WindowFacts>,
  ): Promise<void> {
    const facts = new Map<string, EntityFacts>();
    const rows: FactEntityRow[] = await tx('dora_fact_entities').whereIn(
      'entity_ref',
      entityRefs,
    );
    for (const row of rows) {
      const entityFacts = emptyFactsOf(row);
      facts.set(row.entity_ref, entityFacts);
      read.set(row.entity_ref, { state: toState(row), facts: entityFacts });
    }
    const refs = [...facts.keys()];
    if (refs.length === 0) return;

    const deployments: Partial<DeploymentFactRow>[] = await tx(
      FACT_TABLE.deployment,
    )
      .select(DEPLOYMENT_METRIC_COLUMNS)
      .whereIn('entity_ref', refs)
      .where(q =>
        q.where(within('at', window)).orWhere(within('recovered_at', window)),
      )
      .orderBy('entity_ref');
    for (const row of deployments) {
      facts.get(row.entity_ref!)!.deployments.push(toDeploymentFact(row));
    }

    const changes: Partial<ChangeFactRow>[] = await tx(FACT_TABLE.change)
      .select(CHANGE_METRIC_COLUMNS)
      .whereIn('entity_ref', refs)
      .where(q =>
        q
          .where(within('merged_at', window))
          .orWhere(within('shipped_at', window)),
      )
      .orderBy('entity_ref');
    for (const row of changes) {
      facts.get(row.entity_ref!)!.changes.push(toChangeFact(row));
    }

    const incidents: Partial<IncidentFactRow>[] = await tx(FACT_TABLE.incident)
      .select(INCIDENT_METRIC_COLUMNS)
      .whereIn('entity_ref', refs)
      .where(q =>
        q
          .where(within('resolved_at', window))
          .orWhere(open =>
            open
              .where('opened_at', '<', window.to)
              .where(r =>
                r
                  .whereNull('resolved_at')
                  .orWhere('resolved_at', '>=', window.to),
              ),
          ),
      )
      .orderBy('entity_ref');
    for (const row of incidents) {
      facts.get(row.entity_ref!)!.incidents.push(toIncidentFact(row));
    }
  }

  async aggregateWindow(
    query: AggregateQuery,
  ): Promise<{ result: AggregateResult; computedAt: number } | undefined> {
    if (!isPostgres(this.db)) return undefined;
    let answer: { result: AggregateResult; computedAt: number } | undefined;
    await this.snapshot(async tx => {
      const expected = new Map(query.entities.map(e => [e.key, e.settingsKey]));
      const rows: FactEntityRow[] = [];
      for (const refs of chunks([...expected.keys()], REFS_PER_QUERY)) {
        rows.push(
          ...(await tx('dora_fact_entities').whereIn('entity_ref', refs)),
        );
      }
      const current = rows.every(row => {
        const state = toState(row);
        return (
          state.builtGeneration === state.generation &&
          state.settingsKey === expected.get(row.entity_ref)
        );
      });
      if (!current) return;
      // The queries run side by side on other connections, each importing
      // this transaction's snapshot: together they see one state of the
      // facts, as one transaction would.
      const {
        rows: [{ snapshot }],
      } = await tx.raw('select pg_export_snapshot() as snapshot');
      if (!/^[0-9A-F-]+$/i.test(snapshot)) {
        throw new Error(`Unexpected snapshot id ${snapshot}`);
      }
      const inSnapshot: RunQuery = (sql, bindings) =>
        this.db.transaction(
          async reader => {
            await reader.raw(`set transaction snapshot '${snapshot}'`);
            return ((await reader.raw(sql, bindings)) as { rows: [] }).rows;
          },
          { isolationLevel: 'repeatable read', readOnly: true },
        );
      const result = await aggregateWindow(inSnapshot, {
        entities: rows,
        window: query.window,
        dayBoundaries: query.dayBoundaries,
        bucketBoundaries: query.bucketBoundaries,
      });
      const computedAt = Math.min(
        Date.now(),
        ...rows.map(r => Number(r.computed_at)),
      );
      answer = { result, computedAt };
    });
    return answer;
  }

  async listFacts(query: FactPageQuery): Promise<ListedFact[]> {
    const kinds: DoraEventKind[] = query.kind
      ? [query.kind]
      : ['change', 'deployment', 'incident'];
    const listed: ListedFact[] = [];
    for (const kind of kinds) {
      listed.push(...(await this.listKind(kind, query)));
    }
    return listed
      .sort((a, b) => comparePositions(a.position, b.position))
      .slice(0, query.limit);
  }

  private async listKind(
    kind: DoraEventKind,
    query: FactPageQuery,
  ): Promise<ListedFact[]> {
    const { window, after } = query;
    const listedAt = LISTED_AT[kind];
    const ref = `entity_ref${this.collate}`;
    const rows: Record<string, unknown>[] = await this.db(FACT_TABLE[kind])
      .select('*', this.db.raw(`${listedAt} as listed_at`))
      .whereIn('entity_ref', query.entityRefs)
      .where(q => inDrillDownWindow(kind, window)(q))
      .modify(q => {
        if (!after) return;
        const [at, entityRef, afterKind, source, id] = after;
        q.where(keyset =>
          keyset.whereRaw(`${listedAt} > ?`, [at]).orWhere(same =>
            same.whereRaw(`${listedAt} = ?`, [at]).where(tie => {
              tie.whereRaw(`${ref} > ?`, [entityRef]);
              if (kind > afterKind) tie.orWhereRaw(`${ref} = ?`, [entityRef]);
              if (kind === afterKind) {
                tie.orWhere(sameRef =>
                  sameRef
                    .whereRaw(`${ref} = ?`, [entityRef])
                    .where(key =>
                      key
                        .whereRaw(`source${this.collate} > ?`, [source])
                        .orWhere(sameSource =>
                          sameSource
                            .whereRaw(`source${this.collate} = ?`, [source])
                            .whereRaw(`id${this.collate} > ?`, [id]),
                        ),
                    ),
                );
              }
            }),
          ),
        );
      })
      .orderByRaw(
        `${listedAt}, ${ref}, source${this.collate}, id${this.collate}`,
      )
      .limit(query.limit);
    return rows.map(row => toListed(kind, row));
  }

  private async snapshot(
    work: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<void> {
    if (isPostgres(this.db)) {
      await this.db.transaction(work, {
        isolationLevel: 'repeatable read',
        readOnly: true,
      });
      return;
    }
    await this.db.transaction(work);
  }
}

const NUL = String.fromCharCode(0);
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON that PostgreSQL accepts whatever was stored before validation refused
 * it: NUL and unpaired surrogates (the only characters JSON.stringify writes
 * as \u0000 and \udxxx escapes) become U+FFFD, so one old event cannot stop
 * its entity's facts from being built.
 */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (!/\\u(0000|d[89a-f])/i.test(json)) return json;
  return JSON.stringify(value, (_key, item) =>
    typeof item === 'string'
      ? item.split(NUL).join('\uFFFD').replace(LONE_SURROGATE, '\uFFFD')
      : item,
  );
}

/**
 * Makes an entity's rows of a fact table the given ones, writing only what
 * changed: a write that adds the newest events rewrites a few rows, not the
 * entity's history (and leaves PostgreSQL few dead rows to vacuum).
 */
async function replaceRows(
  tx: Knex.Transaction,
  table: string,
  entityRef: string,
  rows: FactKeyed[],
): Promise<void> {
  const stored = new Map<string, { key: FactKeyed; canonical: string }>();
  const existing: (Record<string, unknown> & FactKeyed)[] = await tx(
    table,
  ).where('entity_ref', entityRef);
  for (const row of existing) {
    stored.set(factKey(row), {
      key: { source: row.source, id: row.id },
      canonical: canonicalRow(row),
    });
  }
  const changed: FactKeyed[] = [];
  for (const row of rows) {
    const key = factKey(row);
    const before = stored.get(key);
    stored.delete(key);
    if (before?.canonical !== canonicalRow(row)) changed.push(row);
  }
  // Rows that changed go out and in again; rows whose event is gone go out.
  const gone = [
    ...changed.map(({ source, id }) => ({ source, id })),
    ...[...stored.values()].map(s => s.key),
  ];
  await deleteRows(tx, table, entityRef, gone);
  await insertRows(tx, table, changed);
}

type FactKeyed = { source: string; id: string };

async function deleteRows(
  tx: Knex.Transaction,
  table: string,
  entityRef: string,
  keys: FactKeyed[],
): Promise<void> {
  if (keys.length === 0) return;
  if (isPostgres(tx)) {
    // Joined with the keys as arrays: a long OR of pairs plans badly.
    await tx.raw(
      `delete from ?? t using unnest(?::text[], ?::text[]) as k(source, id)
       where t.entity_ref = ? and t.source = k.source and t.id = k.id`,
      [table, keys.map(k => k.source), keys.map(k => k.id), entityRef],
    );
    return;
  }
  for (const chunk of chunks(keys, ROWS_PER_INSERT)) {
    await tx(table)
      .where('entity_ref', entityRef)
      .whereIn(
        ['source', 'id'],
        chunk.map(k => [k.source, k.id]),
      )
      .delete();
  }
}

/** Rows per statement when PostgreSQL reads them from one JSON parameter. */
const ROWS_PER_JSON_INSERT = 20_000;

async function insertRows(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
): Promise<void> {
  if (isPostgres(tx)) {
    // One JSON parameter per statement: far cheaper to build and bind than
    // a multi-row VALUES list (an entity-year has ~60,000 fact rows).
    for (const chunk of chunks(rows, ROWS_PER_JSON_INSERT)) {
      await tx.raw(
        `insert into ?? select * from json_populate_recordset(null::??, ?::json)`,
        [table, table, storableJson(chunk)],
      );
    }
    return;
  }
  for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
    await tx(table).insert(chunk);
  }
}

function inDrillDownWindow(kind: DoraEventKind, window: Window) {
  return (q: Knex.QueryBuilder) => {
    if (kind === 'deployment') return q.where(within('at', window));
    if (kind === 'change') {
      return q
        .where(within('merged_at', window))
        .orWhere(within('shipped_at', window));
    }
    return q
      .where(within('opened_at', window))
      .orWhere(resolved =>
        resolved
          .where(within('resolved_at', window))
          .whereRaw('resolved_at >= opened_at'),
      )
      .orWhere(open =>
        open
          .where('opened_at', '<', window.to)
          .where(r =>
            r.whereNull('resolved_at').orWhere('resolved_at', '>=', window.to),
          ),
      );
  };
}

function toListed(
  kind: DoraEventKind,
  row: Record<string, unknown>,
): ListedFact {
  const entityRef = row.entity_ref as string;
  const position: FactPosition = [
    Number(row.listed_at),
    entityRef,
    kind,
    row.source as string,
    row.id as string,
  ];
  if (kind === 'deployment') {
    return {
      kind,
      entityRef,
      position,
      fact: toDeploymentFact(row as unknown as DeploymentFactRow),
    };
  }
  if (kind === 'change') {
    return {
      kind,
      entityRef,
      position,
      fact: toChangeFact(row as unknown as ChangeFactRow),
    };
  }
  return {
    kind,
    entityRef,
    position,
    fact: toIncidentFact(row as unknown as IncidentFactRow),
  };
}

export function comparePositions(a: FactPosition, b: FactPosition): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
