import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DoraSettings,
  DoraWarning,
  EntityFacts,
  EntityMetrics,
  GroupMetrics,
  MetricsRequest,
  Window,
  BodyParts,
  EntityTraits,
  MetricsBody,
  RequestCalendar,
  WindowStats,
  analyzeFacts,
  metricsBody,
  requestCalendar,
  rollup,
  rollupRow,
  summarize,
  traitsOf as traitsOfAnalysis,
  windowStats,
  GroupMetricsInclude,
  GroupMetricsResponse,
  GroupsMetricsResponse,
  MAX_GROUPS_PER_REQUEST,
  PooledGroupRow,
  SeriesPoint,
} from '@dora-metrics/plugin-dora-common';
import { InputError } from '@backstage/errors';
import { FactStore } from '../database/FactStore';
import { DoraConfig } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';
import { EntitySettings } from './EntitySettings';
import { FactsService, isCurrent, settingsKey } from './FactsService';
import { GroupInfo, GroupTree } from './GroupTree';
import { mapConcurrent } from './mapConcurrent';
import { previousMetricsRequest } from './metricsQuery';
import { subtreeMovers } from './movers/moversOf';

/** The statistics of a window with nothing in it. */
const EMPTY_STATS: WindowStats = windowStats([], []);

/** Stale entities computed from their events at once, in one read. */
const FROM_EVENTS_CONCURRENCY = 4;

/**
 * Windows of one request aggregated one after the other: an aggregation
 * holds a connection while its queries take more (see
 * KnexFactStore.aggregateWindow), so several at once could drain the pool.
 */
const AGGREGATIONS_AT_ONCE = 1;

/** An entity with its settings (annotations over config) and their problems. */
export interface MeasuredEntity {
  /** As the catalog spells it (responses show it). */
  entityRef: string;
  /** Lower-cased: how events and facts are stored. */
  key: string;
  /** The catalog's title, where it has one. */
  title?: string;
  settings: DoraSettings;
  warnings: DoraWarning[];
}

/** When and from what the numbers of a response were computed. */
export interface Computed {
  /** The oldest stored facts used; now when computed from events. */
  computedAt: string;
  /** `events` while some entity's facts are not built yet. */
  computedFrom: 'facts' | 'events';
}

/** Facts of the entities asked for, for one window. */
export interface WindowFacts {
  facts: EntityFacts[];
  computedAt: number;
  computedFrom: Computed['computedFrom'];
}

/** Metrics from the facts the backend keeps (from events while those are out of date). */
export class MetricsService {
  /** Where every entity's settings are resolved (groups included). */
  private readonly settings: EntitySettings;

  constructor(
    private readonly facts: FactStore,
    private readonly maintenance: FactsService,
    private readonly catalog: EntityCatalog,
    private readonly config: DoraConfig,
    private readonly logger?: LoggerService,
  ) {
    this.settings = new EntitySettings(catalog, config.defaults);
  }

  /** The entity with its settings; the tree gives the groups it inherits from. */
  measured(entity: Entity, tree: GroupTree): MeasuredEntity {
    const entityRef = stringifyEntityRef(entity);
    const { settings, problems } = this.settings.resolve(entity, tree);
    return {
      entityRef,
      key: entityRef.toLocaleLowerCase('en-US'),
      ...(entity.metadata.title !== undefined && {
        title: entity.metadata.title,
      }),
      settings,
      warnings: problems.map(message => ({
        code: 'INVALID_ANNOTATION',
        message,
      })),
    };
  }

  /**
   * Each entity's facts for the window: the stored ones where they are
   * current; computed from the entity's events where a write or a settings
   * change has not been built yet (and the rebuild is asked for).
   */
  async windowFacts(
    entities: MeasuredEntity[],
    window: Window,
  ): Promise<WindowFacts> {
    const now = Date.now();
    const read = await this.facts.readWindowFacts(
      entities.map(e => e.key),
      window,
    );
    let computedAt = now;
    const outdated: MeasuredEntity[] = [];
    const settingsChanged: string[] = [];
    const byKey = new Map<string, EntityFacts>();
    for (const entity of entities) {
      const stored = read.get(entity.key);
      if (!stored) {
        byKey.set(entity.key, noEvents(entity));
      } else if (isCurrent(stored.state, entity.settings)) {
        byKey.set(entity.key, { ...stored.facts, entityRef: entity.entityRef });
        computedAt = Math.min(computedAt, stored.state.computedAt ?? now);
      } else {
        outdated.push(entity);
        if (stored.state.builtGeneration === stored.state.generation) {
          settingsChanged.push(entity.key);
        }
      }
    }
    if (settingsChanged.length > 0) {
      await this.facts.invalidate(settingsChanged);
    }
    if (outdated.length > 0) {
      const computed = await this.factsFromEvents(outdated);
      outdated.forEach((entity, i) => byKey.set(entity.key, computed[i]));
      this.logger?.debug(
        `DORA metrics of ${outdated.length} entities computed from events (facts not current yet)`,
      );
    }
    return {
      facts: entities.map(e => byKey.get(e.key)!),
      computedAt: outdated.length > 0 ? now : computedAt,
      computedFrom: outdated.length > 0 ? 'events' : 'facts',
    };
  }

