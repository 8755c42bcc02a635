import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ChangeEvent,
  DeploymentFact,
  DoraEventItem,
  DoraEventKind,
  DoraEventsPage,
  EventsQueryParams,
  MetricsRequest,
  Window,
  drillDownFacts,
  eventKinds,
  explainListed,
} from '@dora-metrics/plugin-dora-common';
import { DoraStore, EventKey, ResolvedEvent } from '../database/DoraStore';
import {
  FactPosition,
  FactStore,
  FactTotalsRow,
  ListedFact,
} from '../database/FactStore';
import { positionOrder } from '../database/factListing';
import {
  RowStanding,
  matchesFilter,
  parseDrillDownQuery,
  standingOf,
} from './drillDownQuery';
import { drillDownTotals, totalsRowOf } from './drillDownTotals';
import { EntityCatalog } from './EntityCatalog';
import { isCurrent } from './FactsService';
import { MeasuredEntity, MetricsService } from './MetricsService';

const DEFAULT_PAGE_SIZE = 100;

/** The drill-down query without its window (resolved into a `MetricsRequest`). */
export type EventsQuery = Omit<
  EventsQueryParams,
  'from' | 'to' | 'timezone' | 'bucket'
>;

function decodeCursor(cursor: string): FactPosition {
  try {
    const position = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(position) &&
      position.length === 5 &&
      typeof position[0] === 'number' &&
      typeof position[1] === 'string' &&
      eventKinds.includes(position[2]) &&
      typeof position[3] === 'string' &&
      typeof position[4] === 'string'
    ) {
      return position as FactPosition;
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor is not one returned by this endpoint');
}

const encodeCursor = (position: FactPosition) =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

/** The team's entity a `service` parameter names (refs compare case-insensitively). */
function serviceOf(
  entities: MeasuredEntity[],
  service: string,
): MeasuredEntity {
  const key = service.toLocaleLowerCase('en-US');
  const entity = entities.find(e => e.key === key);
  if (!entity) {
    throw new InputError(
      `service ${service} is not one of the team's entities`,
    );
  }
  return entity;
}

/** With the entity: a change has a row per entity, and each entity shows its own. */
const keyOf = (kind: string, source: string, id: string, entityRef: string) =>
  `${kind}\u0000${source}\u0000${id}\u0000${entityRef}`;

/** In pull-request mode a merge stands in for a deployment: shown in a deployment's shape. */
function mergeAsDeployment(
  change: ChangeEvent & { entityRef: string },
  fact: DeploymentFact,
): ResolvedEvent {
  return {
    kind: 'deployment',
    source: change.source,
    id: change.id,
    entityRef: change.entityRef,
    environment: fact.environment,
    status: 'success',
    finishedAt: new Date(fact.at).toISOString(),
    commitSha: change.mergeCommitSha ?? null,
    changeIds: [change.id],
    deploymentKind: 'normal',
  };
}

/**
 * The drill-down: the events behind the numbers, each with how it was
 * counted, read from the same facts as the numbers.
 */
export class EventsService {
  constructor(
    private readonly store: DoraStore,
    private readonly facts: FactStore,
    private readonly catalog: EntityCatalog,
    private readonly metrics: MetricsService,
  ) {}

  async listEvents(
    query: EventsQuery,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<DoraEventsPage> {
    const drill = parseDrillDownQuery(query);
    const { kind, order, filter } = drill;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const entities = await this.entitiesOf(query, credentials);
    const inScope = drill.service
      ? [serviceOf(entities, drill.service)]
      : entities;
    const { window } = request;

    // Entities with current facts are paged in the database; the others
    // (a write not built yet) from facts computed from their events.
    const states = await this.facts.states(entities.map(e => e.key));
    const stored = entities.filter(e => {
      const state = states.get(e.key);
      return state !== undefined && isCurrent(state, e.settings);
    });
    const outdated = entities.filter(
      e => states.has(e.key) && !stored.includes(e),
    );
    const scopeKeys = new Set(inScope.map(e => e.key));
    const storedInScope = stored.filter(e => scopeKeys.has(e.key));
    const listed: ListedFact[] =
      storedInScope.length > 0
        ? await this.facts.listFacts({
            entityRefs: storedInScope.map(e => e.key),
            window,
            kind,
            after,
            limit: limit + 1,
            order,
            filter,
          })
        : [];
    const memory = await this.memoryRows(outdated, kind, window);
    const totalsRows: FactTotalsRow[] = [];
    let matching = 0;
    for (const row of memory) {
      if (kind !== undefined) {
        totalsRows.push(
          totalsRowOf(
            row.entityRef,
            row.kind === 'deployment' ? row.fact.environment : null,
            row.standing,
          ),
        );
      }
      if (!scopeKeys.has(row.entityRef)) continue;
      if (filter && !matchesFilter(row, row.standing, filter)) continue;
      matching++;
      if (after && positionOrder(order)(row.position, after) <= 0) continue;
      listed.push(row);
    }
    listed.sort((a, b) => positionOrder(order)(a.position, b.position));
    const page = listed.slice(0, limit);
    const settings = new Map(entities.map(e => [e.key, e.settings]));
    const events = await this.storedEvents(page);
    const items = page.flatMap(row => {
      const event = this.eventOf(row, events);
      if (!event) return [];
      const pipelineMode =
        settings.get(row.entityRef)?.changeFailureMode === 'pipeline';
      // The counting explains the row's kind, the kind of its event.
      const counting = explainListed(row, window, pipelineMode);
      return [{ event, counting } as DoraEventItem];
    });
    const result: DoraEventsPage = {
      items,
      nextCursor:
        listed.length > limit
          ? encodeCursor(page[page.length - 1].position)
          : null,
    };
    if (kind === undefined) return result;
    // Totals on every page: the numbers the listed rows add up to.
    const storedKeys = stored.map(e => e.key);
    if (storedKeys.length > 0) {
      totalsRows.push(
        ...(await this.facts.totalFacts({
          entityRefs: storedKeys,
          window,
          kind,
        })),
      );
      if (storedInScope.length > 0) {
        matching += await this.facts.countFacts({
          entityRefs: storedInScope.map(e => e.key),
          window,
          kind,
          filter,
        });
      }
    }
    return {
      ...result,
      totals: drillDownTotals(kind, entities, totalsRows),
      matching,
    };
  }

  /** The drill-down rows of entities whose facts are not built yet, computed now. */
  private async memoryRows(
    outdated: MeasuredEntity[],
    kind: DoraEventKind | undefined,
    window: Window,
  ): Promise<Array<ListedFact & { standing: RowStanding }>> {
    if (outdated.length === 0) return [];
    const facts = await this.metrics.factsFromEvents(outdated);
    return outdated.flatMap((entity, i) => {
      const pipelineMode = entity.settings.changeFailureMode === 'pipeline';
      return drillDownFacts(facts[i], window)
        .filter(item => kind === undefined || item.kind === kind)
        .map(
          item =>
            ({
              ...item,
              entityRef: entity.key,
              position: [
                item.at,
                entity.key,
                item.kind,
                item.fact.source,
                item.fact.id,
              ],
              standing: standingOf(
                item,
                explainListed(item, window, pipelineMode),
                window,
              ),
            }) as ListedFact & { standing: RowStanding },
        );
    });
  }

  private eventOf(
    row: ListedFact,
    events: Map<string, ResolvedEvent>,
  ): ResolvedEvent | undefined {
    const { source, id } = row.fact;
    if (row.kind === 'deployment' && row.fact.fromMerge) {
      const change = events.get(keyOf('change', source, id, row.entityRef));
      return change?.kind === 'change'
        ? mergeAsDeployment(change, row.fact)
        : undefined;
    }
    return events.get(keyOf(row.kind, source, id, row.entityRef));
  }

  /** The stored events of a page (the change behind a merge in pull-request mode). */
  private async storedEvents(
    page: ListedFact[],
  ): Promise<Map<string, ResolvedEvent>> {
    const keys = new Map<DoraEventKind, EventKey[]>();
    for (const row of page) {
      const kind =
        row.kind === 'deployment' && row.fact.fromMerge ? 'change' : row.kind;
      keys.set(kind, [
        ...(keys.get(kind) ?? []),
        { source: row.fact.source, id: row.fact.id, entityRef: row.entityRef },
      ]);
    }
    const events = new Map<string, ResolvedEvent>();
    for (const [kind, kindKeys] of keys) {
      for (const event of await this.store.getEvents(kind, kindKeys)) {
        events.set(
          keyOf(event.kind, event.source, event.id, event.entityRef),
          event,
        );
      }
    }
    return events;
  }

  private async entitiesOf(
    query: EventsQuery,
    credentials: BackstageCredentials,
  ): Promise<MeasuredEntity[]> {
    if (query.entityRef && !query.groupRef) {
      const [entity, tree] = await Promise.all([
        this.catalog.getEntity(query.entityRef, credentials),
        this.catalog.groupTree(credentials),
      ]);
      return [this.metrics.measured(entity, tree)];
    }
    if (query.groupRef && !query.entityRef) {
      return (await this.metrics.team(query.groupRef, credentials)).entities;
    }
    throw new InputError('Give exactly one of entityRef or groupRef');
  }
}
