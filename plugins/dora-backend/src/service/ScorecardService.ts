import {
  DAY_MS,
  EntityMetrics,
  MetricsRequest,
  ParsedScorecard,
  Scorecard,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardResult,
  ScorecardResultRecord,
  ScorecardResultsQuery,
  evaluateScorecard,
  matchesFilter,
  parseScorecard,
  resolveThresholds,
} from '@dora-metrics/plugin-dora-common';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScorecardStore } from '../database/ScorecardStore';
import { ScorecardDefinition } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';
import { MetricsService } from './MetricsService';

/** Entities whose metrics are read at once during an evaluation. */
const METRICS_BATCH = 500;
const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A stored evaluation: the result plus overrides that could not be read. */
export type StoredResult = ScorecardResult & { problems: string[] };

function parseOrThrow(raw: unknown): ParsedScorecard {
  const parsed = parseScorecard(raw);
  if (!parsed.ok) {
    throw new InputError(`Invalid scorecard: ${parsed.problems.join('; ')}`);
  }
  return parsed.scorecard;
}

/** Scorecards from config and the API, their evaluation, results and history. */
export class ScorecardService {
  constructor(
    private readonly store: ScorecardStore,
    private readonly catalog: EntityCatalog,
    private readonly metrics: MetricsService,
    private readonly fromConfig: ScorecardDefinition[],
    private readonly defaultKinds: string[],
    private readonly logger: LoggerService,
  ) {}

  async list(): Promise<ScorecardEntry[]> {
    const stored = await this.store.listScorecards();
    return [
      ...this.fromConfig.map(c => ({
        scorecard: c.definition,
        source: 'config' as const,
        readOnly: true,
      })),
      ...stored.map(s => ({
        scorecard: s.definition,
        source: 'api' as const,
        readOnly: false,
      })),
    ];
  }

  async get(id: string): Promise<ScorecardEntry> {
    const entry = (await this.list()).find(e => e.scorecard.id === id);
    if (!entry) throw new NotFoundError(`No scorecard ${id}`);
    return entry;
  }

  async create(raw: unknown, now: number): Promise<ScorecardEntry> {
    const parsed = parseOrThrow(raw);
    const definition = raw as Scorecard;
    if (this.fromConfig.some(c => c.parsed.id === parsed.id)) {
      throw new ConflictError(
        `Scorecard ${parsed.id} is defined in app-config`,
      );
    }
    if (!(await this.store.createScorecard(definition, now))) {
      throw new ConflictError(`Scorecard ${parsed.id} exists already`);
    }
    return { scorecard: definition, source: 'api', readOnly: false };
  }

  async update(id: string, raw: unknown, now: number): Promise<ScorecardEntry> {
    const parsed = parseOrThrow(raw);
    if (parsed.id !== id) {
      throw new InputError(`The body's id ${parsed.id} is not ${id}`);
    }
    this.assertWritable(id);
    const definition = raw as Scorecard;
    if (!(await this.store.updateScorecard(definition, now))) {
      throw new NotFoundError(`No scorecard ${id}`);
    }
    return { scorecard: definition, source: 'api', readOnly: false };
  }

  async delete(id: string): Promise<void> {
    this.assertWritable(id);
    if (!(await this.store.deleteScorecard(id))) {
      throw new NotFoundError(`No scorecard ${id}`);
    }
  }

  /**
   * Evaluates every scorecard (or one) for every entity it grades (or one),
   * stores the results with the time of evaluation and returns them.
   */
  async evaluate(
    options: { scorecardId?: string; entityRef?: string; now: number },
    credentials: BackstageCredentials,
  ): Promise<ScorecardResultRecord[]> {
    const { now } = options;
    let scorecards = await this.parsedScorecards();
    if (options.scorecardId) {
      scorecards = scorecards.filter(s => s.id === options.scorecardId);
      if (scorecards.length === 0) {
        throw new NotFoundError(`No scorecard ${options.scorecardId}`);
      }
    }
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
        .map(g => this.metrics.measured(g.entity));
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
      const entityRef = lower(stringifyEntityRef(entity));
      return of.map((scorecard): ScorecardResultRecord => {
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
        const stored: StoredResult = {
          ...result,
          problems: Object.values(thresholds).flatMap(t => t.problems),
        };
        return {
          scorecardId: scorecard.id,
          entityRef,
          evaluatedAt: now,
          level: result.level,
          result: stored,
        };
      });
    });
    const records = perEntity.flat();
    await this.store.addResults(records);
    this.logger.info(
      `Evaluated ${scorecards.length} scorecard(s) for ${entities.length} entities: ${records.length} results`,
    );
    return records;
  }

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
    await this.get(query.scorecardId);
    return this.store.history({ ...query, entityRef: lower(query.entityRef) });
  }

  /** Per rule the share of graded entities passing it; per level the share reaching it. */
  async compliance(
    scorecardId: string,
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ScorecardCompliance> {
    const scorecard = parseOrThrow((await this.get(scorecardId)).scorecard);
    const results = await this.latest({ groupRef, scorecardId }, credentials);
    const entities = results.length;
    const share = (n: number) => (entities === 0 ? null : n / entities);
    const rules = scorecard.rules.map(rule => {
      const counts = { pass: 0, warn: 0, fail: 0, 'no-data': 0 };
      for (const record of results) {
        const ruleResult = record.result.rules.find(r => r.ruleId === rule.id);
        if (ruleResult) counts[ruleResult.status]++;
      }
      return {
        ruleId: rule.id,
        title: rule.title,
        level: rule.level,
        pass: counts.pass,
        warn: counts.warn,
        fail: counts.fail,
        noData: counts['no-data'],
        passRate: share(counts.pass + counts.warn),
      };
    });
    const levels = scorecard.levels.map((level, index) => {
      const reached = results.filter(
        r => r.level !== null && scorecard.levels.indexOf(r.level) >= index,
      ).length;
      return { level, reached, share: share(reached) };
    });
    return { scorecardId, groupRef: groupRef ?? null, entities, rules, levels };
  }

  async prune(now: number, historyDays: number): Promise<number> {
    return this.store.pruneResults(now - historyDays * DAY_MS);
  }

  private async parsedScorecards(): Promise<ParsedScorecard[]> {
    const stored = await this.store.listScorecards();
    const parsed: ParsedScorecard[] = this.fromConfig.map(c => c.parsed);
    for (const { definition } of stored) {
      const result = parseScorecard(definition);
      if (result.ok) parsed.push(result.scorecard);
      else
        this.logger.warn(`Skipping invalid stored scorecard ${definition.id}`);
    }
    return parsed;
  }

  private kindsOf(scorecards: ParsedScorecard[]): string[] {
    const kinds = new Set<string>();
    for (const scorecard of scorecards) {
      for (const kind of scorecard.filter.kinds ?? this.defaultKinds) {
        kinds.add(lower(kind));
      }
    }
    return [...kinds];
  }

  private assertWritable(id: string) {
    if (this.fromConfig.some(c => c.parsed.id === id)) {
      throw new ConflictError(
        `Scorecard ${id} is defined in app-config and is read-only through the API`,
      );
    }
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
      return [lower(stringifyEntityRef(entity))];
    }
    if (query.groupRef) {
      const team = await this.catalog.teamEntities(
        query.groupRef,
        this.defaultKinds,
        credentials,
      );
      return team.entities.map(e => lower(stringifyEntityRef(e)));
    }
    return undefined;
  }
}
