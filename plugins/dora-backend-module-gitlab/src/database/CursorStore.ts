import { Knex } from 'knex';

const TABLE = 'dora_gitlab_cursors';

/**
 * Incremental collection state: per project and stream, the instant from
 * which the next collection reads. Written only after that stream's events
 * were stored, so a failed or interrupted run is simply repeated.
 */
export class CursorStore {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  async get(project: string, stream: string): Promise<string | undefined> {
    const row = await this.knex(TABLE)
      .where({ project: project.toLocaleLowerCase('en-US'), stream })
      .first('cursor');
    return row?.cursor ?? undefined;
  }

  async set(project: string, stream: string, cursor: string): Promise<void> {
    await this.knex(TABLE)
      .insert({
        project: project.toLocaleLowerCase('en-US'),
        stream,
        cursor,
        updated_at: this.now(),
      })
      .onConflict(['project', 'stream'])
      .merge(['cursor', 'updated_at']);
  }
}
