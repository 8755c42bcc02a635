import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { KnexDoraStore } from '../src/database/KnexDoraStore';
import { KnexFactStore } from '../src/database/KnexFactStore';
import { DoraConfig, readDoraConfig } from '../src/service/doraConfig';
import { EntityCatalog } from '../src/service/EntityCatalog';
import { EntitySettings } from '../src/service/EntitySettings';
import { FactsService } from '../src/service/FactsService';
import { MetricsService } from '../src/service/MetricsService';
import { Database } from './benchConfig';
import { Timing, summarize } from './timing';

const quiet: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return quiet;
  },
};

/**
 * The backend's services built again on our own connection, to time the
 * parts of a request without HTTP. The facts loop is never started: the
 * backend keeps the facts; these only read them (and, when told, save one
 * entity's facts as the loop would).
 */
export interface InProcess {
  config: DoraConfig;
  catalog: EntityCatalog;
  store: KnexDoraStore;
  factStore: KnexFactStore;
  facts: FactsService;
  metrics: MetricsService;
  credentials: ReturnType<typeof mockCredentials.service>;
}

export function inProcess(
  knex: Knex,
  entities: Entity[],
  backendConfig: JsonObject,
): InProcess {
  const config = readDoraConfig(new ConfigReader(backendConfig));
  const store = new KnexDoraStore(knex);
  const factStore = new KnexFactStore(knex);
  const catalog = new EntityCatalog(catalogServiceMock({ entities }));
  const credentials = mockCredentials.service('plugin:dora-bench');
  const facts = new FactsService({
    store,
    facts: factStore,
    settingsOf: async refs =>
      new EntitySettings(catalog, config.defaults).ofRefs(refs, credentials),
    logger: quiet,
  });
  const metrics = new MetricsService(factStore, facts, catalog, config, quiet);
  return { config, catalog, store, factStore, facts, metrics, credentials };
}

export interface QueryProfile<T> {
  result: T;
  count: number;
  /**
   * Wall time during which some query was under way, from each query until
   * knex has its rows (round trip, rows parsed by the driver); queries run
   * side by side on several connections count once.
   */
  queryMs: number;
  /** The most queries under way at once. */
  maxParallel: number;
  totalMs: number;
  queries: { sql: string; bindings: readonly unknown[]; ms?: number }[];
}

/** Runs `fn` and times every query it sends through `knex`. */
export async function profileQueries<T>(
  knex: Knex,
  fn: () => Promise<T>,
): Promise<QueryProfile<T>> {
  type QueryData = {
    __knexQueryUid: string;
    sql: string;
    bindings?: readonly unknown[];
  };
  const started = new Map<
    string,
    { at: number; query: QueryProfile<T>['queries'][number] }
  >();
  const queries: QueryProfile<T>['queries'] = [];
  const intervals: [number, number][] = [];
  const onQuery = (query: QueryData) => {
    const captured = { sql: query.sql, bindings: query.bindings ?? [] };
    queries.push(captured);
    started.set(query.__knexQueryUid, {
      at: performance.now(),
      query: captured,
    });
  };
  const onResponse = (_response: unknown, query: QueryData) => {
    const start = started.get(query.__knexQueryUid);
    if (start === undefined) return;
    const end = performance.now();
    start.query.ms = end - start.at;
    intervals.push([start.at, end]);
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResponse);
  const start = performance.now();
  try {
    const result = await fn();
    const totalMs = performance.now() - start;
    return {
      result,
      count: queries.length,
      ...coverage(intervals),
      totalMs,
      queries,
    };
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResponse);
  }
}

