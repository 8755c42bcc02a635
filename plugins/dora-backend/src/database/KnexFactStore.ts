import {
  DoraEventKind,
  EntityFacts,
  Window,
  chunks,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import {
  CHANGE_METRIC_COLUMNS,
  ChangeFactRow,
  DEPLOYMENT_METRIC_COLUMNS,
  DeploymentFactRow,
  FactEntityRow,
  INCIDENT_METRIC_COLUMNS,
  IncidentFactRow,
  changeFactRow,
  deploymentFactRow,
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
import { readCut } from './factCut';
import {
  AggregateQuery,
  ClaimedEntity,
  CutReading,
  CutSettings,
  FactPageQuery,
  FactTotalsRow,
  FactState,
  FactStore,
  ListedFact,
  WindowFacts,
} from './FactStore';
import { isPostgres } from './dialect';
import { totalKind } from './factFilters';
import {
  FACT_TABLE,
  countKind,
  listKind,
  positionOrder,
  within,
} from './factListing';
import { replaceRows } from './factRowWrites';

/** Entities per query; well under both databases' bound-value limits. */
const REFS_PER_QUERY = 5000;

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

export class KnexFactStore implements FactStore {
  private readonly collate: string;

  constructor(private readonly db: Knex) {
    // Drill-down positions compare entity refs bytewise, as JavaScript does.
    this.collate = isPostgres(db) ? ' COLLATE "C"' : '';
  }

  async states(entityRefs: string[]): Promise<Map<string, FactState>> {
    const states = new Map<string, FactState>();
    for (const refs of chunks(entityRefs, REFS_PER_QUERY)) {
      const rows: FactEntityRow[] = await this.db('dora_fact_entities').whereIn(
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
  ): Promise<ClaimedEntity | undefined> {
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
    const row: FactEntityRow | undefined = await this.db('dora_fact_entities')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    const state = toState(row);
    return {
      generation: state.generation,
      builtGeneration: state.builtGeneration,
      settingsKey: state.settingsKey,
      dirtyFrom: row.dirty_from === null ? null : Number(row.dirty_from),
    };
  }

  async readCut(
    entityRef: string,
    cut: number,
    settings: CutSettings,
  ): Promise<CutReading | undefined> {
    let reading: CutReading | undefined;
    await this.snapshot(async tx => {
      reading = await readCut(tx, entityRef, cut, settings);
    });
    return reading;
  }

  async saveFacts(options: {
    entityRef: string;
    owner: string;
    generation: number;
    settingsKey: string;
    facts: EntityFacts;
    now: number;
    from?: number;
  }): Promise<boolean> {
    const { entityRef, owner, facts, from } = options;
    // The places a rebuild from `from` replaces; everything otherwise.
    const placedFrom =
      (column: string, unplaced = false) =>
      (q: Knex.QueryBuilder) => {
        if (from === undefined) return;
        q.where(w => {
          w.where(column, '>=', from);
          if (unplaced) w.orWhereNull(column);
        });
      };
    try {
      await this.db.transaction(async tx => {
        await replaceRows(
          tx,
          FACT_TABLE.deployment,
          entityRef,
          facts.deployments.map(f => deploymentFactRow(entityRef, f)),
          placedFrom('at'),
        );
        await replaceRows(
          tx,
          FACT_TABLE.change,
          entityRef,
          facts.changes.map(f => changeFactRow(entityRef, f)),
          placedFrom('merged_at', true),
        );
        await replaceRows(
          tx,
          FACT_TABLE.incident,
          entityRef,
          facts.incidents.map(f => incidentFactRow(entityRef, f)),
          placedFrom('opened_at'),
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
            // What writes touched since: kept if one landed meanwhile.
            dirty_from: tx.raw(
              'case when generation = ? then null else dirty_from end',
              [options.generation],
            ),
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
      listed.push(...(await listKind(this.db, this.collate, kind, query)));
    }
    const order = positionOrder(query.order);
    return listed
      .sort((a, b) => order(a.position, b.position))
      .slice(0, query.limit);
  }

  async countFacts(
    query: Pick<FactPageQuery, 'entityRefs' | 'window' | 'filter'> & {
      kind: DoraEventKind;
    },
  ): Promise<number> {
    let matching = 0;
    for (const entityRefs of chunks(query.entityRefs, REFS_PER_QUERY)) {
      matching += await countKind(this.db, query.kind, {
        ...query,
        entityRefs,
      });
    }
    return matching;
  }

  async totalFacts(query: {
    entityRefs: string[];
    window: Window;
    kind: DoraEventKind;
  }): Promise<FactTotalsRow[]> {
    const rows: FactTotalsRow[] = [];
    for (const entityRefs of chunks(query.entityRefs, REFS_PER_QUERY)) {
      rows.push(
        ...(await totalKind(this.db, query.kind, entityRefs, query.window)),
      );
    }
    return rows;
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
