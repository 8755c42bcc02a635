/*
 * Fakes of `GET /v1/movers` and `GET /v1/groups/{ns}/{name}/trend` over the
 * fixtures, through the pure functions of `@dora-metrics/plugin-dora-common`
 * (moversReport), so the pages can be tested before and apart from the
 * backend.
 */
import {
  GroupTrendResponse,
  MoversResponse,
  TrendPeriod,
  TrendRow,
  moversReport,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { MetricsQuery } from '../api/types';
import {
  entityMetrics,
  FIXED_NOW,
  groupMetrics,
  SUB_TEAMS,
  TEAM_MEMBERS,
} from './fixtures';

const DAY = 86_400_000;
const iso = (millis: number) => new Date(millis).toISOString();

/** A team's sub-teams at every depth. */
function subTree(groupRef: string): string[] {
  return (SUB_TEAMS[groupRef] ?? []).flatMap(ref => [ref, ...subTree(ref)]);
}

const answered = new Map<string, MoversResponse>();

/**
 * The movers of a team's sub-teams (every depth) and services, or of every
 * team and service without `groupRef`: this window against the one before.
 */
export function fakeMovers(
  options: { groupRef?: string } & MetricsQuery,
): MoversResponse {
  // The same answer for the same question: pages ask again on each render.
  const key = JSON.stringify(options);
  const known = answered.get(key);
  if (known) return known;
  const answer = computeMovers(options);
  answered.set(key, answer);
  return answer;
}

function computeMovers(
  options: { groupRef?: string } & MetricsQuery,
): MoversResponse {
  const { groupRef, ...query } = options;
  const to = Date.parse(query.to ?? iso(FIXED_NOW));
  const from = Date.parse(query.from ?? iso(to - 30 * DAY));
  const current = { ...query, from: iso(from), to: iso(to) };
  const previous = { ...query, from: iso(from - (to - from)), to: iso(from) };
  const teams = groupRef ? subTree(groupRef) : Object.keys(TEAM_MEMBERS);
  const services = groupRef
    ? (TEAM_MEMBERS[groupRef] ?? [])
    : [...new Set(Object.values(TEAM_MEMBERS).flat())];
  return moversReport({
    window: { from: current.from, to: current.to },
    previousWindow: { from: previous.from, to: previous.to },
    teams: teams.map(ref => ({
      ref,
      title: ref.split('/')[1],
      current: groupMetrics(ref, current),
      previous: groupMetrics(ref, previous),
    })),
    services: services.map(ref => ({
      ref,
      current: entityMetrics(ref, current),
      previous: entityMetrics(ref, previous),
    })),
  });
}

/** The last `count` calendar quarters or months of a team, the current one to now. */
export function fakeGroupTrend(
  groupRef: string,
  options: { period?: TrendPeriod; count?: number; timezone?: string } = {},
): GroupTrendResponse {
  const period = options.period ?? 'quarter';
  const count = options.count ?? 4;
  const timezone = options.timezone ?? 'UTC';
  const now = Date.now();
  const start = DateTime.fromMillis(now, { zone: timezone }).startOf(period);
  const rows: TrendRow[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const from = start.minus({ [`${period}s`]: back });
    const end = from.plus({ [`${period}s`]: 1 }).toMillis();
    const partial = end > now;
    const to = partial ? now : end;
    const {
      groupRef: _g,
      entities: _e,
      series: _s,
      window: _w,
      ...metrics
    } = groupMetrics(groupRef, {
      from: iso(from.toMillis()),
      to: iso(to),
      timezone,
    });
    rows.push({
      label:
        period === 'quarter'
          ? `${from.year}-Q${from.quarter}`
          : from.toFormat('yyyy-MM'),
      from: iso(from.toMillis()),
      to: iso(to),
      partial,
      metrics,
    });
  }
  return { groupRef, period, timezone, rows };
}
