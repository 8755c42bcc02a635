import {
  DAY_MS,
  ScorecardCompliance,
  ScorecardResultRecord,
  ScorecardResultsQuery,
} from '@dora-metrics/plugin-dora-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScorecardStore } from '../../database/ScorecardStore';
import { EntityCatalog } from '../EntityCatalog';
import { complianceOf } from './complianceOf';
import { ScorecardDefinitions, parseOrThrow } from './ScorecardDefinitions';
import { lowerRef } from './lowerRef';

/** Reading stored results: the latest, an entity's history, compliance; and pruning them. */
export class ScorecardResults {
  constructor(
    private readonly definitions: ScorecardDefinitions,
    private readonly store: ScorecardStore,
    private readonly catalog: EntityCatalog,
    private readonly defaultKinds: string[],
  ) {}

  /** The latest result of each scorecard for an entity, or for every entity of a team. */
  async latest(
    query: ScorecardResultsQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultRecord[]> {
    const entityRefs = await this.entityRefsOf(query, credentials);
    return this.store.latestResults({
      entityRefs,
      scorecardIds: query.scorecardId ? [query.scorecardId] : undefined,
    });
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

  /** Per rule and level, over the latest results of a team or of everyone. */
  async compliance(
    scorecardId: string,
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ScorecardCompliance> {
    const scorecard = parseOrThrow(
      (await this.definitions.get(scorecardId)).scorecard,
    );
    const results = await this.latest({ groupRef, scorecardId }, credentials);
    return complianceOf(scorecardId, scorecard, results, groupRef);
  }

  /**
   * Every scorecard's compliance, as listed, from one read of the latest
   * results: each equal to {@link compliance} for that scorecard.
   */
  async complianceOfAll(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ScorecardCompliance[]> {
    const entries = await this.definitions.list();
    if (entries.length === 0) return [];
    const results = await this.latest({ groupRef }, credentials);
    return entries.map(entry =>
      complianceOf(
        entry.scorecard.id,
        parseOrThrow(entry.scorecard),
        results.filter(r => r.scorecardId === entry.scorecard.id),
        groupRef,
      ),
    );
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
