import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardResultRecord,
  ScorecardResultsQuery,
  ScorecardVersion,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardStore, StoredLevelChange } from '../database/ScorecardStore';
import { ScorecardDefinition } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';
import { MetricsService } from './MetricsService';
import { ScorecardDefinitions } from './scorecards/ScorecardDefinitions';
import { ScorecardEvaluator } from './scorecards/ScorecardEvaluator';
import { ScorecardResults } from './scorecards/ScorecardResults';
import { ExemptionSource } from './scorecards/approvedExemptions';
import { ScorecardChangeBy } from './scorecards/scorecardAudit';

/**
 * One facade over the scorecard parts (definitions, evaluation, results) so
 * the routes and the scheduled tasks take a single service.
 */
export class ScorecardService {
  private readonly definitions: ScorecardDefinitions;
  private readonly evaluator: ScorecardEvaluator;
  private readonly results: ScorecardResults;

  constructor(
    store: ScorecardStore,
    catalog: EntityCatalog,
    metrics: MetricsService,
    fromConfig: ScorecardDefinition[],
    defaultKinds: string[],
    logger: LoggerService,
    /** Where the approved exemptions are read from when grading. */
    exemptions?: ExemptionSource,
  ) {
    this.definitions = new ScorecardDefinitions(store, fromConfig, logger);
    this.evaluator = new ScorecardEvaluator(
      this.definitions,
      store,
      catalog,
      metrics,
      defaultKinds,
      logger,
      exemptions,
    );
    this.results = new ScorecardResults(
      this.definitions,
      store,
      catalog,
      defaultKinds,
      exemptions,
    );
  }

  list(): Promise<ScorecardEntry[]> {
    return this.definitions.list();
  }

  get(id: string): Promise<ScorecardEntry> {
    return this.definitions.get(id);
  }

  create(raw: unknown, by: ScorecardChangeBy): Promise<ScorecardEntry> {
    return this.definitions.create(raw, by);
  }

  update(
    id: string,
    raw: unknown,
    by: ScorecardChangeBy,
  ): Promise<ScorecardEntry> {
    return this.definitions.update(id, raw, by);
  }

  delete(id: string, by: ScorecardChangeBy): Promise<void> {
    return this.definitions.delete(id, by);
  }

  /** A scorecard's versions, newest first. */
  versions(id: string): Promise<ScorecardVersion[]> {
    return this.definitions.versions(id);
  }

  /** See {@link ScorecardEvaluator.evaluate}. */
  evaluate(
    options: { scorecardId?: string; entityRef?: string; now: number },
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultRecord[]> {
    return this.evaluator.evaluate(options, credentials);
  }

  /** The latest results, graded at `now` (stages and exemptions as they stand then). */
  latest(
    query: ScorecardResultsQuery,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardResultRecord[]> {
    return this.results.latest(query, credentials, now);
  }

  history(query: {
    scorecardId: string;
    entityRef: string;
    from: number;
    to: number;
  }): Promise<ScorecardResultRecord[]> {
    return this.results.history(query);
  }

  /** Every level change stored in `[from, to)`, oldest first, from one read. */
  levelChanges(range: {
    from: number;
    to: number;
  }): Promise<StoredLevelChange[]> {
    return this.results.levelChanges(range);
  }

  compliance(
    scorecardId: string,
    groupRef: string | undefined,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardCompliance> {
    return this.results.compliance(scorecardId, groupRef, credentials, now);
  }

  /** Every scorecard's compliance at once. */
  complianceOfAll(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardCompliance[]> {
    return this.results.complianceOfAll(groupRef, credentials, now);
  }

  prune(now: number, historyDays: number): Promise<number> {
    return this.results.prune(now, historyDays);
  }
}
