import { Initiative } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { InitiativeStore, StoredInitiative } from './InitiativeStore';

const INITIATIVES = 'dora_initiatives';

type Row = Record<string, any>;

const toStored = (row: Row): StoredInitiative => ({
  initiative: JSON.parse(row.definition),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  updatedBy: row.updated_by,
});

export class KnexInitiativeStore implements InitiativeStore {
  constructor(private readonly db: Knex) {}

  async listInitiatives(): Promise<StoredInitiative[]> {
    const rows = await this.db(INITIATIVES).orderBy('id');
    return rows.map(toStored);
  }

  async getInitiative(id: string): Promise<StoredInitiative | undefined> {
    const row = await this.db(INITIATIVES).where({ id }).first();
    return row ? toStored(row) : undefined;
  }

  async createInitiative(
    initiative: Initiative,
    at: number,
    by: string,
  ): Promise<boolean> {
    // One statement: of two concurrent creations of an id, one inserts.
    const inserted = await this.db(INITIATIVES)
      .insert({
        id: initiative.id,
        definition: JSON.stringify(initiative),
        created_at: at,
        updated_at: at,
        updated_by: by,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async updateInitiative(
    initiative: Initiative,
    at: number,
    by: string,
  ): Promise<boolean> {
    const updated = await this.db(INITIATIVES)
      .where({ id: initiative.id })
      .update({
        definition: JSON.stringify(initiative),
        updated_at: at,
        updated_by: by,
      });
    return updated > 0;
  }

  async deleteInitiative(id: string): Promise<boolean> {
    return (await this.db(INITIATIVES).where({ id }).delete()) > 0;
  }
}
