import {
  DAY_MS,
  ScorecardCompliance,
  ScorecardResultRecord,
  ScorecardResultsQuery,
  ScorecardStaging,
  gradedCompliance,
} from '@dora-metrics/plugin-dora-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ScorecardStore,
  StoredLevelChange,
  StoredResult,
} from '../../database/ScorecardStore';
import { EntityCatalog } from '../EntityCatalog';
import { ExemptionSource, approvedExemptions } from './approvedExemptions';
import { gradeResult } from './gradeResult';
import { CurrentScorecard, ScorecardDefinitions } from './ScorecardDefinitions';
import { lowerRef } from './lowerRef';

/**
 * Reading stored results: the latest (graded again at the instant asked
 * about), an entity's history (as stored), compliance; and pruning them.
 */
export class ScorecardResults {
  constructor(
    private readonly definitions: ScorecardDefinitions,
    private readonly store: ScorecardStore,
    private readonly catalog: EntityCatalog,
    private readonly defaultKinds: string[],
    private readonly exemptions?: ExemptionSource,
  ) {}

  /**
   * The latest result of each scorecard for an entity, or for every entity
   * of a team, with the stages and exemptions as they stand at `now`.
   */
  async latest(
    query: ScorecardResultsQuery,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardResultRecord[]> {
    const entityRefs = await this.entityRefsOf(query, credentials);
    const stored = await this.store.latestResults({
      entityRefs,
      scorecardIds: query.scorecardId ? [query.scorecardId] : undefined,
    });
    return this.regrade(stored, now);
  }

  async history(query: {
    scorecardId: string;
    entityRef: string;
    from: number;
    to: number;
  }): Promise<ScorecardResultRecord[]> {
    await this.definitions.get(query.scorecardId);
    return this.store.history({
      ...query,
      entityRef: lowerRef(query.entityRef),
    });
  }

  /** Every level change stored in `[from, to)`, oldest first (see ScorecardStore.levelChanges). */
  levelChanges(range: {
    from: number;
    to: number;
  }): Promise<StoredLevelChange[]> {
    return this.store.levelChanges(range);
  }

  /**
   * Per active rule, announced rule and level, over the latest graded
   * results of a team or of everyone: exempt entities counted apart.
   */
  async compliance(
    scorecardId: string,
    groupRef: string | undefined,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardCompliance> {
    const current = await this.currentOne(scorecardId);
    const results = await this.latest(
      { groupRef, scorecardId },
      credentials,
      now,
    );
    return gradedCompliance(
      current.scorecard,
      results.map(r => r.result),
      groupRef,
    );
  }

  /**
   * Every scorecard's compliance, as listed, from one read of the latest
   * results: each equal to {@link compliance} for that scorecard.
   */
  async complianceOfAll(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardCompliance[]> {
    const current = await this.definitions.current();
    if (current.length === 0) return [];
    const results = await this.latest({ groupRef }, credentials, now);
    return current.map(({ scorecard }) =>
      gradedCompliance(
        scorecard,
        results.filter(r => r.scorecardId === scorecard.id).map(r => r.result),
        groupRef,
      ),
    );
  }

  /**
   * Grades stored results again at `now`, each with the stages of the
   * version that graded it (the current ones for results stored before
   * versions) and the exemptions approved and not expired at `now`.
   */
  private async regrade(
    stored: StoredResult[],
    now: number,
  ): Promise<ScorecardResultRecord[]> {
    if (stored.length === 0) return [];
    const current = new Map(
      (await this.definitions.current()).map(c => [c.scorecard.id, c]),
    );
    const exemptionsOf = await approvedExemptions(
      this.exemptions,
      stored.map(s => s.record.scorecardId),
    );
    const stagings = new Map<string, Promise<ScorecardStaging | undefined>>();
    const stagingOf = (id: string, version: number | null) => {
      const latest = current.get(id);
      if (version === null || version === latest?.version) {
        return Promise.resolve(latest?.staging);
      }
      const key = `${version}:${id}`;
      if (!stagings.has(key)) {
        stagings.set(key, this.definitions.stagingOf(id, version));
      }
      return stagings.get(key)!;
    };
    const records: ScorecardResultRecord[] = [];
    for (const { record, regrade } of stored) {
      const staging = (await stagingOf(record.scorecardId, record.version)) ?? {
        rules: {},
      };
      const { graded } = gradeResult(record.result, {
        regrade,
        staging,
        exemptions: exemptionsOf.get(record.scorecardId) ?? [],
        entityRef: record.entityRef,
        at: now,
      });
      // Not announced yet (nothing counts, nothing is shown): a draft is nowhere.
      if (graded.rules.length === 0 && graded.announced.length === 0) continue;
      const { problems } = record.result;
      records.push({
        ...record,
        level: graded.level,
        result: { ...graded, ...(problems && { problems }) },
      });
    }
    return records;
  }

  /** One scorecard as it grades now; 404 when there is none, or when a stored one no longer parses. */
  private async currentOne(id: string): Promise<CurrentScorecard> {
    await this.definitions.get(id);
    const found = (await this.definitions.current()).find(
      c => c.scorecard.id === id,
    );
    if (!found) throw new NotFoundError(`Scorecard ${id} no longer parses`);
    return found;
  }

  /** Deletes the results older than `historyDays`; returns how many. */
  async prune(now: number, historyDays: number): Promise<number> {
    return this.store.pruneResults(now - historyDays * DAY_MS);
  }

  private async entityRefsOf(
    query: { entityRef?: string; groupRef?: string },
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    if (query.entityRef && query.groupRef) {
      throw new InputError('Give at most one of entityRef and groupRef');
    }
    if (query.entityRef) {
      const entity = await this.catalog.getEntity(query.entityRef, credentials);
      return [lowerRef(stringifyEntityRef(entity))];
    }
    if (query.groupRef) {
      const team = await this.catalog.teamEntities(
        query.groupRef,
        this.defaultKinds,
        credentials,
      );
      return team.entities.map(e => lowerRef(stringifyEntityRef(e)));
    }
    return undefined;
  }
}
