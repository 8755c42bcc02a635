import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityMetrics,
  GroupMetrics,
  ItemsResponse,
} from '@dora-metrics/plugin-dora-common';
import { DoraApi } from './DoraApi';
import { RequestCache } from './RequestCache';
import {
  DoraEventsPage,
  EventsQuery,
  MetricsQuery,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardHistoryQuery,
  ScorecardResultRecord,
  ScorecardResultsQuery,
} from './types';

type Query = Record<string, string | number | undefined>;

/**
 * The `DoraApi` over HTTP: `discoveryApi` finds the backend, `fetchApi` sends
 * credentials. Answers are shared by URL for `cacheTtlMillis` (default 30 s).
 */
export class DoraClient implements DoraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly cache: RequestCache;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    cacheTtlMillis?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.cache = new RequestCache(options.cacheTtlMillis);
  }

  /** Forgets every cached answer, so the next reads ask the backend. */
  clearCache(): void {
    this.cache.clear();
  }

  getEntityMetrics(
    entityRef: string,
    query: MetricsQuery = {},
  ): Promise<EntityMetrics> {
    return this.get('/v1/metrics', { entityRef, ...query });
  }

  getGroupMetrics(
    groupRef: string,
    query: MetricsQuery = {},
  ): Promise<GroupMetrics> {
    const { namespace, name } = parseEntityRef(groupRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return this.get(
      `/v1/groups/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/metrics`,
      { ...query },
    );
  }

  getEvents(query: EventsQuery): Promise<DoraEventsPage> {
    const { ids, ...rest } = query;
    // The backend takes the ids as one comma-separated parameter.
    return this.get('/v1/events', {
      ...rest,
      ids: ids && ids.length > 0 ? ids.join(',') : undefined,
    });
  }

  async getScorecards(): Promise<ScorecardEntry[]> {
    const body = await this.get<ItemsResponse<ScorecardEntry>>(
      '/v1/scorecards',
      {},
    );
    return body.items;
  }

  async getScorecardResults(
    query: ScorecardResultsQuery,
  ): Promise<ScorecardResultRecord[]> {
    const body = await this.get<ItemsResponse<ScorecardResultRecord>>(
      '/v1/scorecards/results',
      { ...query },
    );
    return body.items;
  }

  async getScorecardHistory(
    scorecardId: string,
    query: ScorecardHistoryQuery,
  ): Promise<ScorecardResultRecord[]> {
    const body = await this.get<ItemsResponse<ScorecardResultRecord>>(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/history`,
      { ...query },
    );
    return body.items;
  }

  getScorecardCompliance(
    scorecardId: string,
    options: { groupRef?: string } = {},
  ): Promise<ScorecardCompliance> {
    return this.get(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/compliance`,
      { groupRef: options.groupRef },
    );
  }

  private async get<T>(path: string, query: Query): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    return this.cache.get(url, async () => {
      const response = await this.fetchApi.fetch(url);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return (await response.json()) as T;
    });
  }
}
