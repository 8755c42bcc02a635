import { Knex } from 'knex';
import { normalizeRepository } from '../mapping/ids';

const TABLE = 'dora_github_cursors';

/**
 * Incremental collection state: per repository and stream, the instant from
 * which the next collection reads. Written only after that stream's events
 * were stored, so a failed or interrupted run is simply repeated.
 */
export class CursorStore {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  async get(repository: string, stream: string): Promise<string | undefined> {
    const row = await this.knex(TABLE)
      .where({ repository: normalizeRepository(repository), stream })
      .first('cursor');
    return row?.cursor ?? undefined;
  }

  async set(repository: string, stream: string, cursor: string): Promise<void> {
    await this.knex(TABLE)
      .insert({
        repository: normalizeRepository(repository),
        stream,
        cursor,
        updated_at: this.now(),
      })
      .onConflict(['repository', 'stream'])
      .merge(['cursor', 'updated_at']);
  }
}
