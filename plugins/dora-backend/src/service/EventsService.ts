import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DoraEventKind,
  ExplainedEvent,
  MetricsRequest,
  classifyEntity,
  eventKinds,
  explainEvents,
} from '@dora-metrics/plugin-dora-common';
import { DoraStore, ResolvedEvent } from '../database/DoraStore';
import { EntityCatalog } from './EntityCatalog';
import { LoadedEntity, MetricsService } from './MetricsService';

export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

export interface EventsQuery {
  entityRef?: string;
  groupRef?: string;
  kind?: string;
  limit?: number;
  cursor?: string;
}

type Explained = ExplainedEvent & { entityRef: string };

/** One drill-down row: the stored event and how it was counted. */
export interface EventsPageItem {
  event: ResolvedEvent;
  counting: ExplainedEvent['counting'];
}

type Position = [
  at: number,
  entityRef: string,
  kind: string,
  source: string,
  id: string,
];

const positionOf = (e: Explained): Position => [
  e.at,
  e.entityRef,
  e.kind,
  e.source,
  e.id,
];

function comparePositions(a: Position, b: Position): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function decodeCursor(cursor: string): Position {
  try {
    const position = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(position) &&
      position.length === 5 &&
      typeof position[0] === 'number'
    ) {
      return position as Position;
    }
  } catch {
    // reported below
  }
  throw new InputError('cursor is not one returned by this endpoint');
}

const keyOf = (e: { kind: string; source: string; id: string }) =>
  `${e.kind}\u0000${e.source}\u0000${e.id}`;

const encodeCursor = (position: Position) =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

/** The drill-down: the events behind the numbers, each with how it was counted. */
export class EventsService {
  constructor(
    private readonly store: DoraStore,
    private readonly catalog: EntityCatalog,
    private readonly metrics: MetricsService,
  ) {}

  async listEvents(
    query: EventsQuery,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<{ items: EventsPageItem[]; nextCursor: string | null }> {
    const kind = query.kind as DoraEventKind | undefined;
    if (kind !== undefined && !eventKinds.includes(kind)) {
      throw new InputError(`kind must be one of ${eventKinds.join(', ')}`);
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;

    const loaded = await this.load(query, request, credentials);
    const explained: Explained[] = loaded
      .flatMap(({ input }) =>
        explainEvents(classifyEntity(input), request.window).map(e => ({
          ...e,
          entityRef: input.entityRef,
        })),
      )
      .filter(e => kind === undefined || e.kind === kind)
      .sort((a, b) => comparePositions(positionOf(a), positionOf(b)));

    const start = after
      ? explained.findIndex(e => comparePositions(positionOf(e), after) > 0)
      : 0;
    const page = start < 0 ? [] : explained.slice(start, start + limit);
    const hasMore = start >= 0 && start + limit < explained.length;

    const stored = new Map<string, ResolvedEvent>();
    for (const pageKind of eventKinds) {
      const keys = page.filter(e => e.kind === pageKind);
      if (keys.length === 0) continue;
      for (const event of await this.store.getEvents(pageKind, keys)) {
        stored.set(keyOf(event), event);
      }
    }
    const items = page.flatMap(e => {
      const event = stored.get(keyOf(e));
      return event ? [{ event, counting: e.counting }] : [];
    });
    return {
      items,
      nextCursor: hasMore
        ? encodeCursor(positionOf(page[page.length - 1]))
        : null,
    };
  }

  private async load(
    query: EventsQuery,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<LoadedEntity[]> {
    if (query.entityRef && !query.groupRef) {
      const entity = await this.catalog.getEntity(query.entityRef, credentials);
      return [
        await this.metrics.loadEntity(entity, request, {
          allEnvironments: true,
        }),
      ];
    }
    if (query.groupRef && !query.entityRef) {
      return (await this.metrics.loadTeam(query.groupRef, request, credentials))
        .loaded;
    }
    throw new InputError('Give exactly one of entityRef or groupRef');
  }
}
