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
import { FactsService, settingsOfEntities } from '../src/service/FactsService';
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
      settingsOfEntities(
        refs,
        await catalog.entitiesByRefs(refs, credentials),
        config.defaults,
      ),
    logger: quiet,
  });
  const metrics = new MetricsService(factStore, facts, catalog, config, quiet);
  return { config, catalog, store, factStore, facts, metrics, credentials };
}

export interface QueryProfile<T> {
  result: T;
  count: number;
  /** From each query until knex has its rows (round trip, rows parsed by the driver). */
  queryMs: number;
  totalMs: number;
  queries: { sql: string; bindings: readonly unknown[] }[];
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
  const started = new Map<string, number>();
  const queries: QueryProfile<T>['queries'] = [];
  let queryMs = 0;
  const onQuery = (query: QueryData) => {
    queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
    started.set(query.__knexQueryUid, performance.now());
  };
  const onResponse = (_response: unknown, query: QueryData) => {
    const at = started.get(query.__knexQueryUid);
    if (at !== undefined) queryMs += performance.now() - at;
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResponse);
  const start = performance.now();
  try {
    const result = await fn();
    return {
      result,
      count: queries.length,
      queryMs,
      totalMs: performance.now() - start,
      queries,
    };
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResponse);
  }
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
): Promise<{ timing: Timing; plans: string }> {
  const selects = queries.filter(q => /^\s*(select|with)\b/i.test(q.sql));
  type PgConnection = {
    query(sql: string, values: unknown[]): Promise<{ rows: any[] }>;
  };
  // The captured SQL is the driver's ($1, $2, ..): run it on a raw connection.
  const connection: PgConnection = await knex.client.acquireConnection();
  const times: number[] = [];
  let plans = '';
  try {
    for (let run = 0; run < runs; run++) {
      let total = 0;
      const nodes: string[] = [];
      for (const { sql, bindings } of selects) {
        const plan = await connection
          .query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [...bindings])
          .then(result => result.rows[0]['QUERY PLAN'][0])
          .catch(() => undefined);
        if (!plan) {
          nodes.push('(not explained)');
          continue;
        }
        total += plan['Planning Time'] + plan['Execution Time'];
        nodes.push(plan.Plan['Node Type']);
      }
      times.push(total);
      plans = compactPlans(nodes);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
  return { timing: summarize(times), plans };
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

/**
 * Samples pg_stat_activity of the plugin's database every `everyMs` while
 * it runs: how often some session waited on a lock (a POST waiting for a
 * facts rebuild that holds its entity's row, say), and how many at most.
 */
export function watchLocks(
  knex: Knex,
  everyMs = 100,
): () => Promise<{
  samples: number;
  withLockWaits: number;
  maxWaiting: number;
}> {
  let samples = 0;
  let withLockWaits = 0;
  let maxWaiting = 0;
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const { rows } = await knex.raw(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
           FROM pg_stat_activity WHERE datname = current_database()`,
      );
      const waiting = Number(rows[0].waiting);
      samples++;
      if (waiting > 0) withLockWaits++;
      maxWaiting = Math.max(maxWaiting, waiting);
      await new Promise(resolve => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await sampling;
    return { samples, withLockWaits, maxWaiting };
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
