import { createHash } from 'crypto';
import { Knex } from 'knex';
import { isPostgres } from './dialect';
import type { EventRow, Touched } from './eventUpserts';

/**
 * Writing change rows. One change may belong to several entities (monorepos:
 * every entity whose claimed paths it touched), one row each: a write names
 * all of a change's entities, and the stored rows of the entities it no
 * longer names are deleted. Everything a write replaces or deletes is
 * touched, so those entities' facts are rebuilt.
 */

const TABLE = 'dora_changes';

const keyOf = (row: { source: string; id: string }) =>
  JSON.stringify([row.source, row.id]);

const instantOf = (value: unknown): number =>
  value === null || value === undefined
    ? Number.MAX_SAFE_INTEGER
    : Number(value);

/** A stable 64-bit lock id for one change (PostgreSQL advisory locks). */
function lockIdOf(row: { source: string; id: string }): bigint {
  const digest = createHash('sha256')
    .update(`${TABLE}\u0000${row.source}\u0000${row.id}`)
    .digest();
  return digest.readBigInt64BE(0);
}

/**
 * Writes the rows of whole changes (every entity row of each (source, id)
 * in the chunk). On PostgreSQL every writer first takes one transaction lock
 * per change, in lock-id order: two writers of the same change run one after
 * the other (the second reads and deletes what the first wrote), and taking
 * them in one order cannot deadlock.
 */
export async function upsertChanges(
  tx: Knex.Transaction,
  chunk: EventRow[],
): Promise<Touched[]> {
  const keys = [
    ...new Map(
      chunk.map(r => [keyOf(r), { source: r.source, id: r.id }]),
    ).values(),
  ];
  const postgres = isPostgres(tx);
  if (postgres) {
    const lockIds = [...new Set(keys.map(lockIdOf))].sort(
      (a, b) => Number(a - b > 0n) - Number(a - b < 0n),
    );
    // unnest yields the array's order: the locks are taken in that order.
    await tx.raw(
      'select count(pg_advisory_xact_lock(k)) from unnest(?::bigint[]) as k',
      [lockIds.map(String)],
    );
  }
  const stored = await storedRows(tx, keys);
  const touched: Touched[] = chunk.map(row => ({
    entityRef: row.entity_ref,
    at: instantOf((row as Record<string, unknown>).merged_at),
  }));
  touched.push(
    ...stored.map(r => ({ entityRef: r.entity_ref, at: instantOf(r.at) })),
  );
  const named = new Set(
    chunk.map(r => JSON.stringify([r.source, r.id, r.entity_ref])),
  );
  const gone = stored.filter(
    r => !named.has(JSON.stringify([r.source, r.id, r.entity_ref])),
  );
  if (gone.length > 0) {
    await tx(TABLE)
      .whereIn(
        ['source', 'id', 'entity_ref'],
        gone.map(r => [r.source, r.id, r.entity_ref]),
      )
      .delete();
  }
  await tx(TABLE)
    .insert(chunk)
    .onConflict(['source', 'id', 'entity_ref'])
    .merge();
  return touched;
}

type StoredRow = {
  source: string;
  id: string;
  entity_ref: string;
  at: unknown;
};

/** Every stored entity row of these changes. */
async function storedRows(
  tx: Knex.Transaction,
  keys: { source: string; id: string }[],
): Promise<StoredRow[]> {
  if (isPostgres(tx)) {
    // A join with the keys as arrays uses the primary key; a long list of
    // (source, id) pairs made PostgreSQL plan a slow OR of them.
    const { rows } = await tx.raw(
      `select t.source, t.id, t.entity_ref, t.merged_at as at from ?? t
       join unnest(?::text[], ?::text[]) as k(source, id)
         on t.source = k.source and t.id = k.id`,
      [TABLE, keys.map(k => k.source), keys.map(k => k.id)],
    );
    return rows;
  }
  return tx(TABLE)
    .select('source', 'id', 'entity_ref', 'merged_at as at')
    .whereIn(
      ['source', 'id'],
      keys.map(k => [k.source, k.id]),
    );
}
