import { Knex } from 'knex';
import { chunks } from '@dora-metrics/plugin-dora-common';
import { isPostgres } from './dialect';
import { canonicalRow, factKey } from './factRows';

/** Writing an entity's fact rows: only what changed, in as few statements as the database allows. */

// SQLite allows 32,766 bound values per statement; 21 columns x 500 rows stays under.
const ROWS_PER_INSERT = 500;

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
 * Makes an entity's rows of a fact table (in scope) the given ones, writing only what
 * changed: a write that adds the newest events rewrites a few rows, not the
 * entity's history (and leaves PostgreSQL few dead rows to vacuum).
 */
export async function replaceRows(
  tx: Knex.Transaction,
  table: string,
  entityRef: string,
  rows: FactKeyed[],
  /** Narrows the rows replaced (a rebuild from an instant on). */
  scope: (q: Knex.QueryBuilder) => void = () => {},
): Promise<void> {
  const stored = new Map<string, { key: FactKeyed; canonical: string }>();
  const existing: (Record<string, unknown> & FactKeyed)[] = await tx(table)
    .where('entity_ref', entityRef)
    .where(scope);
  // Every row of a table has the same columns, read back or built.
  const columns = Object.keys(existing[0] ?? rows[0] ?? {}).sort();
  for (const row of existing) {
    stored.set(factKey(row), {
      key: { source: row.source, id: row.id },
      canonical: canonicalRow(row, columns),
    });
  }
  const changed: FactKeyed[] = [];
  for (const row of rows) {
    const key = factKey(row);
    const before = stored.get(key);
    stored.delete(key);
    const canonical = canonicalRow(row as Record<string, unknown>, columns);
    if (before?.canonical !== canonical) changed.push(row);
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
