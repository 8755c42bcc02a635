import { DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { upsertChanges } from './changeUpserts';
import { isPostgres } from './dialect';

/**
 * Writing event rows, and what a write touches: for every row, the entity
 * and the instant of its new version and of the version it replaces. The
 * facts of an entity are rebuilt from the earliest instant touched.
 */

export const EVENT_TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_deployments',
  change: 'dora_changes',
  incident: 'dora_incidents',
};

/** The column that places an event in its entity's history. */
export const INSTANT_COLUMN: Record<DoraEventKind, string> = {
  deployment: 'finished_at',
  change: 'merged_at',
  incident: 'opened_at',
};

/**
 * Where an unmerged change sits: after every instant (the engine orders
 * unmerged changes last). Its own facts are rebuilt by any rebuild, since
 * every rebuild reads unmerged changes.
 */
export const UNMERGED = Number.MAX_SAFE_INTEGER;

export type EventRow = { source: string; id: string; entity_ref: string };

/** An entity and an instant of its history that a write changed. */
export interface Touched {
  entityRef: string;
  at: number;
}

const keyOf = (row: { source: string; id: string }) =>
  JSON.stringify([row.source, row.id]);

const instantOf = (value: unknown): number =>
  value === null || value === undefined ? UNMERGED : Number(value);

/**
 * Inserts or replaces rows of one kind (in key order); returns what they
 * touched. Changes: see {@link upsertChanges}. Deployments and incidents
 * have one row per (source, id): the first statement writes only the rows that stay with their
 * entity (or are new) and locks the others; those are then read under that
 * lock (so a concurrent writer moving the same event cannot make it read a
 * stale one) before they are written.
 */
export async function upsertRows(
  tx: Knex.Transaction,
  kind: DoraEventKind,
  chunk: EventRow[],
): Promise<Touched[]> {
  // A change has one row per entity it belongs to (monorepos).
  if (kind === 'change') return upsertChanges(tx, chunk);
  const table = EVENT_TABLE[kind];
  const column = INSTANT_COLUMN[kind];
  const touched: Touched[] = chunk.map(row => ({
    entityRef: row.entity_ref,
    at: instantOf((row as Record<string, unknown>)[column]),
  }));
  const postgres = isPostgres(tx);
  if (!postgres) {
    // SQLite has one writer at a time: what is read here stays true.
    touched.push(...(await storedVersions(tx, table, column, chunk)));
  }
  const returning: (string | Knex.Raw)[] = ['source', 'id'];
  if (postgres) {
    // A sub-select in RETURNING sees the table as it was before this
    // statement: the replaced version's instant.
    returning.push(
      tx.raw(
        '(select o.?? from ?? o where o.source = ??.source and o.id = ??.id) as old_at',
        [column, table, table, table],
      ),
    );
  }
  const written: { source: string; id: string; old_at?: unknown }[] = await tx(
    table,
  )
    .insert(chunk)
    .onConflict(['source', 'id'])
    .merge()
    .where(`${table}.entity_ref`, '=', tx.ref('excluded.entity_ref'))
    .returning(returning as string[]);
  const entityOf = new Map(chunk.map(row => [keyOf(row), row.entity_ref]));
  for (const row of written) {
    if (row.old_at !== null && row.old_at !== undefined) {
      touched.push({
        entityRef: entityOf.get(keyOf(row))!,
        at: Number(row.old_at),
      });
    }
  }
  if (written.length === chunk.length) return touched;
  const done = new Set(written.map(keyOf));
  const moving = chunk.filter(row => !done.has(keyOf(row)));
  // On SQLite the stored versions were read before the first statement.
  if (postgres)
    touched.push(...(await storedVersions(tx, table, column, moving)));
  await tx(table).insert(moving).onConflict(['source', 'id']).merge();
  return touched;
}

/** The entity and instant of the stored rows with these keys. */
async function storedVersions(
  tx: Knex.Transaction,
  table: string,
  column: string,
  keys: { source: string; id: string }[],
): Promise<Touched[]> {
  let rows: { entity_ref: string; at: unknown }[];
  if (isPostgres(tx)) {
    // A join with the keys as arrays uses the primary key; a long list of
    // (source, id) pairs made PostgreSQL plan a slow OR of them.
    ({ rows } = await tx.raw(
      `select t.entity_ref, t.?? as at from ?? t
       join unnest(?::text[], ?::text[]) as k(source, id)
         on t.source = k.source and t.id = k.id`,
      [column, table, keys.map(k => k.source), keys.map(k => k.id)],
    ));
  } else {
    rows = await tx(table)
      .select('entity_ref', `${column} as at`)
      .whereIn(
        ['source', 'id'],
        keys.map(k => [k.source, k.id]),
      );
  }
  return rows.map(r => ({ entityRef: r.entity_ref, at: instantOf(r.at) }));
}
