import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DAY_MS,
  EntityMetrics,
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
  Window,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../../EntityCatalog';
import { GroupLink, GroupTree } from '../../GroupTree';
import { MeasuredEntity, MetricsService } from '../../MetricsService';
import { ExemptionSource, approvedExemptions } from '../approvedExemptions';
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
    const [graded] = await this.gradeEach([input], credentials);
    return graded;
  }

  /**
   * Several scorecards (a draft and its saved version), each at its own
   * instants, from one catalog read and one read of the metrics of all
   * their windows; each answer is what {@link gradeAt} gives for it.
   */
  async gradeEach(
    inputs: WeeklyGradingInput[],
    credentials: BackstageCredentials,
  ): Promise<GradedInstant[][]> {
    const tree = await this.catalog.groupTree(credentials);
    const kinds = [...new Set(inputs.flatMap(i => this.kindsOf(i.scorecard)))];
    const candidates = new Map<string, Promise<Entity[]>>();
    const scopes: ScopedEntity[][] = [];
    for (const input of inputs) {
      const team = input.groupRef ?? '';
      if (!candidates.has(team)) {
        candidates.set(team, this.entitiesOf(kinds, team, credentials));
      }
      scopes.push(this.scopeOf(input, await candidates.get(team)!, tree));
    }
    // Every entity and window once, whichever scorecard needs them.
    const entities = new Map<string, MeasuredEntity>();
    for (const s of scopes.flat()) entities.set(s.measured.key, s.measured);
    const windows = new Map<string, Window>();
    const windowKey = (w: Window) => `${w.from}/${w.to}`;
    for (const { scorecard, instants } of inputs) {
      for (const at of instants) {
        const window = { from: at - scorecard.windowDays * DAY_MS, to: at };
        windows.set(windowKey(window), window);
      }
    }
    const read = await this.windowed(
      [...entities.values()],
      [...windows.values()],
    );
    const bodies = new Map([...windows.keys()].map((key, i) => [key, read[i]]));
    const graded: GradedInstant[][] = [];
    for (const [k, input] of inputs.entries()) {
      const exemptions =
        (await approvedExemptions(this.exemptions, [input.scorecard.id])).get(
          input.scorecard.id,
        ) ?? [];
      graded.push(
        this.grade(input, scopes[k], exemptions, at =>
          bodies.get(
            windowKey({
              from: at - input.scorecard.windowDays * DAY_MS,
              to: at,
            }),
          )!,
        ),
      );
    }
    return graded;
  }

  /**
   * The entities the scorecard grades, sorted by ref: of its kinds (or the
   * default ones), matching its filter, narrowed to a team or to refs.
   */
  async scope(
    input: Pick<WeeklyGradingInput, 'scorecard' | 'groupRef' | 'entityRefs'>,
    credentials: BackstageCredentials,
  ): Promise<ScopedEntity[]> {
    const tree = await this.catalog.groupTree(credentials);
    const entities = await this.entitiesOf(
      this.kindsOf(input.scorecard),
      input.groupRef ?? '',
      credentials,
    );
    return this.scopeOf(input, entities, tree);
  }

  /** Each instant's results, from the metrics of the window ending then. */
  private grade(
    input: WeeklyGradingInput,
    scoped: ScopedEntity[],
    exemptions: Exemption[],
    bodiesAt: (at: number) => Map<string, EntityMetrics>,
  ): GradedInstant[] {
    const { scorecard, staging, instants } = input;
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
    const problems = thresholds.map(t =>
      Object.values(t).flatMap(r => r.problems),
    );
    return instants.map(at => {
      const stages = ruleStagesAt(staging, ruleIds, at);
      const bodies = bodiesAt(at);
      return {
        at,
        results: scoped.map((s, j) => {
          const evaluated = evaluateScorecard({
            scorecard,
            metrics: bodies.get(s.measured.key)!,
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
          return { entityRef: s.entityRef, result, problems: problems[j] };
        }),
      };
    });
  }

  /** The scorecard's kinds (or the default ones), lower-cased. */
  private kindsOf(scorecard: ParsedScorecard): string[] {
    return (scorecard.filter.kinds ?? this.defaultKinds).map(lowerRef);
  }

  /** Every entity of the kinds, or those a team owns (nested groups included). */
  private async entitiesOf(
    kinds: string[],
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    if (!groupRef) return this.catalog.entitiesOfKinds(kinds, credentials);
    return (await this.catalog.teamEntities(groupRef, kinds, credentials))
      .entities;
  }

  private scopeOf(
    input: Pick<WeeklyGradingInput, 'scorecard' | 'entityRefs'>,
    entities: Entity[],
    tree: GroupTree,
  ): ScopedEntity[] {
    const { scorecard } = input;
    const kinds = this.kindsOf(scorecard);
    const wanted = input.entityRefs && new Set(input.entityRefs.map(lowerRef));
    const scoped: ScopedEntity[] = [];
    for (const entity of entities) {
      const entityRef = lowerRef(stringifyEntityRef(entity));
      if (wanted && !wanted.has(entityRef)) continue;
      const ownerChain = tree.ownerChain(entity);
      const matches = matchesFilter(
        { ...scorecard.filter, kinds },
        entity,
        ownerChain.map(link => link.groupRef),
      );
      if (!matches) continue;
      scoped.push({
        entity,
        entityRef,
        ownerChain,
        measured: this.metrics.measured(entity, tree),
      });
    }
    return scoped.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }
}
