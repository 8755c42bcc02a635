import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityMetrics,
  GroupMetricsInclude,
  GroupMetricsResponse,
  GroupsMetricsResponse,
} from '@dora-metrics/plugin-dora-common';
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

/** Reads the dora backend (`/api/dora/v1`). */
export interface DoraApi {
  /** `GET /metrics`: one entity's DORA metrics over a window. */
  getEntityMetrics(
    entityRef: string,
    query?: MetricsQuery,
  ): Promise<EntityMetrics>;
  /**
   * `GET /groups/{namespace}/{name}/metrics`: a team, sub-teams included,
   * pooled; `include` adds the previous window, each service's series and
   * the direct sub-teams' pooled rows to the same answer.
   */
  getGroupMetrics(
    groupRef: string,
    query?: MetricsQuery,
    options?: { include?: GroupMetricsInclude[] },
  ): Promise<GroupMetricsResponse>;
  /**
   * `GET /groups/metrics`: the pooled row of each group (without entity
   * rows), in as few requests as the URL length allows.
   */
  getGroupsMetrics(
    groupRefs: string[],
    query?: MetricsQuery,
  ): Promise<GroupsMetricsResponse>;
  /** `GET /events`: the events behind the numbers, with how each was counted. */
  getEvents(query: EventsQuery): Promise<DoraEventsPage>;
  /** `GET /scorecards`. */
  getScorecards(): Promise<ScorecardEntry[]>;
  /** `GET /scorecards/results`: the latest result per scorecard and entity. */
  getScorecardResults(
    query: ScorecardResultsQuery,
  ): Promise<ScorecardResultRecord[]>;
  /** `GET /scorecards/:id/history`: an entity's results over time, oldest first. */
  getScorecardHistory(
    scorecardId: string,
    query: ScorecardHistoryQuery,
  ): Promise<ScorecardResultRecord[]>;
  /** `GET /scorecards/:id/compliance`: per rule and level, for a team or everyone. */
  getScorecardCompliance(
    scorecardId: string,
    options?: { groupRef?: string },
  ): Promise<ScorecardCompliance>;
  /** `GET /scorecards/compliance`: every scorecard's compliance at once. */
  getScorecardsCompliance(options?: {
    groupRef?: string;
  }): Promise<ScorecardCompliance[]>;
}

export const doraApiRef = createApiRef<DoraApi>({ id: 'plugin.dora.api' });
