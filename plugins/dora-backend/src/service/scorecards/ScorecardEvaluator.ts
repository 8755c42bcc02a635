import {
  DAY_MS,
  EntityMetrics,
  MetricsRequest,
  ParsedScorecard,
  ScorecardResultRecord,
  evaluateScorecard,
  matchesFilter,
  resolveThresholds,
} from '@dora-metrics/plugin-dora-common';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ScorecardStore, StoredResult } from '../../database/ScorecardStore';
import { EntityCatalog } from '../EntityCatalog';
import { MetricsService } from '../MetricsService';
import { ExemptionSource, approvedExemptions } from './approvedExemptions';
import { gradeResult } from './gradeResult';
import { ScorecardDefinitions } from './ScorecardDefinitions';
import { lowerRef } from './lowerRef';

/** Entities whose metrics are read at once during an evaluation. */
const METRICS_BATCH = 500;

/**
 * Grades entities against scorecards and stores the graded results: the
 * stages and the approved exemptions at the evaluation instant applied, with
 * the version that graded them.
 */
export class ScorecardEvaluator {
  constructor(
    private readonly definitions: ScorecardDefinitions,
    private readonly store: ScorecardStore,
    private readonly catalog: EntityCatalog,
    private readonly metrics: MetricsService,
    private readonly defaultKinds: string[],
    private readonly logger: LoggerService,
    private readonly exemptions?: ExemptionSource,
  ) {}

  /**
   * Evaluates every scorecard (or one) for every entity it grades (or one),
   * stores the results with the time of evaluation and returns them.
   */
  async evaluate(
    options: { scorecardId?: string; entityRef?: string; now: number },
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultRecord[]> {
    const { now } = options;
    let current = await this.definitions.current();
    if (options.scorecardId) {
      current = current.filter(c => c.scorecard.id === options.scorecardId);
      if (current.length === 0) {
        throw new NotFoundError(`No scorecard ${options.scorecardId}`);
      }
    }
    const scorecards = current.map(c => c.scorecard);
    const currentOf = new Map(current.map(c => [c.scorecard.id, c]));
    const exemptionsOf = await approvedExemptions(
      this.exemptions,
      currentOf.keys(),
    );
    const tree = await this.catalog.groupTree(credentials);
    const entities = options.entityRef
      ? [await this.catalog.getEntity(options.entityRef, credentials)]
      : await this.catalog.entitiesOfKinds(
          this.kindsOf(scorecards),
          credentials,
        );

    // Which entities each scorecard grades, then their metrics in bulk per
    // window length (a constant number of queries per batch of entities).
    const graded = entities.map(entity => {
      const ownerChain = tree.ownerChain(entity);
      const scorecardsOf = scorecards.filter(scorecard =>
        matchesFilter(
          {
            ...scorecard.filter,
            kinds: scorecard.filter.kinds ?? this.defaultKinds,
          },
          entity,
          ownerChain.map(link => link.groupRef),
        ),
      );
      return { entity, ownerChain, scorecards: scorecardsOf };
    });
    const metricsByWindow = new Map<number, Map<string, EntityMetrics>>();
    for (const windowDays of new Set(scorecards.map(s => s.windowDays))) {
      const request: MetricsRequest = {
        window: { from: now - windowDays * DAY_MS, to: now },
        timezone: 'UTC',
        bucket: 'week',
      };
      const measured = graded
        .filter(g => g.scorecards.some(s => s.windowDays === windowDays))
        .map(g => this.metrics.measured(g.entity, tree));
      const bodies = new Map<string, EntityMetrics>();
      for (let i = 0; i < measured.length; i += METRICS_BATCH) {
        const batch = measured.slice(i, i + METRICS_BATCH);
        for (const [key, body] of await this.metrics.metricsOf(
          batch,
          request,
        )) {
          bodies.set(key, body);
        }
      }
      metricsByWindow.set(windowDays, bodies);
    }

    const perEntity = graded.map(({ entity, ownerChain, scorecards: of }) => {
      const entityRef = lowerRef(stringifyEntityRef(entity));
      const groupAncestry = ownerChain.map(link => link.groupRef);
      return of.map((scorecard): StoredResult => {
        const thresholds = resolveThresholds({
          scorecard,
          entityRef,
          entityAnnotations: entity.metadata.annotations,
          ownerChain,
        });
        const result = evaluateScorecard({
          scorecard,
          metrics: metricsByWindow.get(scorecard.windowDays)!.get(entityRef)!,
          thresholds,
        });
        const { staging, version } = currentOf.get(scorecard.id)!;
        const { graded: outcome, regrade } = gradeResult(result, {
          regrade: { drafts: [], groupAncestry },
          staging,
          exemptions: exemptionsOf.get(scorecard.id)!,
          entityRef,
          at: now,
        });
        return {
          record: {
            scorecardId: scorecard.id,
            entityRef,
            evaluatedAt: now,
            level: outcome.level,
            result: {
              ...outcome,
              problems: Object.values(thresholds).flatMap(t => t.problems),
            },
            version,
          },
          regrade,
        };
      });
    });
    const stored = perEntity.flat();
    await this.store.addResults(stored);
    const records = stored.map(s => s.record);
    this.logger.info(
      `Evaluated ${scorecards.length} scorecard(s) for ${entities.length} entities: ${records.length} results`,
    );
    return records;
  }

  /** The kinds of entity any of the scorecards grades, lower-cased. */
  private kindsOf(scorecards: ParsedScorecard[]): string[] {
    const kinds = new Set<string>();
    for (const scorecard of scorecards) {
      for (const kind of scorecard.filter.kinds ?? this.defaultKinds) {
        kinds.add(lowerRef(kind));
      }
    }
    return [...kinds];
  }
}
