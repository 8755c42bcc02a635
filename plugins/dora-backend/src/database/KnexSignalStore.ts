import { createHash } from 'crypto';
import { chunks } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { SignalStore, SignalWrite, StoredSignal } from './SignalStore';

const SIGNALS = 'dora_signal_states';

/** Keys per statement: within SQLite's bound parameter limit with room to spare. */
const KEYS_PER_READ = 500;
const ROWS_PER_INSERT = 100;

type Row = Record<string, any>;

/** Signal keys can be longer than an index allows: rows are keyed by their hash. */
export const hashOf = (key: string) =>
  createHash('sha256').update(key, 'utf8').digest('hex');

const toStored = (row: Row): StoredSignal => ({
  key: row.signal_key,
  kind: row.kind,
  subjectRef: row.subject_ref,
  state: JSON.parse(row.state),
  revision: Number(row.revision),
  updatedAt: Number(row.updated_at),
});

export class KnexSignalStore implements SignalStore {
  constructor(private readonly db: Knex) {}

  async readSignals(keys: string[]): Promise<Map<string, StoredSignal>> {
    const found = new Map<string, StoredSignal>();
    for (const part of chunks([...new Set(keys)], KEYS_PER_READ)) {
      const rows = await this.db(SIGNALS).whereIn('key_hash', part.map(hashOf));
      for (const row of rows) found.set(row.signal_key, toStored(row));
    }
    return found;
  }

  async writeSignals(writes: SignalWrite[], at: number): Promise<Set<string>> {
    const written = new Set<string>();
    const created = writes.filter(w => w.revision === undefined);
    for (const part of chunks(created, ROWS_PER_INSERT)) {
      // Of two evaluations creating a signal, one inserts; the other is told.
      const rows = await this.db(SIGNALS)
        .insert(
          part.map(w => ({
            key_hash: hashOf(w.key),
            signal_key: w.key,
            kind: w.kind,
            subject_ref: w.subjectRef,
            state: JSON.stringify(w.state),
            revision: 1,
            updated_at: at,
          })),
        )
        .onConflict('key_hash')
        .ignore()
        .returning('signal_key');
      for (const row of rows) written.add(row.signal_key);
    }
    for (const w of writes) {
      if (w.revision === undefined) continue;
      // Compare and set: only if no one wrote it since it was read.
      const updated = await this.db(SIGNALS)
        .where({ key_hash: hashOf(w.key), revision: w.revision })
        .update({
          state: JSON.stringify(w.state),
          revision: w.revision + 1,
          updated_at: at,
        });
      if (updated > 0) written.add(w.key);
    }
    return written;
  }
}
