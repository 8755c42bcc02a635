import { Knex } from 'knex';
import { DigestRunStore } from './DigestRunStore';

const RUNS = 'dora_digest_runs';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

export class KnexDigestRunStore implements DigestRunStore {
  constructor(private readonly db: Knex) {}

  async claim(
    teamRef: string,
    weekStart: number,
    now: number,
  ): Promise<boolean> {
    // One statement: of two concurrent claims, the primary key lets one insert.
    const inserted = await this.db(RUNS)
      .insert({
        team_ref: lower(teamRef),
        week_start: weekStart,
        claimed_at: now,
      })
      .onConflict(['team_ref', 'week_start'])
      .ignore()
      .returning('team_ref');
    return inserted.length > 0;
  }

  async release(teamRef: string, weekStart: number): Promise<void> {
    await this.db(RUNS)
      .where({ team_ref: lower(teamRef), week_start: weekStart })
      .delete();
  }
}
