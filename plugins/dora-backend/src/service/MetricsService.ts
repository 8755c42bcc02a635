import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DoraWarning,
  EntityInput,
  EntityMetrics,
  GroupMetrics,
  MetricsRequest,
  computeEntityMetrics,
  computeRollup,
  resolveSettings,
} from '@dora-metrics/plugin-dora-common';
import { DoraStore } from '../database/DoraStore';
import { DoraConfig } from './doraConfig';
import { EntityCatalog } from './EntityCatalog';

const DAY_MS = 86_400_000;
/** Entities read from the store at once in a team rollup. */
const ROLLUP_CONCURRENCY = 8;

/** Runs `work` over items with at most `limit` in flight, keeping order. */
export async function mapConcurrent<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/** An entity's engine input read from the store, plus its annotation problems. */
export interface LoadedEntity {
  input: EntityInput;
  warnings: DoraWarning[];
}

/** Reads what the engine needs from the catalog and the store, then runs it. */
export class MetricsService {
  constructor(
    private readonly store: DoraStore,
    private readonly catalog: EntityCatalog,
    private readonly config: DoraConfig,
  ) {}

  /** One entity's settings (annotations over config) and its bounded history. */
  async loadEntity(
    entity: Entity,
    request: MetricsRequest,
    options: { allEnvironments?: boolean } = {},
  ): Promise<LoadedEntity> {
    const entityRef = stringifyEntityRef(entity);
    const { settings, problems } = resolveSettings(
      entity.metadata.annotations,
      this.config.defaults,
    );
    const history = await this.store.readEntityHistory({
      entityRef: entityRef.toLocaleLowerCase('en-US'),
      productionEnvironments: settings.productionEnvironments,
      window: request.window,
      historyFrom: request.window.from - this.config.historyDays * DAY_MS,
      allEnvironments: options.allEnvironments,
    });
    return {
      input: {
        entityRef,
        timeline: history.timeline,
        settings,
        history: {
          deploymentEverIngested: history.deploymentEverIngested,
          incidentEverIngested: history.incidentEverIngested,
          nonProductionEnvironments: history.nonProductionEnvironments,
        },
      },
      warnings: problems.map(message => ({
        code: 'INVALID_ANNOTATION',
        message,
      })),
    };
  }

  async entityMetrics(
    ref: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<EntityMetrics> {
    const entity = await this.catalog.getEntity(ref, credentials);
    const { input, warnings } = await this.loadEntity(entity, request);
    const body = computeEntityMetrics(input, request);
    return { ...body, warnings: [...warnings, ...body.warnings] };
  }

  async loadTeam(
    groupRef: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
    options: { allEnvironments?: boolean } = {},
  ): Promise<{ groupRef: string; loaded: LoadedEntity[] }> {
    const { group, entities } = await this.catalog.teamEntities(
      groupRef,
      this.config.rollupKinds,
      credentials,
    );
    const loaded = await mapConcurrent(entities, ROLLUP_CONCURRENCY, entity =>
      this.loadEntity(entity, request, options),
    );
    return { groupRef: stringifyEntityRef(group), loaded };
  }

  async groupMetrics(
    groupRef: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<GroupMetrics> {
    const team = await this.loadTeam(groupRef, request, credentials);
    const body = computeRollup(
      team.groupRef,
      team.loaded.map(l => l.input),
      request,
    );
    const warnings = team.loaded.flatMap(l =>
      l.warnings.map(w => ({ ...w, entityRefs: [l.input.entityRef] })),
    );
    return { ...body, warnings: [...warnings, ...body.warnings] };
  }
}
