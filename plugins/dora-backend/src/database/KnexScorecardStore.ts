import {
  ScorecardAuditEntry,
  ScorecardResultRecord,
  ScorecardVersion,
  StagedScorecard,
  chunks,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { AUDIT_TABLE, auditRow } from './auditRow';
import { RetryOptions, retryTransaction } from './retry';
import {
  RegradeInputs,
  ScorecardStore,
  ScorecardWrite,
  StoredLevelChange,
  StoredResult,
  StoredScorecard,
} from './ScorecardStore';

const SCORECARDS = 'dora_scorecards';
const VERSIONS = 'dora_scorecard_versions';
const RESULTS = 'dora_scorecard_results';
// 6 columns per row: far below SQLite's limit of bound values per statement.
const ROWS_PER_INSERT = 1000;
const REFS_PER_QUERY = 500;

type Row = Record<string, any>;

const toScorecard = (row: Row): StoredScorecard => ({
  definition: JSON.parse(row.definition),
  version: Number(row.version),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  updatedBy: row.updated_by ?? null,
});

const toVersion = (row: Row): ScorecardVersion => ({
  scorecardId: row.scorecard_id,
  version: Number(row.version),
  scorecard: JSON.parse(row.definition),
  changedBy: row.changed_by,
  changedAt: new Date(Number(row.changed_at)).toISOString(),
});

/*
 * The result column holds the record's result and, under `regrade`, what
 * regrading needs; reads split them so the API never shows the latter.
 * Results stored before regrading existed have neither drafts nor groups.
 */
const toRecord = (row: Row): ScorecardResultRecord => toStored(row).record;

function toStored(row: Row): StoredResult {
  const { regrade, ...result } = JSON.parse(row.result);
  return {
    record: {
      scorecardId: row.scorecard_id,
      entityRef: row.entity_ref,
      evaluatedAt: Number(row.evaluated_at),
      level: row.level ?? null,
      result,
      version:
        row.version === null || row.version === undefined
          ? null
          : Number(row.version),
    },
    regrade: {
      drafts: (regrade as RegradeInputs | undefined)?.drafts ?? [],
      groupAncestry:
        (regrade as RegradeInputs | undefined)?.groupAncestry ?? [],
    },
  };
}

const resultRow = ({ record, regrade }: StoredResult): Row => ({
  scorecard_id: record.scorecardId,
  entity_ref: record.entityRef,
  evaluated_at: record.evaluatedAt,
  level: record.level,
  result: JSON.stringify({ ...record.result, regrade }),
  version: record.version,
});

export class KnexScorecardStore implements ScorecardStore {
  constructor(
    private readonly db: Knex,
    private readonly retry: RetryOptions = {},
  ) {}

  async listScorecards(): Promise<StoredScorecard[]> {
    const rows = await this.db(SCORECARDS).orderBy('id');
    return rows.map(toScorecard);
  }

  async getScorecard(id: string): Promise<StoredScorecard | undefined> {
    const row = await this.db(SCORECARDS).where({ id }).first();
    return row ? toScorecard(row) : undefined;
  }

  async createScorecard(
    definition: StagedScorecard,
    write: ScorecardWrite,
  ): Promise<StoredScorecard | undefined> {
    return this.inTransaction(async tx => {
      // Versions outlive a deleted scorecard: a new one of the same id
      // continues their numbering, so a version names one definition.
      const [{ highest }] = await tx(VERSIONS)
        .where({ scorecard_id: definition.id })
        .max({ highest: 'version' });
      const version = Number(highest ?? 0) + 1;
      const inserted = await tx(SCORECARDS)
        .insert({
          id: definition.id,
          definition: JSON.stringify(definition),
          version,
          created_at: write.now,
          updated_at: write.now,
          updated_by: write.actor,
        })
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length === 0) return undefined;
      await this.addVersion(tx, definition, version, write);
      return {
        definition,
        version,
        createdAt: write.now,
        updatedAt: write.now,
        updatedBy: write.actor,
      };
    });
  }

  async updateScorecard(
    definition: StagedScorecard,
    write: ScorecardWrite,
  ): Promise<StoredScorecard | undefined> {
    return this.inTransaction(async tx => {
      // `version + 1` in the UPDATE itself: of two concurrent updates the
      // second waits for the first's row lock (PostgreSQL) or its turn
      // (SQLite), then adds 1 to what the first wrote.
      const updated = await tx(SCORECARDS)
        .where({ id: definition.id })
        .update({
          definition: JSON.stringify(definition),
          version: tx.raw('?? + 1', ['version']),
          updated_at: write.now,
          updated_by: write.actor,
        });
      if (updated === 0) return undefined;
      const row = await tx(SCORECARDS).where({ id: definition.id }).first();
      const stored = toScorecard(row);
      await this.addVersion(tx, definition, stored.version, write);
      return stored;
    });
  }

  async deleteScorecard(
    id: string,
    audit: ScorecardAuditEntry,
  ): Promise<boolean> {
    return this.inTransaction(async tx => {
      await tx(RESULTS).where({ scorecard_id: id }).delete();
      if ((await tx(SCORECARDS).where({ id }).delete()) === 0) return false;
      await tx(AUDIT_TABLE).insert(auditRow(audit));
      return true;
    });
  }

  async listVersions(id: string): Promise<ScorecardVersion[]> {
    const rows = await this.db(VERSIONS)
      .where({ scorecard_id: id })
      .orderBy('version', 'desc');
    return rows.map(toVersion);
  }

  async getVersion(
    id: string,
    version: number,
  ): Promise<ScorecardVersion | undefined> {
    const row = await this.db(VERSIONS)
      .where({ scorecard_id: id, version })
      .first();
    return row ? toVersion(row) : undefined;
  }

  async addResults(results: StoredResult[]): Promise<void> {
    const rows = results.map(resultRow);
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
  }): Promise<StoredResult[]> {
    const refGroups = filter.entityRefs
      ? chunks(filter.entityRefs, REFS_PER_QUERY)
      : [undefined];
    const results: StoredResult[] = [];
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
      results.push(...rows.map(toStored));
    }
    return results;
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

  async levelChanges(range: {
    from: number;
    to: number;
  }): Promise<StoredLevelChange[]> {
    // Each result next to the one before it (window functions: SQLite 3.25+
    // and PostgreSQL alike); only the results of the range that differ.
    const previous = (column: string, as: string) =>
      this.db.raw('lag(??) over (partition by ??, ?? order by ??) as ??', [
        column,
        'scorecard_id',
        'entity_ref',
        'evaluated_at',
        as,
      ]);
    const ordered = this.db(RESULTS)
      .select(
        'scorecard_id',
        'entity_ref',
        'evaluated_at',
        'level',
        previous('level', 'previous_level'),
        previous('evaluated_at', 'previous_at'),
      )
      .where('evaluated_at', '<', range.to)
      .as('o');
    const rows = await this.db
      .from(ordered)
      .where('evaluated_at', '>=', range.from)
      .whereNotNull('previous_at')
      // Null-safe "differs": one side null and not the other, or both set and unequal.
      .where(q =>
        q
          .whereRaw('?? <> ??', ['level', 'previous_level'])
          .orWhereRaw('(?? is null) <> (?? is null)', [
            'level',
            'previous_level',
          ]),
      )
      .orderBy([
        { column: 'evaluated_at' },
        { column: 'scorecard_id' },
        { column: 'entity_ref' },
      ]);
    return rows.map(row => ({
      scorecardId: row.scorecard_id,
      entityRef: row.entity_ref,
      evaluatedAt: Number(row.evaluated_at),
      from: row.previous_level ?? null,
      to: row.level ?? null,
    }));
  }

  /** The version row and the audit entry of a write, in its transaction. */
  private async addVersion(
    tx: Knex.Transaction,
    definition: StagedScorecard,
    version: number,
    write: ScorecardWrite,
  ) {
    await tx(VERSIONS).insert({
      scorecard_id: definition.id,
      version,
      definition: JSON.stringify(definition),
      changed_by: write.actor,
      changed_at: write.now,
    });
    await tx(AUDIT_TABLE).insert(auditRow(write.audit(version)));
  }

  /** A write transaction, run again when PostgreSQL aborted it for a deadlock or serialization conflict. */
  private inTransaction<T>(work: (tx: Knex.Transaction) => Promise<T>) {
    return retryTransaction(() => this.db.transaction(work), this.retry);
  }
}