/** How long some interval was open, and the most open at once. */
function coverage(intervals: [number, number][]): {
  queryMs: number;
  maxParallel: number;
} {
  const edges = intervals
    .flatMap(([from, to]): [number, number][] => [
      [from, 1],
      [to, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let maxParallel = 0;
  let queryMs = 0;
  let since = 0;
  for (const [at, step] of edges) {
    if (open > 0) queryMs += at - since;
    open += step;
    maxParallel = Math.max(maxParallel, open);
    since = at;
  }
  return { queryMs, maxParallel };
}

/** `profileQueries` `runs` times after `warmUps`: whole, its queries, the rest. */
export async function profileRuns<T>(
  knex: Knex,
  fn: () => Promise<T>,
  { warmUps, runs }: { warmUps: number; runs: number },
) {
  const profiles: QueryProfile<T>[] = [];
  for (let i = 0; i < warmUps + runs; i++) {
    const profile = await profileQueries(knex, fn);
    if (i >= warmUps) profiles.push(profile);
  }
  return {
    last: profiles[profiles.length - 1],
    total: summarize(profiles.map(p => p.totalMs)),
    queries: summarize(profiles.map(p => p.queryMs)),
    rest: summarize(profiles.map(p => p.totalMs - p.queryMs)),
  };
}

/**
 * What PostgreSQL itself spends on SELECTs (planning + execution, no
 * transfer to the client), by EXPLAIN ANALYZE; the plans' top nodes.
 */
export async function serverTime(
  knex: Knex,
  queries: QueryProfile<unknown>['queries'],
  runs: number,
): Promise<{ timing: Timing; plans: string; slowest: string }> {
  const selects = queries.filter(q => /^\s*(select|with)\b/i.test(q.sql));
  type PgConnection = {
    query(sql: string, values: unknown[]): Promise<{ rows: any[] }>;
  };
  // The captured SQL is the driver's ($1, $2, ..): run it on a raw connection.
  const connection: PgConnection = await knex.client.acquireConnection();
  const times: number[] = [];
  const perQuery: number[][] = selects.map(() => []);
  let plans = '';
  try {
    for (let run = 0; run < runs; run++) {
      let total = 0;
      const nodes: string[] = [];
      for (const [i, { sql, bindings }] of selects.entries()) {
        const plan = await connection
          .query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [...bindings])
          .then(result => result.rows[0]['QUERY PLAN'][0])
          .catch(() => undefined);
        if (!plan) {
          nodes.push('(not explained)');
          continue;
        }
        const queryMs = plan['Planning Time'] + plan['Execution Time'];
        total += queryMs;
        perQuery[i].push(queryMs);
        nodes.push(plan.Plan['Node Type']);
      }
      times.push(total);
      plans = compactPlans(nodes);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
  const slowest = selects
    .map((query, i) => ({ query, p50: summarize(perQuery[i]).p50 }))
    .filter(q => !Number.isNaN(q.p50))
    .sort((a, b) => b.p50 - a.p50)
    .slice(0, 4)
    .map(({ query, p50 }) => `${queryLabel(query.sql)} ${p50.toFixed(0)} ms`)
    .join(', ');
  return { timing: summarize(times), plans, slowest };
}

export const EVENT_TABLES = [
  'dora_deployments',
  'dora_changes',
  'dora_incidents',
];

/** The plain indexed `SELECT *` of an entity's raw rows, three queries. */
export async function plainSelect(
  knex: Knex,
  database: Database,
  entityRef: string,
  { warmUps, runs }: { warmUps: number; runs: number },
) {
  const profile = await profileRuns(
    knex,
    async () => {
      let rows = 0;
      for (const table of EVENT_TABLES) {
        rows += (await knex(table).select('*').where('entity_ref', entityRef))
          .length;
      }
      return rows;
    },
    { warmUps, runs },
  );
  const server =
    database === 'PostgreSQL'
      ? await serverTime(knex, profile.last.queries, runs)
      : undefined;
  return { timing: profile.total, rows: profile.last.result, server };
}

export async function countRows(knex: Knex, tables: string[]) {
  let total = 0;
  for (const name of tables) {
    const [{ n }] = await knex(name).count({ n: '*' });
    total += Number(n);
  }
  return total;
}

/** What waited on a lock during a sampled stretch, on PostgreSQL. */
export interface LockWaits {
  samples: number;
  /** Samples in which some session waited on a lock. */
  withLockWaits: number;
  maxWaiting: number;
  /** "waiting statement <- blocking statement": samples, most first. */
  pairs: [string, number][];
}

const statementLabel = (sql: string) => {
  const verb = (/^\s*(\w+)/.exec(sql)?.[1] ?? '?').toLowerCase();
  const table = /(?:from|into|update)\s+[`"]?(\w+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table.replace(/^dora_/, '')}` : verb;
};

/**
 * Samples pg_stat_activity of the plugin's database every `everyMs` while
 * it runs: how often some session waited on a lock (a POST waiting for a
 * facts rebuild that holds its entity's row, say), how many at most, and
 * which statement waited for which.
 */
export function watchLocks(
  knex: Knex,
  everyMs = 100,
): () => Promise<LockWaits> {
  let samples = 0;
  let withLockWaits = 0;
  let maxWaiting = 0;
  const pairs = new Map<string, number>();
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const { rows } = await knex.raw(
        `SELECT a.pid, a.query AS waiting, b.query AS blocking
           FROM pg_stat_activity a
           LEFT JOIN LATERAL unnest(pg_blocking_pids(a.pid)) AS bp(pid) ON true
           LEFT JOIN pg_stat_activity b ON b.pid = bp.pid
          WHERE a.datname = current_database() AND a.wait_event_type = 'Lock'`,
      );
      const waiting = new Set(rows.map((r: { pid: number }) => r.pid)).size;
      samples++;
      if (waiting > 0) withLockWaits++;
      maxWaiting = Math.max(maxWaiting, waiting);
      for (const row of rows as {
        waiting: string;
        blocking: string | null;
      }[]) {
        const pair = `${statementLabel(row.waiting)} <- ${
          row.blocking === null ? '?' : statementLabel(row.blocking)
        }`;
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
      }
      await new Promise(resolve => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await sampling;
    return {
      samples,
      withLockWaits,
      maxWaiting,
      pairs: [...pairs].sort((x, y) => y[1] - x[1]),
    };
  };
}

/** Top plan nodes, repeats counted: "Index Scan, 9 x Aggregate". */
function compactPlans(nodes: string[]): string {
  const runs: { node: string; count: number }[] = [];
  for (const node of nodes) {
    const last = runs[runs.length - 1];
    if (last?.node === node) last.count++;
    else runs.push({ node, count: 1 });
  }
  return runs
    .map(({ node, count }) => (count > 1 ? `${count} x ${node}` : node))
    .join(', ');
}

/** A query named by its first table and what its first percentile orders by. */
function queryLabel(sql: string): string {
  const table = /from\s+"?(\w+)"?/i.exec(sql)?.[1] ?? '?';
  const orderBy = /within group \(order by (\w+)\)/i.exec(sql)?.[1];
  const grouping = /grouping sets/i.test(sql) ? ' (grouping sets)' : '';
  return `${table.replace(/^dora_/, '')}${orderBy ? `/${orderBy}` : ''}${grouping}`;
}

/** The slowest statements of a profile, as "label ms", most first. */
export function slowestStatements(
  queries: QueryProfile<unknown>['queries'],
  count = 4,
): string {
  const byLabel = new Map<string, number>();
  for (const query of queries) {
    const label = statementLabel(query.sql);
    byLabel.set(label, (byLabel.get(label) ?? 0) + (query.ms ?? 0));
  }
  return [...byLabel]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, ms]) => `${label} ${ms.toFixed(0)} ms`)
    .join(', ');
}
