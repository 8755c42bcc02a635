import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  GroupReport,
  GroupTrendResponse,
  MetricsRequest,
  MoversResponse,
  PooledGroupRow,
  TrendPeriod,
  lastCalendarPeriods,
} from '@dora-metrics/plugin-dora-common';
import type { MetricsService } from '../MetricsService';
import type { ScorecardService } from '../ScorecardService';
import {
  MoversScope,
  moversFromReadings,
  moversRequests,
  scopeEntities,
  subtreeScope,
} from './moversOf';
import { readWindows } from './windowReadings';

/** What a trend asks for: the last `count` calendar periods of `timezone`. */
export interface TrendQuery {
  period: TrendPeriod;
  count: number;
  timezone: string;
}

/**
 * A manager's views over many teams and services: movers between two
 * windows, a team's quarterly trend and its quarterly report. Each reads the
 * facts once for all the windows it needs.
 */
export class MoversService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly scorecards: ScorecardService,
  ) {}

  /** The movers of a group's sub-tree, or of every team and service without one. */
  async movers(
    groupRef: string | undefined,
    request: MetricsRequest,
    credentials: BackstageCredentials,
  ): Promise<MoversResponse> {
    const scope =
      groupRef === undefined
        ? await this.catalogScope(credentials)
        : await subtreeScope(
            this.metrics,
            await this.metrics.team(groupRef, credentials),
            credentials,
          );
    const readings = await readWindows(
      this.metrics,
      scopeEntities(scope),
      moversRequests(request),
    );
    return moversFromReadings(scope, readings);
  }

  /** The team pooled per calendar quarter or month, oldest first. */
  async trend(
    groupRef: string,
    query: TrendQuery,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<GroupTrendResponse> {
    const team = await this.metrics.team(groupRef, credentials);
    const periods = lastCalendarPeriods(
      now,
      query.timezone,
      query.period,
      query.count,
    );
    const readings = await readWindows(
      this.metrics,
      team.entities,
      periods.map(period => ({
        window: { from: period.from, to: period.to },
        timezone: query.timezone,
        // No series: the bucket changes nothing of a row.
        bucket: 'month',
      })),
    );
    return {
      groupRef: team.groupRef,
      period: query.period,
      timezone: query.timezone,
      rows: periods.map((period, i) => {
        const { window: _w, ...metrics } = readings[i].team(team);
        return {
          label: period.label,
          from: new Date(period.from).toISOString(),
          to: new Date(period.to).toISOString(),
          partial: period.partial,
          metrics,
        };
      }),
    };
  }

  /** A group's review of the window: pooled, by sub-team, by service, movers and compliance. */
  async report(
    groupRef: string,
    request: MetricsRequest,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<GroupReport> {
    const team = await this.metrics.team(groupRef, credentials);
    const scope = await subtreeScope(this.metrics, team, credentials);
    const readings = await readWindows(
      this.metrics,
      scopeEntities(scope),
      moversRequests(request),
    );
    const [current] = readings;
    return {
      groupRef: team.groupRef,
      ...(scope.title !== undefined && { title: scope.title }),
      window: {
        from: new Date(request.window.from).toISOString(),
        to: new Date(request.window.to).toISOString(),
        timezone: request.timezone,
      },
      generatedAt: new Date(now).toISOString(),
      team: current.team(team),
      subTeams: scope.children.map((sub): PooledGroupRow => ({
        groupRef: sub.groupRef,
        ...(sub.title !== undefined && { title: sub.title }),
        serviceCount: sub.entities.length,
        ...current.team(sub),
      })),
      services: scope.services.map(service => {
        const { window: _w, ...body } = current.entity(service);
        return body;
      }),
      movers: moversFromReadings(scope, readings),
      compliance: await this.scorecards.complianceOfAll(
        team.groupRef,
        credentials,
        now,
      ),
    };
  }

  private async catalogScope(
    credentials: BackstageCredentials,
  ): Promise<MoversScope> {
    const tree = await this.metrics.groupTree(credentials);
    return {
      teams: await this.metrics.teams(tree, tree.all(), credentials),
      services: await this.metrics.allEntities(credentials),
    };
  }
}
