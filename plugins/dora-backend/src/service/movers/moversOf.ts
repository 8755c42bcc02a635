import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  MetricsRequest,
  MoverInput,
  MoversResponse,
  moversReport,
} from '@dora-metrics/plugin-dora-common';
import type { GroupInfo } from '../GroupTree';
import type { MeasuredEntity, MetricsService, Team } from '../MetricsService';
import { previousMetricsRequest } from '../metricsQuery';
import { WindowReading, readWindows } from './windowReadings';

/** Teams and services compared by the movers. */
export interface MoversScope {
  teams: Array<Team & GroupInfo>;
  services: MeasuredEntity[];
}

/** The request's window and the window of the same length just before, same timezone. */
export function moversRequests(request: MetricsRequest): MetricsRequest[] {
  return [request, previousMetricsRequest(request)];
}

/** The movers of a scope from the readings of {@link moversRequests}. */
export function moversFromReadings(
  scope: MoversScope,
  [current, previous]: WindowReading[],
): MoversResponse {
  const windowOf = (reading: WindowReading) => ({
    from: new Date(reading.request.window.from).toISOString(),
    to: new Date(reading.request.window.to).toISOString(),
  });
  return moversReport({
    window: windowOf(current),
    previousWindow: windowOf(previous),
    teams: scope.teams.map((team): MoverInput => ({
      ref: team.groupRef,
      ...(team.title !== undefined && { title: team.title }),
      current: current.team(team),
      previous: previous.team(team),
    })),
    services: scope.services.map((service): MoverInput => ({
      ref: service.entityRef,
      ...(service.title !== undefined && { title: service.title }),
      current: current.entity(service),
      previous: previous.entity(service),
    })),
  });
}

/** A team's sub-tree: its display name, its direct sub-teams among the teams of the scope. */
export interface SubtreeScope extends MoversScope {
  title?: string;
  children: Array<Team & GroupInfo>;
}

/** A team's sub-teams at every depth (the team itself left out) and all its services. */
export async function subtreeScope(
  metrics: MetricsService,
  team: Team,
  credentials: BackstageCredentials,
): Promise<SubtreeScope> {
  const tree = await metrics.groupTree(credentials);
  const below = tree.descendants(team.groupRef).slice(1);
  const teams = await metrics.teams(tree, below, credentials);
  const children = new Set(tree.childrenOf(team.groupRef));
  return {
    title: tree.info(team.groupRef)?.title,
    teams,
    children: teams.filter(t =>
      children.has(t.groupRef.toLocaleLowerCase('en-US')),
    ),
    services: team.entities,
  };
}

/** The movers of a team's sub-tree for the request's window, from one read of facts. */
export async function subtreeMovers(
  metrics: MetricsService,
  team: Team,
  request: MetricsRequest,
  credentials: BackstageCredentials,
): Promise<MoversResponse> {
  const scope = await subtreeScope(metrics, team, credentials);
  const readings = await readWindows(
    metrics,
    scopeEntities(scope),
    moversRequests(request),
  );
  return moversFromReadings(scope, readings);
}

/** Every entity a scope reads: its services and its teams' entities. */
export function scopeEntities(scope: MoversScope): MeasuredEntity[] {
  return [...scope.services, ...scope.teams.flatMap(t => t.entities)];
}
