import type { EnvironmentsResponse } from '@dora-metrics/plugin-dora-common';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ExemptionDecisionBody,
  ExemptionEntry,
  ExemptionListQuery,
  ExemptionRequest,
  InitiativeEntry,
  InitiativeInput,
  ScorecardAuditPage,
  ScorecardAuditQuery,
  ScorecardPreview,
  ScorecardPreviewRequest,
  ScorecardVersion,
  EntityMetrics,
  GroupMetricsInclude,
  GroupMetricsResponse,
  GroupsMetricsResponse,
  GroupTrendResponse,
  ItemsResponse,
  MoversResponse,
  TrendPeriod,
  ScorecardsComplianceResponse,
} from '@dora-metrics/plugin-dora-common';
import { DoraApi } from './DoraApi';
import { groupPath } from './groupPath';
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

/** A repeated parameter (`groupRef=a&groupRef=b`) is an array. */
type Query = Record<string, string | number | string[] | undefined>;

/** Groups per `GET /groups/metrics`: keeps the URL well under 8 KB. */
export const GROUPS_PER_REQUEST = 100;

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

  getEnvironments(entityRef: string): Promise<EnvironmentsResponse> {
    return this.get('/v1/environments', { entityRef });
  }

  getGroupMetrics(
    groupRef: string,
    query: MetricsQuery = {},
    options: { include?: GroupMetricsInclude[] } = {},
  ): Promise<GroupMetricsResponse> {
    // Sorted: the same includes in any order share one cached answer.
    const include = [...new Set(options.include ?? [])].sort().join(',');
    return this.get(`/v1/groups/${groupPath(groupRef)}/metrics`, {
      ...query,
      include,
    });
  }

  async getGroupsMetrics(
    groupRefs: string[],
    query: MetricsQuery = {},
  ): Promise<GroupsMetricsResponse> {
    const chunks: string[][] = [];
    for (let i = 0; i < groupRefs.length; i += GROUPS_PER_REQUEST) {
      chunks.push(groupRefs.slice(i, i + GROUPS_PER_REQUEST));
    }
    const answers = await Promise.all(
      chunks.map(groupRef =>
        this.get<GroupsMetricsResponse>('/v1/groups/metrics', {
          ...query,
          groupRef,
        }),
      ),
    );
    return {
      items: answers.flatMap(a => a.items),
      notFound: answers.flatMap(a => a.notFound),
    };
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

  async getScorecardsCompliance(
    options: { groupRef?: string } = {},
  ): Promise<ScorecardCompliance[]> {
    return (await this.agreementsOf(options.groupRef)).items;
  }

  /**
   * Every scorecard's compliance and the initiatives, of a team or of
   * everyone, in one request: the pages that show one show the other, and
   * share this answer by URL.
   */
  private agreementsOf(
    groupRef: string | undefined,
  ): Promise<ScorecardsComplianceResponse> {
    return this.get('/v1/scorecards/compliance', {
      groupRef,
      include: 'initiatives',
    });
  }

  createScorecard(scorecard: unknown): Promise<ScorecardEntry> {
    return this.send('POST', '/v1/scorecards', scorecard);
  }

  updateScorecard(id: string, scorecard: unknown): Promise<ScorecardEntry> {
    return this.send(
      'PUT',
      `/v1/scorecards/${encodeURIComponent(id)}`,
      scorecard,
    );
  }

  async deleteScorecard(id: string): Promise<void> {
    await this.send('DELETE', `/v1/scorecards/${encodeURIComponent(id)}`);
  }

  previewScorecard(
    request: ScorecardPreviewRequest,
  ): Promise<ScorecardPreview> {
    // A preview writes nothing, so it keeps the cache.
    return this.send('POST', '/v1/scorecards/preview', request, {
      keepCache: true,
    });
  }

  async getScorecardVersions(id: string): Promise<ScorecardVersion[]> {
    const body = await this.get<ItemsResponse<ScorecardVersion>>(
      `/v1/scorecards/${encodeURIComponent(id)}/versions`,
      {},
    );
    return body.items;
  }

  getScorecardAudit(
    id: string,
    query: ScorecardAuditQuery = {},
  ): Promise<ScorecardAuditPage> {
    return this.get(`/v1/scorecards/${encodeURIComponent(id)}/audit`, {
      ...query,
    });
  }

  async getExemptions(
    scorecardId: string,
    query: ExemptionListQuery = {},
  ): Promise<ExemptionEntry[]> {
    const body = await this.get<ItemsResponse<ExemptionEntry>>(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/exemptions`,
      { ...query },
    );
    return body.items;
  }

  requestExemption(
    scorecardId: string,
    request: Omit<ExemptionRequest, 'scorecardId'>,
  ): Promise<ExemptionEntry> {
    return this.send(
      'POST',
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/exemptions`,
      request,
    );
  }

  decideExemption(
    scorecardId: string,
    exemptionId: string,
    decision: ExemptionDecisionBody,
  ): Promise<ExemptionEntry> {
    return this.send(
      'POST',
      `/v1/scorecards/${encodeURIComponent(
        scorecardId,
      )}/exemptions/${encodeURIComponent(exemptionId)}/decision`,
      decision,
    );
  }

  async getInitiatives(
    options: { groupRef?: string } = {},
  ): Promise<InitiativeEntry[]> {
    return (await this.agreementsOf(options.groupRef)).initiatives ?? [];
  }

  getInitiative(id: string): Promise<InitiativeEntry> {
    return this.get(`/v1/initiatives/${encodeURIComponent(id)}`, {});
  }

  createInitiative(initiative: InitiativeInput): Promise<InitiativeEntry> {
    return this.send('POST', '/v1/initiatives', initiative);
  }

  updateInitiative(
    id: string,
    initiative: InitiativeInput,
  ): Promise<InitiativeEntry> {
    return this.send(
      'PUT',
      `/v1/initiatives/${encodeURIComponent(id)}`,
      initiative,
    );
  }

  async deleteInitiative(id: string): Promise<void> {
    await this.send('DELETE', `/v1/initiatives/${encodeURIComponent(id)}`);
  }

  getMovers(
    options: { groupRef?: string } & MetricsQuery,
  ): Promise<MoversResponse> {
    return this.get('/v1/movers', options);
  }

  getGroupTrend(
    groupRef: string,
    options: { period?: TrendPeriod; count?: number; timezone?: string } = {},
  ): Promise<GroupTrendResponse> {
    return this.get(`/v1/groups/${groupPath(groupRef)}/trend`, options);
  }

  async getGroupReport(
    groupRef: string,
    query: MetricsQuery,
    format: 'csv' | 'json',
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const params = new URLSearchParams({ format });
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/groups/${groupPath(groupRef)}/report?${params}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  /** A write (or a preview): never cached; a write clears the cached reads. */
  private async send<T>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options: { keepCache?: boolean } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!options.keepCache) this.cache.clear();
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  private async get<T>(path: string, query: Query): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (Array.isArray(value)) {
        value.forEach(v => params.append(key, v));
      } else if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
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