  /**
   * Facts computed now from the entities' events, for entities whose stored
   * facts are out of date (their rebuild is asked for).
   */
  async factsFromEvents(entities: MeasuredEntity[]): Promise<EntityFacts[]> {
    this.maintenance.notify();
    return mapConcurrent(entities, FROM_EVENTS_CONCURRENCY, async entity => ({
      ...(await this.maintenance.fromEvents(entity.key, entity.settings)),
      entityRef: entity.entityRef,
    }));
  }

  async entityMetrics(
    ref: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<EntityMetrics & Computed> {
    const [found, tree] = await Promise.all([
      this.catalog.getEntity(ref, credentials),
      this.catalog.groupTree(credentials),
    ]);
    const entity = this.measured(found, tree);
    return (await this.metricsOf([entity], request)).get(entity.key)!;
  }

  /** One body per entity, from a constant number of queries. */
  async metricsOf(
    entities: MeasuredEntity[],
    request: MetricsRequest,
  ): Promise<Map<string, EntityMetrics & Computed>> {
    const calendar = requestCalendar(request);
    const bodies = new Map<string, EntityMetrics & Computed>();
    const add = (
      entity: MeasuredEntity,
      body: MetricsBody,
      computed: Computed,
    ) =>
      bodies.set(entity.key, {
        entityRef: entity.entityRef,
        ...body,
        warnings: [...entity.warnings, ...body.warnings],
        ...computed,
      });

    const aggregated = await this.aggregated(entities, request, calendar, true);
    if (aggregated) {
      for (const entity of entities) {
        add(
          entity,
          metricsBody(aggregated.partsOf(entity), request, false, calendar),
          aggregated.computed,
        );
      }
      return bodies;
    }
    const { facts, computedAt, computedFrom } = await this.windowFacts(
      entities,
      request.window,
    );
    entities.forEach((entity, i) => {
      const body = summarize(
        [analyzeFacts(facts[i], request.window)],
        request,
        false,
        calendar,
        // A series only for one entity, as the database answers it.
        entities.length === 1,
      );
      add(entity, body, {
        computedAt: new Date(computedAt).toISOString(),
        computedFrom,
      });
    });
    return bodies;
  }

  /**
   * Each window's body of every entity, as {@link metricsOf} gives it (no
   * series), from ONE read of the facts that cover all the windows: for
   * many overlapping windows (a scorecard preview's weeks) instead of a read
   * or an aggregation per window. The engine computes each window from
   * those facts, as it does on SQLite (the database's aggregation equals
   * it). Bodies in the order of the windows, by entity key.
   */
  async metricsOfWindows(
    entities: MeasuredEntity[],
    windows: Window[],
    calendar: Pick<MetricsRequest, 'timezone' | 'bucket'>,
  ): Promise<Array<Map<string, EntityMetrics & Computed>>> {
    if (windows.length === 0) return [];
    const span: Window = {
      from: Math.min(...windows.map(w => w.from)),
      to: Math.max(...windows.map(w => w.to)),
    };
    // Every fact of a window is in the span's read (it selects by the same
    // instants), and analyzeFacts keeps only the window's own.
    const { facts, computedAt, computedFrom } = await this.windowFacts(
      entities,
      span,
    );
    const computed: Computed = {
      computedAt: new Date(computedAt).toISOString(),
      computedFrom,
    };
    return windows.map(window => {
      const request: MetricsRequest = { ...calendar, window };
      const days = requestCalendar(request);
      const bodies = new Map<string, EntityMetrics & Computed>();
      entities.forEach((entity, i) => {
        const body = summarize(
          [analyzeFacts(facts[i], window)],
          request,
          false,
          days,
          false,
        );
        bodies.set(entity.key, {
          entityRef: entity.entityRef,
          ...body,
          warnings: [...entity.warnings, ...body.warnings],
          ...computed,
        });
      });
      return bodies;
    });
  }

  /**
   * The window aggregated by the database from current facts (PostgreSQL),
   * or undefined when it cannot (SQLite, or facts not current yet).
   */
  private async aggregated(
    entities: MeasuredEntity[],
    request: MetricsRequest,
    calendar: RequestCalendar,
    perEntitySeries: boolean,
  ) {
    const answer = await this.facts.aggregateWindow({
      entities: entities.map(e => ({
        key: e.key,
        settingsKey: settingsKey(e.settings),
      })),
      window: request.window,
      dayBoundaries: calendar.days,
      // One entity's series comes from the per-bucket rows.
      bucketBoundaries:
        perEntitySeries && entities.length !== 1 ? [] : calendar.buckets,
    });
    if (!answer) return undefined;
    const { result } = answer;
    const computed: Computed = {
      computedAt: new Date(answer.computedAt).toISOString(),
      computedFrom: 'facts',
    };
    const traitsOf = (entity: MeasuredEntity): EntityTraits =>
      result.perEntity.get(entity.key)?.traits ?? noEventTraits(entity);
    return {
      computed,
      traitsOf,
      pooled: (): BodyParts => ({
        stats: result.pooled,
        entities: entities.map(traitsOf),
        buckets: result.buckets,
      }),
      partsOf: (entity: MeasuredEntity): BodyParts => {
        const stored = result.perEntity.get(entity.key);
        return {
          stats: stored?.stats ?? EMPTY_STATS,
          entities: [{ ...traitsOf(entity), entityRef: entity.entityRef }],
          buckets:
            entities.length === 1 && perEntitySeries ? result.buckets : [],
        };
      },
    };
  }

  /** The catalog's groups, as the caller sees them. */
  groupTree(credentials: BackstageCredentials): Promise<GroupTree> {
    return this.catalog.groupTree(credentials);
  }

  /** Every measured entity of the rollup kinds, by ref. */
  async allEntities(
    credentials: BackstageCredentials,
  ): Promise<MeasuredEntity[]> {
    const [entities, tree] = await Promise.all([
      this.catalog.entitiesOfKinds(this.config.rollupKinds, credentials),
      this.catalog.groupTree(credentials),
    ]);
    return entities
      .map(e => this.measured(e, tree))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }

  /** A group and the measured entities it owns, sub-groups included. */
  async team(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<Team> {
    const { group, entities, tree } = await this.catalog.teamEntities(
      groupRef,
      this.config.rollupKinds,
      credentials,
    );
    return {
      groupRef: stringifyEntityRef(group),
      entities: entities.map(e => this.measured(e, tree)),
    };
  }

  /**
   * Several teams from one catalog read: each with the same entities as
   * {@link team} gives it. Refs the tree does not have are left out.
   */
  async teams(
    tree: GroupTree,
    groupRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Array<Team & GroupInfo>> {
    const known = groupRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .filter(ref => tree.info(ref));
    const owned = await this.catalog.entitiesOfTeams(
      tree,
      known,
      this.config.rollupKinds,
      credentials,
    );
    return known.map(ref => ({
      ...tree.info(ref)!,
      entities: owned.get(ref)!.map(e => this.measured(e, tree)),
    }));
  }

  /**
   * A team's metrics; `include` adds the previous window's pooled body,
   * each entity row's series and a pooled row per direct sub-team, each
   * equal to what the separate routes answer.
   */
  async groupMetrics(
    groupRef: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
    include: GroupMetricsInclude[] = [],
  ): Promise<GroupMetricsResponse & Computed> {
    const team = await this.team(groupRef, credentials);
    // One after the other, like the separate requests the loader lets through.
    const body = await this.teamMetrics(team, request);
    const previous = include.includes('previous')
      ? await this.teamMetrics(team, previousMetricsRequest(request))
      : undefined;
    const series = include.includes('entitySeries')
      ? await this.entitySeries(team.entities, request)
      : undefined;
    const subTeams = include.includes('subTeams')
      ? await this.subTeams(team.groupRef, request, credentials)
      : undefined;
    const movers = include.includes('movers')
      ? await subtreeMovers(this, team, request, credentials)
      : undefined;
    return {
      ...body,
      ...(series && {
        entities: body.entities.map((row, i) => ({
          ...row,
          series: series[i],
        })),
      }),
      ...(previous && { previous: previousBody(previous) }),
      ...(subTeams && { subTeams }),
      ...(movers && { movers }),
    };
  }

  /** The pooled row of each given group (every group when none is given). */
  async groupsMetrics(
    groupRefs: string[] | undefined,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<GroupsMetricsResponse> {
    const tree = await this.catalog.groupTree(credentials);
    const refs = groupRefs ?? tree.all();
    if (refs.length > MAX_GROUPS_PER_REQUEST) {
      throw new InputError(
        `The catalog has ${refs.length} groups, more than ${MAX_GROUPS_PER_REQUEST}: ask for some with groupRef`,
      );
    }
    const notFound = refs.filter(ref => !tree.info(ref));
    const teams = await this.teams(tree, refs, credentials);
    const items = await mapConcurrent(
      teams,
      AGGREGATIONS_AT_ONCE,
      async team => {
        const parent = tree.parentOf(team.groupRef);
        return {
          ...pooledRow(team, await this.teamMetrics(team, request)),
          ...(team.type !== undefined && { type: team.type }),
          ...(parent && { parentRef: tree.info(parent)!.groupRef }),
        };
      },
    );
    return { items, notFound };
  }

  /** A pooled row per direct child group of the team. */
  private async subTeams(
    groupRef: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<PooledGroupRow[]> {
    const tree = await this.catalog.groupTree(credentials);
    const teams = await this.teams(
      tree,
      tree.childrenOf(groupRef),
      credentials,
    );
    return mapConcurrent(teams, AGGREGATIONS_AT_ONCE, async team =>
      pooledRow(team, await this.teamMetrics(team, request)),
    );
  }

  /** Each entity's own series, as `GET /v1/metrics` gives it. */
  private async entitySeries(
    entities: MeasuredEntity[],
    request: MetricsRequest,
  ): Promise<SeriesPoint[][]> {
    return mapConcurrent(entities, AGGREGATIONS_AT_ONCE, async entity => {
      const bodies = await this.metricsOf([entity], request);
      return bodies.get(entity.key)!.series;
    });
  }

  /** A team's pooled metrics and entity rows for the request's window. */
  async teamMetrics(
    team: Team,
    request: MetricsRequest,
  ): Promise<GroupMetrics & Computed> {
    const entityWarnings = team.entities.flatMap(entity =>
      entity.warnings.map(w => ({ ...w, entityRefs: [entity.entityRef] })),
    );
    const calendar = requestCalendar(request);
    const aggregated = await this.aggregated(
      team.entities,
      request,
      calendar,
      false,
    );
    if (aggregated) {
      const pooled = aggregated.pooled();
      pooled.entities = team.entities.map(e => ({
        ...aggregated.traitsOf(e),
        entityRef: e.entityRef,
      }));
      const body = metricsBody(pooled, request, true, calendar);
      return {
        groupRef: team.groupRef,
        ...body,
        entities: team.entities.map(entity =>
          rollupRow(
            metricsBody(aggregated.partsOf(entity), request, false, calendar),
            entity.entityRef,
          ),
        ),
        warnings: [...entityWarnings, ...body.warnings],
        ...aggregated.computed,
      };
    }
    const { facts, computedAt, computedFrom } = await this.windowFacts(
      team.entities,
      request.window,
    );
    const body = rollup(
      team.groupRef,
      facts.map(f => analyzeFacts(f, request.window)),
      request,
    );
    return {
      ...body,
      warnings: [...entityWarnings, ...body.warnings],
      computedAt: new Date(computedAt).toISOString(),
      computedFrom,
    };
  }
}

/** A team: its ref as the catalog spells it, and its measured entities. */
export interface Team {
  groupRef: string;
  entities: MeasuredEntity[];
}

/** The previous window's body: pooled only (no rows, no team, no provenance). */
function previousBody(body: GroupMetrics & Computed): MetricsBody {
  const {
    groupRef: _g,
    entities: _e,
    computedAt: _a,
    computedFrom: _f,
    ...pooled
  } = body;
  return pooled;
}

/** A team's row in a table of teams: pooled, counted, no rows or series. */
function pooledRow(
  team: Team & { title?: string },
  body: GroupMetrics & Computed,
): PooledGroupRow {
  const {
    groupRef: _g,
    entities: _e,
    computedAt: _a,
    computedFrom: _f,
    series: _s,
    ...pooled
  } = body;
  return {
    groupRef: team.groupRef,
    ...(team.title !== undefined && { title: team.title }),
    serviceCount: team.entities.length,
    ...pooled,
  };
}

/** What an entity nothing was ever ingested for is. */
function noEventTraits(entity: MeasuredEntity): EntityTraits {
  const facts = noEvents(entity);
  return traitsOfAnalysis(analyzeFacts(facts, { from: 0, to: 0 }));
}

/** The facts of an entity nothing was ever ingested for. */
function noEvents(entity: MeasuredEntity): EntityFacts {
  return {
    entityRef: entity.entityRef,
    mode: 'deployments',
    changeFailureMode: entity.settings.changeFailureMode,
    hasIncidentSource: entity.settings.incidentSource !== null,
    eventCount: 0,
    nonProductionEnvironments: [],
    deployments: [],
    changes: [],
    incidents: [],
  };
}
