import {
  Scorecard,
  ScorecardResultRecord,
  chunks,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { ScorecardStore, StoredScorecard } from './ScorecardStore';

const RESULTS = 'dora_scorecard_results';
// 5 columns per row: far below SQLite's limit of bound values per statement.
const ROWS_PER_INSERT = 1000;
const REFS_PER_QUERY = 500;

type Row = Record<string, any>;

const toScorecard = (row: Row): StoredScorecard => ({
  definition: JSON.parse(row.definition),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const toRecord = (row: Row): ScorecardResultRecord => ({
  scorecardId: row.scorecard_id,
  entityRef: row.entity_ref,
  evaluatedAt: Number(row.evaluated_at),
  level: row.level ?? null,
  result: JSON.parse(row.result),
});

export class KnexScorecardStore implements ScorecardStore {
  constructor(private readonly db: Knex) {}

  async listScorecards(): Promise<StoredScorecard[]> {
    const rows = await this.db('dora_scorecards').orderBy('id');
    return rows.map(toScorecard);
  }

  async getScorecard(id: string): Promise<StoredScorecard | undefined> {
    const row = await this.db('dora_scorecards').where({ id }).first();
    return row ? toScorecard(row) : undefined;
  }

  async createScorecard(definition: Scorecard, now: number): Promise<boolean> {
    const inserted = await this.db('dora_scorecards')
      .insert({
        id: definition.id,
        definition: JSON.stringify(definition),
        created_at: now,
        updated_at: now,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async updateScorecard(definition: Scorecard, now: number): Promise<boolean> {
    const updated = await this.db('dora_scorecards')
      .where({ id: definition.id })
      .update({ definition: JSON.stringify(definition), updated_at: now });
    return updated > 0;
  }

  async deleteScorecard(id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      await tx(RESULTS).where({ scorecard_id: id }).delete();
      return (await tx('dora_scorecards').where({ id }).delete()) > 0;
    });
  }

  async addResults(records: ScorecardResultRecord[]): Promise<void> {
    const rows = records.map(r => ({
      scorecard_id: r.scorecardId,
      entity_ref: r.entityRef,
      evaluated_at: r.evaluatedAt,
      level: r.level,
      result: JSON.stringify(r.result),
    }));
    await this.db.transaction(async tx => {
      for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
        await tx(RESULTS)
          .insert(chunk)
          .onConflict(['scorecard_id', 'entity_ref', 'evaluated_at'])
          .merge();
      }
    });
  }

  async latestResults(filter: {
    scorecardIds?: string[];
    entityRefs?: string[];
  }): Promise<ScorecardResultRecord[]> {
    const refGroups = filter.entityRefs
      ? chunks(filter.entityRefs, REFS_PER_QUERY)
      : [undefined];
    const records: ScorecardResultRecord[] = [];
    for (const refs of refGroups) {
      const latest = this.db(RESULTS)
        .select('scorecard_id', 'entity_ref')
        .max({ latest: 'evaluated_at' })
        .modify(q => {
          if (filter.scorecardIds)
            q.whereIn('scorecard_id', filter.scorecardIds);
          if (refs) q.whereIn('entity_ref', refs);
        })
        .groupBy('scorecard_id', 'entity_ref')
        .as('l');
      const rows = await this.db(`${RESULTS} as r`)
        .join(latest, join =>
          join
            .on('r.scorecard_id', '=', 'l.scorecard_id')
            .andOn('r.entity_ref', '=', 'l.entity_ref')
            .andOn('r.evaluated_at', '=', 'l.latest'),
        )
        .select('r.*')
        .orderBy([{ column: 'r.scorecard_id' }, { column: 'r.entity_ref' }]);
      records.push(...rows.map(toRecord));
    }
    return records;
  }

  async history(query: {
    scorecardId: string;
    entityRef: string;
    from: number;
    to: number;
  }): Promise<ScorecardResultRecord[]> {
    const rows = await this.db(RESULTS)
      .where({ scorecard_id: query.scorecardId, entity_ref: query.entityRef })
      .where('evaluated_at', '>=', query.from)
      .where('evaluated_at', '<', query.to)
      .orderBy('evaluated_at');
    return rows.map(toRecord);
  }

  async pruneResults(before: number): Promise<number> {
    return this.db(RESULTS).where('evaluated_at', '<', before).delete();
  }
}
