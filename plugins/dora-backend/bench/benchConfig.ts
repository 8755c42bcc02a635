/** Sizes, windows and targets of the backend benchmark, in one place. */
import { DAY_MS } from '@dora-metrics/plugin-dora-common';

export { DAY_MS };

export const QUICK = process.env.DORA_BENCH_QUICK === '1';

export const SEED = 20_240_501;
export const TOKEN = 'dora-bench-static-token-0123456789';
export const PG_URL = 'postgresql://postgres@127.0.0.1:5432';

export type Database = 'PostgreSQL' | 'SQLite';

export interface Window {
  from: string;
  to: string;
}

/** The year every generated event falls in (but the scorecard entities'). */
export const YEAR: Window = {
  from: '2025-01-01T00:00:00.000Z',
  to: '2026-01-01T00:00:00.000Z',
};
/** The last `days` days of YEAR. */
export function lastDays(days: number): Window {
  const to = Date.parse(YEAR.to);
  return { from: new Date(to - days * DAY_MS).toISOString(), to: YEAR.to };
}

/** Events per POST /v1/events. */
export const BATCH = 1000;

// 1-3: the entity-year and the smaller entities ingested with it.
export const BIG_NAME = 'payments-api';
export const BIG_REF = `component:default/${BIG_NAME}`;
export const BIG_SCALE = QUICK ? 0.1 : 1;
export const SMALL_ENTITIES = QUICK ? 49 : 199;
export const SMALL_SCALE = QUICK ? 0.005 : 0.02;
export const METRICS_WARM_UPS = 3;
export const METRICS_RUNS = QUICK ? 10 : 50;
export const DB_RUNS = QUICK ? 5 : 10;
export const BUILD_RUNS = QUICK ? 3 : 5;

// 4: the organisation. One org group, 5 departments, 5 teams each (31
// groups); every team owns SERVICES_PER_TEAM services.
export const ORG_DEPARTMENTS = 5;
export const ORG_TEAMS_PER_DEPARTMENT = 5;
export const ORG_SERVICES_PER_TEAM = QUICK ? 2 : 40;
/** Events of the whole organisation in the year, per database. */
export const ORG_EVENTS: Record<Database, number> = QUICK
  ? { PostgreSQL: 20_000, SQLite: 20_000 }
  : { PostgreSQL: 1_000_000, SQLite: 1_000_000 };
/** POST requests in flight while ingesting the organisation. */
export const ORG_INGEST_CONCURRENCY = 4;
/** Rollups in flight when every group's rollup is fetched, as the DORA page does. */
export const PAGE_CONCURRENCY = 6;
export const PAGE_RUNS = QUICK ? 3 : 10;
export const ROLLUP_RUNS = QUICK ? 5 : 20;
export const YEAR_ROLLUP_RUNS = QUICK ? 3 : 7;

// 5: scorecards (PostgreSQL only).
export const SCORECARD_ENTITIES = QUICK ? 1000 : 10_000;
export const SCORECARD_STEPS = QUICK ? [200, 500] : [1000, 2000];
export const SCORECARD_SCALE = 0.001;
/** Skip the full scorecard run when the smaller runs project it past this. */
export const SCORECARD_FULL_RUN_LIMIT_S = 420;

// 7: scorecard preview (PostgreSQL only): 12 weeks of a 30-day window
// reach 114 days back; the events cover 120.
export const PREVIEW_ENTITIES = 1000;
export const PREVIEW_WEEKS = 12;
export const PREVIEW_DAYS = 120;
/** About as many events per day as the scorecard entities (0.001 per 28 days). */
export const PREVIEW_SCALE = 0.004;
export const PREVIEW_RUNS = QUICK ? 3 : 7;
/** `preview`: only the preview scenario; `organisation`: only the organisation's (both on PostgreSQL). */
export const ONLY = process.env.DORA_BENCH_ONLY;

// Targets.
export const TARGET_METRICS_P95_MS = 150;
export const TARGET_INGEST_PER_S = 10_000;
export const TARGET_BUILD_S = 2;
export const TARGET_PAGE_S = 2;
export const TARGET_ORG_90_P95_S = 1;
export const TARGET_ORG_YEAR_S = 3;
export const TARGET_SCORECARD_S = 30;
export const TARGET_PREVIEW_S = 5;

/** A figure compared with its target, for the summary. */
export interface TargetRow {
  figure: string;
  database: Database;
  measured: string;
  target: string;
  result: string;
}
