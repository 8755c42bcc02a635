import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DAY_MS,
  Exemption,
  GradedScorecardResult,
  ParsedScorecard,
  ScorecardStaging,
  applyExemptions,
  applyStages,
  evaluateScorecard,
  matchesFilter,
  resolveThresholds,
  ruleStagesAt,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../../EntityCatalog';
import { GroupLink } from '../../GroupTree';
import { MeasuredEntity, MetricsService } from '../../MetricsService';
import { lowerRef } from '../lowerRef';
import { WindowedMetrics, windowedMetricsOf } from './windowedMetrics';

/** What {@link WeeklyGrading.gradeAt} grades. */
export interface WeeklyGradingInput {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
  /** Epoch ms, each the end of a window of `scorecard.windowDays` days. */
  instants: number[];
  /** Only the entities this team owns, nested groups included. */
  groupRef?: string;
  /** Only these entities (any spelling of their refs). */
  entityRefs?: string[];
}

/** One entity graded at one instant. */
export interface GradedEntity {
  /** Lower-cased, as results are stored. */
  entityRef: string;
  result: GradedScorecardResult;
  /** Overrides that could not be read, as the evaluator reports them. */
  problems: string[];
}

/** Every graded entity at one instant. */
export interface GradedInstant {
  at: number;
  results: GradedEntity[];
}

/** An entity in a scorecard's scope, with the groups above it. */
export interface ScopedEntity {
  entity: Entity;
  entityRef: string;
  ownerChain: GroupLink[];
  measured: MeasuredEntity;
}

/** The approved exemptions of a scorecard (others never apply). */
export interface ExemptionSource {
  listExemptions(
    scorecardId: string,
    filter: { ruleId?: string },
  ): Promise<Exemption[]>;
}

/**
 * Grades a scorecard as the evaluator would have at past instants: the
 * entities its filter matches (with the evaluator's default kinds), each
 * rule's threshold resolved with overrides, the metrics of the window
 * ending at the instant, then the stages and the approved exemptions in
 * force at that instant. Reads only; stores nothing.
 */
export class WeeklyGrading {
  private readonly windowed: WindowedMetrics;

  constructor(
    private readonly catalog: EntityCatalog,
    private readonly metrics: MetricsService,
    private readonly exemptions: ExemptionSource,
    private readonly defaultKinds: string[],
    windowed?: WindowedMetrics,
  ) {
    this.windowed = windowed ?? windowedMetricsOf(metrics);
  }

  async gradeAt(
    input: WeeklyGradingInput,
    credentials: BackstageCredentials,
  ): Promise<GradedInstant[]> {
    const { scorecard, staging, instants } = input;
    const scoped = await this.scope(input, credentials);
    const exemptions = (
      await this.exemptions.listExemptions(scorecard.id, {})
    ).filter(e => e.status === 'approved');
    const windows = instants.map(at => ({
      from: at - scorecard.windowDays * DAY_MS,
      to: at,
    }));
    const bodies = await this.windowed(
      scoped.map(s => s.measured),
      windows,
    );
    const ruleIds = scorecard.rules.map(r => r.id);
    // Thresholds do not depend on the instant: resolved once per entity.
    const thresholds = scoped.map(s =>
      resolveThresholds({
        scorecard,
        entityRef: s.entityRef,
        entityAnnotations: s.entity.metadata.annotations,
        ownerChain: s.ownerChain,
      }),
    );
    return instants.map((at, i) => {
      const stages = ruleStagesAt(staging, ruleIds, at);
      return {
        at,
        results: scoped.map((s, j) => {
          const evaluated = evaluateScorecard({
            scorecard,
            metrics: bodies[i].get(s.measured.key)!,
            thresholds: thresholds[j],
          });
          const result = applyExemptions(
            applyStages(evaluated, stages),
            exemptions,
            {
              entityRef: s.entityRef,
              groupAncestry: s.ownerChain.map(link => link.groupRef),
            },
            at,
          );
          return {
            entityRef: s.entityRef,
            result,
            problems: Object.values(thresholds[j]).flatMap(t => t.problems),
          };
        }),
      };
    });
  }

  /**
   * The entities the scorecard grades, sorted by ref: of its kinds (or the
   * default ones), matching its filter, narrowed to a team or to refs.
   */
  async scope(
    input: Pick<WeeklyGradingInput, 'scorecard' | 'groupRef' | 'entityRefs'>,
    credentials: BackstageCredentials,
  ): Promise<ScopedEntity[]> {
    const { scorecard } = input;
    const kinds = (scorecard.filter.kinds ?? this.defaultKinds).map(lowerRef);
    const tree = await this.catalog.groupTree(credentials);
    let entities = input.groupRef
      ? (await this.catalog.teamEntities(input.groupRef, kinds, credentials))
          .entities
      : await this.catalog.entitiesOfKinds(kinds, credentials);
    if (input.entityRefs) {
      const wanted = new Set(input.entityRefs.map(lowerRef));
      entities = entities.filter(e =>
        wanted.has(lowerRef(stringifyEntityRef(e))),
      );
    }
    const scoped: ScopedEntity[] = [];
    for (const entity of entities) {
      const ownerChain = tree.ownerChain(entity);
      const matches = matchesFilter(
        { ...scorecard.filter, kinds },
        entity,
        ownerChain.map(link => link.groupRef),
      );
      if (!matches) continue;
      scoped.push({
        entity,
        entityRef: lowerRef(stringifyEntityRef(entity)),
        ownerChain,
        measured: this.metrics.measured(entity),
      });
    }
    return scoped.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
}
