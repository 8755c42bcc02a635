import { createApiRef } from '@backstage/core-plugin-api';
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
  MoversResponse,
  TrendPeriod,
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

import type { EnvironmentsResponse } from '@dora-metrics/plugin-dora-common';

/** Reads the dora backend (`/api/dora/v1`). */
export interface DoraApi {
  /** `GET /metrics`: one entity's DORA metrics over a window. */
  getEntityMetrics(
    entityRef: string,
    query?: MetricsQuery,
  ): Promise<EntityMetrics>;
  /** `GET /environments`: the environments an entity deployed to, which count as production and by which rule. */
  getEnvironments(entityRef: string): Promise<EnvironmentsResponse>;
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
  /** `GET /scorecards/compliance`: every scorecard's compliance at once (with the initiatives, see `getInitiatives`). */
  getScorecardsCompliance(options?: {
    groupRef?: string;
  }): Promise<ScorecardCompliance[]>;

  // Writes (issue 16). Each clears the cached answers, so the page reads
  // what it has just written.

  /** `POST /scorecards`: a new scorecard (needs `dora.scorecards.manage`). */
  createScorecard(scorecard: unknown): Promise<ScorecardEntry>;
  /** `PUT /scorecards/:id`: its next version. */
  updateScorecard(id: string, scorecard: unknown): Promise<ScorecardEntry>;
  /** `DELETE /scorecards/:id`. */
  deleteScorecard(id: string): Promise<void>;
  /** `POST /scorecards/preview`: a draft graded week by week; writes nothing. */
  previewScorecard(request: ScorecardPreviewRequest): Promise<ScorecardPreview>;
  /** `GET /scorecards/:id/versions`: newest first. */
  getScorecardVersions(id: string): Promise<ScorecardVersion[]>;
  /** `GET /scorecards/:id/audit`: changes to it and its exemptions, newest first. */
  getScorecardAudit(
    id: string,
    query?: ScorecardAuditQuery,
  ): Promise<ScorecardAuditPage>;
  /** `GET /scorecards/:id/exemptions`. */
  getExemptions(
    scorecardId: string,
    query?: ExemptionListQuery,
  ): Promise<ExemptionEntry[]>;
  /** `POST /scorecards/:id/exemptions`: asks for one (needs `dora.scorecards.exempt`). */
  requestExemption(
    scorecardId: string,
    request: Omit<ExemptionRequest, 'scorecardId'>,
  ): Promise<ExemptionEntry>;
  /** `POST /scorecards/:id/exemptions/:exemptionId/decision` (needs `dora.scorecards.manage`). */
  decideExemption(
    scorecardId: string,
    exemptionId: string,
    decision: ExemptionDecisionBody,
  ): Promise<ExemptionEntry>;
  /**
   * Every initiative, or those that concern a team: from the same answer as
   * `getScorecardsCompliance` (`GET /scorecards/compliance?include=initiatives`).
   */
  getInitiatives(options?: { groupRef?: string }): Promise<InitiativeEntry[]>;
  /** `GET /initiatives/:id`: with its progress. */
  getInitiative(id: string): Promise<InitiativeEntry>;
  /** `POST /initiatives` (needs `dora.scorecards.manage`). */
  createInitiative(initiative: InitiativeInput): Promise<InitiativeEntry>;
  /** `PUT /initiatives/:id`. */
  updateInitiative(
    id: string,
    initiative: InitiativeInput,
  ): Promise<InitiativeEntry>;
  /** `DELETE /initiatives/:id`. */
  deleteInitiative(id: string): Promise<void>;
  /**
   * `GET /movers`: every team and service of a group's sub-tree (or of the
   * catalog without `groupRef`), this window against the previous one.
   */
  getMovers(
    options: { groupRef?: string } & MetricsQuery,
  ): Promise<MoversResponse>;
  /** `GET /groups/{namespace}/{name}/trend`: a team pooled per quarter or month, oldest first. */
  getGroupTrend(
    groupRef: string,
    options?: { period?: TrendPeriod; count?: number; timezone?: string },
  ): Promise<GroupTrendResponse>;
  /**
   * `GET /groups/{namespace}/{name}/report`: the group's quarterly report,
   * as the CSV text (`format: 'csv'`) or the JSON text (`format: 'json'`),
   * ready to save as a file.
   */
  getGroupReport(
    groupRef: string,
    query: MetricsQuery,
    format: 'csv' | 'json',
  ): Promise<string>;
}

export const doraApiRef = createApiRef<DoraApi>({ id: 'plugin.dora.api' });
