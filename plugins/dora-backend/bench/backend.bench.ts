/**
 * Benchmark of the dora backend plugin over real HTTP: `npm run bench:backend`
 * (or `npm run bench`, after the engine benchmark) from the repository root.
 * Not part of `npm test` or CI.
 *
 * For PostgreSQL (127.0.0.1:5432, user postgres, a fresh database
 * `dora_bench_<timestamp>` dropped at the end) and then SQLite (a file in a
 * temporary directory) it starts a real Backstage backend in this process
 * (`createBackend` from @backstage/backend-defaults: real database, auth,
 * httpAuth, httpRouter, permissions, scheduler and logger services) with the
 * dora plugin, an in-memory catalog (`catalogServiceMock`) and an
 * external-access static token, and measures over loopback HTTP:
 *
 * 1. ingest throughput, `POST /api/dora/v1/events` in batches of 1,000: an
 *    entity-year of 61,000 events plus 199 smaller entities;
 * 2. `GET /api/dora/v1/metrics` for that entity-year, next to the plain
 *    indexed SELECT of its rows and the store and engine time in process;
 * 3. a 100-service team rollup, `GET /api/dora/v1/groups/.../metrics`;
 * 4. on PostgreSQL only: `POST /api/dora/v1/scorecards/evaluate` for
 *    10,000 entities with a 10-rule scorecard (after 1,000 and 2,000).
 *
 * Figures depend on the machine and its load (printed at the start): compare
 * runs on the same machine and read the medians. The client runs in the same
 * process as the backend, so its work (JSON.stringify of a batch) is done
 * before each request is timed. DORA_BENCH_QUICK=1 runs a small version
 * (for checking the benchmark itself; its figures mean nothing).
 */
/* eslint-disable no-console -- printing the figures is its job */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import {
  MetricsRequest,
  computeEntityMetrics,
  computeRollup,
  validateEventBatch,
} from '@dora-metrics/plugin-dora-common';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
// The seeded generator of the engine benchmark (a bench file, not exported by the package).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { generateEvents } from '../../dora-common/bench/generateEvents';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { component, group } from '../src/__testUtils__/entities';
import { readDoraConfig } from '../src/service/doraConfig';
import {
  EntityCatalog,
  normalizeEntityRef,
} from '../src/service/EntityCatalog';
import { resolveMetricsQuery } from '../src/service/metricsQuery';
import { MetricsService } from '../src/service/MetricsService';
import { KnexDoraStore } from '../src/database/KnexDoraStore';

const QUICK = process.env.DORA_BENCH_QUICK === '1';

const SEED = 20_240_501;
const TOKEN = 'dora-bench-static-token-0123456789';
const PG_URL = 'postgresql://postgres@127.0.0.1:5432';
const YEAR = {
  from: '2025-01-01T00:00:00.000Z',
  to: '2026-01-01T00:00:00.000Z',
};
/** The rollup's 30-day window: the last 30 days of the year. */
const ROLLUP_WINDOW = {
  from: '2025-12-02T00:00:00.000Z',
  to: '2026-01-01T00:00:00.000Z',
};
const BATCH = 1000;
const BIG_NAME = 'payments-api';
const BIG_REF = `component:default/${BIG_NAME}`;
const BIG_SCALE = QUICK ? 0.1 : 1;
const SMALL_ENTITIES = 199;
const SMALL_SCALE = QUICK ? 0.005 : 0.05;
const ROLLUP_GROUP = 'platform';
const ROLLUP_SERVICES = 100;

const METRICS_WARM_UPS = 3;
const METRICS_RUNS = QUICK ? 10 : 50;
const ROLLUP_WARM_UPS = 2;
const ROLLUP_RUNS = QUICK ? 5 : 20;
const DB_RUNS = QUICK ? 5 : 10;

const SCORECARD_ENTITIES = QUICK ? 1000 : 10_000;
const SCORECARD_STEPS = QUICK ? [200, 500] : [1000, 2000];
const SCORECARD_SCALE = 0.001;
/** Skip the full scorecard run when the smaller runs project it past this. */
const SCORECARD_FULL_RUN_LIMIT_S = 420;

const TARGET_INGEST_PER_S = 10_000;
const TARGET_METRICS_P95_MS = 150;
const TARGET_ROLLUP_P95_MS = 1000;
const TARGET_SCORECARD_S = 60;

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- helpers

type RawEvent = Record<string, unknown>;
type Database = 'PostgreSQL' | 'SQLite';

interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** Linear interpolation between closest ranks (R-7), as the engine benchmark. */
function percentile(sorted: number[], p: number): number {
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
}

function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Runs `fn` `warmUps` times unmeasured, then `runs` times measured, one at a time. */
async function measure(
  fn: () => Promise<unknown>,
  { warmUps, runs }: { warmUps: number; runs: number },
): Promise<Timing> {
  for (let i = 0; i < warmUps; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

const gc = (globalThis as { gc?: () => void }).gc;
const collect = () => gc?.();

const ms = (value: number) => value.toFixed(1);
const secs = (millis: number) => (millis / 1000).toFixed(1);
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');

function timingRow(
  label: string,
  timing: Timing,
  rows = '-',
  target = '-',
  result = '-',
): string[] {
  return [
    label,
    String(timing.runs),
    ms(timing.p50),
    ms(timing.p95),
    rows,
    target,
    result,
  ];
}

const table = printTable;

const benchStart = performance.now();
function progress(message: string) {
  const elapsed = ((performance.now() - benchStart) / 1000).toFixed(0);
  console.log(`  [${elapsed.padStart(4)} s] ${message}`);
}

// ------------------------------------------------------------ HTTP client

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
let staleSocketRetries = 0;

interface Response {
  status: number;
  body: string;
  ms: number;
}

/**
 * One request over loopback with the static token; the time runs from the
 * request until the last byte of the response. No Accept-Encoding, as curl
 * and most CI clients send (no gzip).
 */
function call(
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  body?: string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
              }),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - start,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while idle (its keep-alive
      // timeout passed while this process was busy): the request never
      // reached the server, so send it again on a new socket.
      if (req.reusedSocket && error.code === 'ECONNRESET') {
        staleSocketRetries++;
        call(port, method, urlPath, body).then(resolve, reject);
      } else {
        reject(error);
      }
    });
    req.end(body);
  });
}

async function callOk(
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  body?: string,
): Promise<Response> {
  const response = await call(port, method, urlPath, body);
  if (response.status !== 200) {
    throw new Error(
      `${method} ${urlPath} answered ${response.status}: ${response.body.slice(0, 500)}`,
    );
  }
  return response;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

// ---------------------------------------------------------------- catalog

const smallName = (i: number) => `service-${String(i).padStart(3, '0')}`;
const scorecardName = (i: number) => `sc-${String(i).padStart(5, '0')}`;

/**
 * The 200 entities of the main runs: the entity-year `payments-api` and
 * `service-001`..`service-199`. The department `platform` (4 teams, one with
 * a sub-team) owns services 1-100; `product` owns the rest.
 */
function mainCatalog(): Entity[] {
  const platformTeams = [
    'platform-core',
    'platform-core-storage',
    'platform-infra',
    'platform-data',
    'platform-devex',
  ];
  const productTeams = ['product-web', 'product-mobile', 'product-growth'];
  const groups = [
    group('engineering', ['platform', 'product']),
    group(
      'platform',
      ['platform-core', 'platform-infra', 'platform-data', 'platform-devex'],
      'engineering',
    ),
    group('platform-core', ['platform-core-storage'], 'platform'),
    group('platform-core-storage', [], 'platform-core'),
    group('platform-infra', [], 'platform'),
    group('platform-data', [], 'platform'),
    group('platform-devex', [], 'platform'),
    group('product', productTeams, 'engineering'),
    ...productTeams.map(team => group(team, [], 'product')),
  ];
  const components = [component(BIG_NAME, {}, 'product-web')];
  for (let i = 1; i <= SMALL_ENTITIES; i++) {
    const owner =
      i <= ROLLUP_SERVICES
        ? platformTeams[(i - 1) % platformTeams.length]
        : productTeams[i % productTeams.length];
    components.push(component(smallName(i), {}, owner));
  }
  return [...groups, ...components];
}

/**
 * The first `count` of the scorecard entities, 100 per team, 10 teams per
 * department; one department overrides a threshold (as the example catalog).
 */
function scorecardCatalog(count: number): Entity[] {
  const teams = Math.ceil(SCORECARD_ENTITIES / 100);
  const departments = Math.ceil(teams / 10);
  const team = (t: number) => `sc-team-${String(t).padStart(3, '0')}`;
  const department = (d: number) => `sc-dept-${String(d).padStart(2, '0')}`;
  const entities: Entity[] = [
    group(
      'sc-org',
      Array.from({ length: departments }, (_, d) => department(d)),
    ),
  ];
  for (let d = 0; d < departments; d++) {
    const children = [];
    for (let t = d * 10; t < Math.min(teams, (d + 1) * 10); t++) {
      children.push(team(t));
      entities.push(group(team(t), [], department(d)));
    }
    const dept = group(department(d), children, 'sc-org');
    if (d === 0) {
      dept.metadata.annotations = {
        'dora-scorecards/delivery.pr-size': '600',
        'dora-scorecards/delivery.pr-size.warn': '800',
      };
    }
    entities.push(dept);
  }
  for (let i = 1; i <= count; i++) {
    entities.push(
      component(scorecardName(i), {}, team(Math.floor((i - 1) / 100))),
    );
  }
  return entities;
}

/** The example's "Delivery working agreements" scorecard plus one rule: 10 rules. */
function benchScorecard(): JsonObject {
  const file = path.resolve(__dirname, '../../../examples/app-config.yaml');
  const example = parseYaml(fs.readFileSync(file, 'utf8'));
  const scorecard = example.dora.scorecards.find(
    (s: { id: string }) => s.id === 'delivery',
  );
  return {
    ...scorecard,
    rules: [
      ...scorecard.rules,
      {
        id: 'reviewed',
        title: 'At most 10 % of pull requests merged without review',
        metric: 'pullRequests.unreviewedRatio',
        operator: '<=',
        threshold: '10%',
        minSampleSize: 5,
        level: 'bronze',
      },
    ],
  };
}

// ---------------------------------------------------------------- backend

interface DatabaseSetup {
  name: Database;
  /** backend.database */
  backendConfig: JsonObject;
  /** A knex of our own on the plugin's database, for the plain SELECTs. */
  connect(): Knex;
}

function backendConfig(
  port: number,
  database: JsonObject,
  scorecard: JsonObject,
): JsonObject {
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: TOKEN, subject: 'dora-bench' },
          },
        ],
      },
      logger: { level: 'warn' },
    },
    dora: {
      scorecards: [scorecard],
      // Keep the scheduled evaluation out of the measurements.
      scorecardEvaluation: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { hours: 1 },
          initialDelay: { hours: 12 },
        },
      },
    },
  };
}

interface RunningBackend {
  port: number;
  config: JsonObject;
  startMs: number;
  stop(): Promise<void>;
}

async function startBackend(
  database: JsonObject,
  entities: Entity[],
  scorecard: JsonObject,
): Promise<RunningBackend> {
  const port = await freePort();
  const config = backendConfig(port, database, scorecard);
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => new ConfigReader(config),
    }),
  );
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(import('@dora-metrics/plugin-dora-backend'));
  const start = performance.now();
  await backend.start();
  return {
    port,
    config,
    startMs: performance.now() - start,
    stop: () => backend.stop(),
  };
}

// ----------------------------------------------------------------- ingest

interface IngestResult {
  events: number;
  batches: number;
  /** Sum of the request times. */
  postMs: number;
  /** Wall clock, with generating and serializing the events. */
  wallMs: number;
  perBatchPerS: Timing;
  batchMs: Timing;
}

/** Posts the events of every entity, in order, in batches of 1,000, one request at a time. */
async function ingest(
  port: number,
  label: string,
  entityCount: number,
  eventsOf: (index: number) => RawEvent[],
): Promise<IngestResult> {
  const wallStart = performance.now();
  const rates: number[] = [];
  const batchTimes: number[] = [];
  let buffer: RawEvent[] = [];
  let events = 0;
  let postMs = 0;
  let nextReport = 0.25;
  const post = async (batch: RawEvent[]) => {
    const body = JSON.stringify({ events: batch });
    const response = await callOk(port, 'POST', '/api/dora/v1/events', body);
    const accepted = JSON.parse(response.body).accepted;
    if (accepted !== batch.length) {
      throw new Error(`accepted ${accepted} of ${batch.length} events`);
    }
    events += batch.length;
    postMs += response.ms;
    rates.push((batch.length / response.ms) * 1000);
    batchTimes.push(response.ms);
  };
  for (let i = 0; i < entityCount; i++) {
    buffer.push(...eventsOf(i));
    while (buffer.length >= BATCH) {
      await post(buffer.slice(0, BATCH));
      buffer = buffer.slice(BATCH);
    }
    if ((i + 1) / entityCount >= nextReport) {
      progress(
        `${label}: ${i + 1} of ${entityCount} entities, ${int(events)} events posted, ` +
          `${int((events / postMs) * 1000)} events/s so far`,
      );
      nextReport += 0.25;
    }
  }
  if (buffer.length) await post(buffer);
  return {
    events,
    batches: rates.length,
    postMs,
    wallMs: performance.now() - wallStart,
    perBatchPerS: summarize(rates),
    batchMs: summarize(batchTimes),
  };
}

/** Events as a client would send them: plain JSON. */
const asJson = (events: RawEvent[]) =>
  JSON.parse(JSON.stringify(events)) as RawEvent[];

function mainEvents(index: number): RawEvent[] {
  if (index === 0) {
    return asJson(
      generateEvents({
        entityRef: BIG_REF,
        ...YEAR,
        scale: BIG_SCALE,
        seed: SEED,
      }),
    );
  }
  return asJson(
    generateEvents({
      entityRef: `component:default/${smallName(index)}`,
      ...YEAR,
      scale: SMALL_SCALE,
      seed: SEED + index,
    }),
  );
}

async function countRows(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const name of ['dora_deployments', 'dora_changes', 'dora_incidents']) {
    const [{ n }] = await knex(name).count({ n: '*' });
    counts[name] = Number(n);
  }
  return counts;
}

// ------------------------------------------------------------- main runs

interface MainFigures {
  database: Database;
  ingest: IngestResult;
  /** Events/s with 2 requests in flight (fresh probe events). */
  ingestTwoInFlight: number;
  metrics: Timing;
  rollup: Timing;
}

const queryString = (params: Record<string, string>) =>
  new URLSearchParams(params).toString();

async function mainRuns(
  setup: DatabaseSetup,
  entities: Entity[],
  scorecard: JsonObject,
): Promise<MainFigures> {
  console.log(`\n=== ${setup.name} ===`);
  const backend = await startBackend(setup.backendConfig, entities, scorecard);
  progress(
    `${setup.name}: backend started on 127.0.0.1:${backend.port} in ${ms(backend.startMs)} ms`,
  );
  const knex = setup.connect();
  try {
    // 1. Ingest
    const ingested = await ingest(
      backend.port,
      `${setup.name} ingest`,
      1 + SMALL_ENTITIES,
      mainEvents,
    );
    const rows = await countRows(knex);
    const rowTotal = Object.values(rows).reduce((a, b) => a + b, 0);
    const ingestPerS = (ingested.events / ingested.postMs) * 1000;
    table(
      `${setup.name}: ingest over HTTP, POST /api/dora/v1/events, batches of ${int(BATCH)}, one request at a time ` +
        `(1 entity-year + ${SMALL_ENTITIES} entities at scale ${SMALL_SCALE})`,
      [
        'events',
        'batches',
        'POST time s',
        'events/s (total)',
        'median events/s per batch',
        'median batch ms',
        'p95 batch ms',
        'wall s (with generating)',
      ],
      [
        [
          int(ingested.events),
          int(ingested.batches),
          secs(ingested.postMs),
          int(ingestPerS),
          int(ingested.perBatchPerS.p50),
          ms(ingested.batchMs.p50),
          ms(ingested.batchMs.p95),
          secs(ingested.wallMs),
        ],
      ],
    );
    console.log(
      `Rows stored: ${int(rows.dora_deployments)} deployments, ${int(rows.dora_changes)} changes, ` +
        `${int(rows.dora_incidents)} incidents (${int(rowTotal)}; ${
          rowTotal === ingested.events ? 'all events stored' : 'MISMATCH'
        }).`,
    );

    // In-process services on our own connection, for the breakdowns.
    const doraConfig = readDoraConfig(new ConfigReader(backend.config));
    const store = new KnexDoraStore(knex);
    const entityCatalog = new EntityCatalog(catalogServiceMock({ entities }));
    const service = new MetricsService(store, entityCatalog, doraConfig);
    const credentials = mockCredentials.service('plugin:dora-bench');

    // Where an ingest request's time goes, and two requests in flight.
    progress(`${setup.name}: ingest breakdown with fresh probe events`);
    const breakdown = await ingestBreakdown(backend.port, knex, store);
    const inFlight = breakdown.concurrent;
    table(
      `${setup.name}: where a POST /events of ${int(BATCH)} fresh events goes ` +
        `(in process, one step at a time, ${breakdown.batches} batches; ms per batch)`,
      ['step', 'p50 ms', 'p95 ms', 'share of the p50 sum'],
      breakdown.steps.map(([label, timing]) => [
        label,
        ms(timing.p50),
        ms(timing.p95),
        `${((timing.p50 / breakdown.sumP50) * 100).toFixed(0)} %`,
      ]),
    );
    console.log(
      `Sum of the steps (p50) ${ms(breakdown.sumP50)} ms per ${int(BATCH)} events = ` +
        `${int((BATCH / breakdown.sumP50) * 1000)} events/s at most, one request at a time; ` +
        `over HTTP the median batch took ${ms(ingested.batchMs.p50)} ms. ` +
        `With 2 requests in flight: ${int(inFlight.events)} events in ${secs(
          inFlight.wallMs,
        )} s = ${int((inFlight.events / inFlight.wallMs) * 1000)} events/s.`,
    );
    const big = entities.find(
      e => e.kind === 'Component' && e.metadata.name === BIG_NAME,
    )!;

    // 2. Metrics of the entity-year
    collect();
    progress(`${setup.name}: GET /metrics for the entity-year`);
    const metricsPath = `/api/dora/v1/metrics?${queryString({
      entityRef: BIG_REF,
      ...YEAR,
      bucket: 'week',
    })}`;
    let lastBody = '';
    const metricsHttp = await measure(
      async () => {
        lastBody = (await callOk(backend.port, 'GET', metricsPath)).body;
      },
      { warmUps: METRICS_WARM_UPS, runs: METRICS_RUNS },
    );
    const yearRequest = resolveMetricsQuery(
      { ...YEAR, bucket: 'week' },
      Date.now(),
    );
    const wholeService = await measure(
      () => service.entityMetrics(BIG_REF, yearRequest, credentials),
      { warmUps: 2, runs: DB_RUNS },
    );
    // The store's reads, split into its queries (driver round trips with
    // row parsing) and the mapping of rows to engine records.
    const storeProfiles = [];
    for (let run = 0; run < 2 + DB_RUNS; run++) {
      const profile = await profileQueries(knex, () =>
        service.loadEntity(big, yearRequest),
      );
      if (run >= 2) storeProfiles.push(profile);
    }
    const storeQueries = storeProfiles[0].count;
    const storeRead = summarize(storeProfiles.map(p => p.totalMs));
    const storeQueryTime = summarize(storeProfiles.map(p => p.queryMs));
    const storeMapping = summarize(
      storeProfiles.map(p => p.totalMs - p.queryMs),
    );
    const loaded = await service.loadEntity(big, yearRequest);
    const engine = await measure(
      async () => {
        const { timeline } = loaded.input;
        computeEntityMetrics(
          {
            ...loaded.input,
            timeline: {
              deployments: timeline!.deployments.slice(),
              changes: timeline!.changes.slice(),
              incidents: timeline!.incidents.slice(),
            },
          },
          yearRequest,
        );
      },
      { warmUps: 2, runs: DB_RUNS },
    );
    const result = JSON.parse(lastBody);
    const stringify = await measure(async () => JSON.stringify(result), {
      warmUps: 2,
      runs: DB_RUNS,
    });
    const plain = await plainSelect(knex, setup.name, BIG_REF, yearRequest);
    const timeline = loaded.input.timeline!;
    const storeRows =
      timeline.deployments.length +
      timeline.changes.length +
      timeline.incidents.length;
    const isPg = setup.name === 'PostgreSQL';
    table(
      `${setup.name}: GET /api/dora/v1/metrics, the entity-year ${BIG_REF} over ${YEAR.from.slice(
        0,
        10,
      )}..${YEAR.to.slice(0, 10)}, bucket week ` +
        `(${METRICS_RUNS} calls after ${METRICS_WARM_UPS} warm-ups; response ${int(
          Buffer.byteLength(lastBody) / 1024,
        )} KiB)`,
      ['what', 'runs', 'p50 ms', 'p95 ms', 'rows', 'target', 'result'],
      [
        timingRow(
          'HTTP GET /metrics (the whole request)',
          metricsHttp,
          '-',
          isPg ? `p95 <= ${TARGET_METRICS_P95_MS} ms` : '(PostgreSQL only)',
          isPg ? verdict(metricsHttp.p95 <= TARGET_METRICS_P95_MS) : '-',
        ),
        timingRow(
          'in process, no HTTP: MetricsService.entityMetrics',
          wholeService,
        ),
        timingRow(
          `  of which the store's reads (loadEntity, ${storeQueries} queries)`,
          storeRead,
          int(storeRows),
        ),
        timingRow(
          '    its queries (round trips, rows parsed by the driver)',
          storeQueryTime,
        ),
        timingRow('    its mapping of rows to engine records', storeMapping),
        timingRow('  of which the engine (computeEntityMetrics)', engine),
        timingRow('JSON.stringify of the response body', stringify),
        [
          'the rest: HTTP, auth, permissions, express (p50 difference)',
          '-',
          ms(Math.max(0, metricsHttp.p50 - wholeService.p50 - stringify.p50)),
          '-',
          '-',
          '-',
          '-',
        ],
        timingRow(
          'DB: plain indexed SELECT * of the window (3 queries, knex)',
          plain.timing,
          int(plain.rows),
        ),
        ...(plain.server
          ? [
              timingRow(
                'DB: the same 3 SELECTs inside the server (EXPLAIN ANALYZE)',
                plain.server,
                int(plain.rows),
              ),
            ]
          : []),
      ],
    );
    console.log(
      `The store read ${int(timeline.deployments.length)} deployments, ${int(
        timeline.changes.length,
      )} changes, ${int(timeline.incidents.length)} incidents ` +
        `(the window plus ${doraConfig.historyDays} days of history, engine columns only); ` +
        `the plain SELECT * reads every column of the window's rows${
          plain.plans ? ` (plans: ${plain.plans})` : ''
        }. ` +
        `Sanity: ${int(result.deploymentFrequency.count)} counted deployments, lead time over ` +
        `${int(result.leadTime.sampleSize)} changes, warnings: ${
          result.warnings.map((w: { code: string }) => w.code).join(', ') ||
          'none'
        }.`,
    );

    // 3. Team rollup
    collect();
    progress(`${setup.name}: GET /groups/default/${ROLLUP_GROUP}/metrics`);
    const rollupPath = `/api/dora/v1/groups/default/${ROLLUP_GROUP}/metrics?${queryString(
      ROLLUP_WINDOW,
    )}`;
    let rollupBody = '';
    const rollupHttp = await measure(
      async () => {
        rollupBody = (await callOk(backend.port, 'GET', rollupPath)).body;
      },
      { warmUps: ROLLUP_WARM_UPS, runs: ROLLUP_RUNS },
    );
    const rollupResult = JSON.parse(rollupBody);
    const rollupRequest: MetricsRequest = resolveMetricsQuery(
      ROLLUP_WINDOW,
      Date.now(),
    );
    const groupRef = `group:default/${ROLLUP_GROUP}`;
    const rollupService = await measure(
      () => service.groupMetrics(groupRef, rollupRequest, credentials),
      { warmUps: 1, runs: 5 },
    );
    const teamRead = await measure(
      () => service.loadTeam(groupRef, rollupRequest, credentials),
      { warmUps: 1, runs: 5 },
    );
    const { count: teamQueries } = await profileQueries(knex, () =>
      service.loadTeam(groupRef, rollupRequest, credentials),
    );
    const team = await service.loadTeam(groupRef, rollupRequest, credentials);
    const rollupEngine = await measure(
      async () =>
        computeRollup(
          team.groupRef,
          team.loaded.map(l => ({
            ...l.input,
            timeline: {
              deployments: l.input.timeline!.deployments.slice(),
              changes: l.input.timeline!.changes.slice(),
              incidents: l.input.timeline!.incidents.slice(),
            },
          })),
          rollupRequest,
        ),
      { warmUps: 1, runs: 5 },
    );
    const teamEvents = team.loaded.reduce(
      (sum, l) =>
        sum +
        l.input.timeline!.deployments.length +
        l.input.timeline!.changes.length +
        l.input.timeline!.incidents.length,
      0,
    );
    table(
      `${setup.name}: GET /api/dora/v1/groups/default/${ROLLUP_GROUP}/metrics, ` +
        `${team.loaded.length} services in the team's subtree, 30-day window ${ROLLUP_WINDOW.from.slice(
          0,
          10,
        )}..${ROLLUP_WINDOW.to.slice(0, 10)} ` +
        `(${ROLLUP_RUNS} calls after ${ROLLUP_WARM_UPS} warm-ups; response ${int(
          Buffer.byteLength(rollupBody) / 1024,
        )} KiB)`,
      ['what', 'runs', 'p50 ms', 'p95 ms', 'rows', 'target', 'result'],
      [
        timingRow(
          'HTTP GET team rollup (the whole request)',
          rollupHttp,
          '-',
          `p95 <= ${TARGET_ROLLUP_P95_MS} ms`,
          verdict(rollupHttp.p95 <= TARGET_ROLLUP_P95_MS),
        ),
        timingRow(
          'in process, no HTTP: MetricsService.groupMetrics',
          rollupService,
        ),
        timingRow(
          `  of which catalog + store reads (loadTeam, ${teamQueries} queries)`,
          teamRead,
          int(teamEvents),
        ),
        timingRow('  of which the engine (computeRollup)', rollupEngine),
      ],
    );
    const { from: windowFrom, to: windowTo } = rollupRequest.window;
    const inWindow = (at: number | null) =>
      at !== null && at >= windowFrom && at < windowTo;
    const teamInWindow = team.loaded.reduce((sum, l) => {
      const t = l.input.timeline!;
      return (
        sum +
        t.deployments.filter(d => inWindow(d.finishedAt)).length +
        t.changes.filter(c => inWindow(c.mergedAt)).length +
        t.incidents.filter(i => inWindow(i.openedAt)).length
      );
    }, 0);
    console.log(
      `The store read ${int(teamEvents)} rows for the team; ${int(
        teamInWindow,
      )} of them fall in the 30-day window, the rest is the ` +
        `${doraConfig.historyDays}-day history before it.`,
    );
    console.log(
      `Sanity: ${int(rollupResult.entities?.length ?? 0)} entity rows, ` +
        `${int(
          rollupResult.deploymentFrequency?.count ?? 0,
        )} counted deployments pooled.`,
    );

    return {
      database: setup.name,
      ingest: ingested,
      ingestTwoInFlight: (inFlight.events / inFlight.wallMs) * 1000,
      metrics: metricsHttp,
      rollup: rollupHttp,
    };
  } finally {
    await knex.destroy();
    await backend.stop();
  }
}

/**
 * The steps of an ingest request in process, on fresh events of an entity
 * the catalog does not know (kept, like any such event): parse the body,
 * validate, resolve the entity refs, upsert. Then fresh events over HTTP
 * with two requests in flight.
 */
async function ingestBreakdown(port: number, knex: Knex, store: KnexDoraStore) {
  const probe = (name: string, seed: number) =>
    asJson(
      generateEvents({
        entityRef: `component:default/${name}`,
        ...YEAR,
        scale: QUICK ? 0.05 : 0.2,
        seed,
      }),
    );
  const events = probe('ingest-probe-steps', SEED - 1);
  const times: Record<string, number[]> = {
    parse: [],
    validate: [],
    resolve: [],
    upsert: [],
    roundTrips: [],
    building: [],
  };
  let batches = 0;
  for (let i = 0; i + BATCH <= events.length; i += BATCH) {
    const body = JSON.stringify({ events: events.slice(i, i + BATCH) });
    let start = performance.now();
    const parsed = JSON.parse(body);
    times.parse.push(performance.now() - start);
    start = performance.now();
    const validated = validateEventBatch(parsed.events);
    times.validate.push(performance.now() - start);
    if (!validated.ok) throw new Error(validated.problems[0].message);
    start = performance.now();
    const resolved = validated.events.map(event => ({
      ...event,
      entityRef: normalizeEntityRef(event.entityRef!),
    }));
    times.resolve.push(performance.now() - start);
    const upsert = await profileQueries(knex, () =>
      store.upsertEvents(resolved),
    );
    times.upsert.push(upsert.totalMs);
    times.roundTrips.push(upsert.queryMs);
    times.building.push(upsert.totalMs - upsert.queryMs);
    batches++;
  }
  const steps: Array<[string, Timing]> = [
    ['JSON.parse of the body (express.json)', summarize(times.parse)],
    ['validateEventBatch (zod, duplicates)', summarize(times.validate)],
    ['entity refs normalized (parseEntityRef)', summarize(times.resolve)],
    [
      'store.upsertEvents (one transaction, 500-row INSERT .. ON CONFLICT MERGE)',
      summarize(times.upsert),
    ],
  ];
  const sumP50 = steps.reduce((sum, [, timing]) => sum + timing.p50, 0);
  steps.push(
    ['  of which the INSERT round trips', summarize(times.roundTrips)],
    [
      '  of which the rest: rows built, knex SQL compiled, BEGIN/COMMIT',
      summarize(times.building),
    ],
  );

  const fresh = probe('ingest-probe-concurrent', SEED - 2);
  const chunks: string[] = [];
  for (let i = 0; i < fresh.length; i += BATCH) {
    chunks.push(JSON.stringify({ events: fresh.slice(i, i + BATCH) }));
  }
  const wallStart = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const body = chunks[next++];
      await callOk(port, 'POST', '/api/dora/v1/events', body);
    }
  };
  await Promise.all([worker(), worker()]);
  const concurrent = {
    events: fresh.length,
    wallMs: performance.now() - wallStart,
  };
  return { steps, sumP50, batches, concurrent };
}

/**
 * Runs `fn` and times every query it sends through `knex`, from the query
 * until knex has the rows (the driver's round trip, with row parsing).
 */
async function profileQueries(
  knex: Knex,
  fn: () => Promise<unknown>,
): Promise<{ count: number; queryMs: number; totalMs: number }> {
  type QueryData = { __knexQueryUid: string };
  const started = new Map<string, number>();
  let count = 0;
  let queryMs = 0;
  const onQuery = (query: QueryData) => {
    count++;
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
    await fn();
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onResponse);
  }
  return { count, queryMs, totalMs: performance.now() - start };
}

/** The rows of the window, read with the simplest indexed SELECTs. */
async function plainSelect(
  knex: Knex,
  database: Database,
  entityRef: string,
  request: MetricsRequest,
): Promise<{ timing: Timing; rows: number; server?: Timing; plans?: string }> {
  const { from, to } = request.window;
  const queries = () => [
    knex('dora_deployments')
      .select('*')
      .where('entity_ref', entityRef)
      .where('finished_at', '>=', from)
      .where('finished_at', '<', to),
    knex('dora_changes')
      .select('*')
      .where('entity_ref', entityRef)
      .where('merged_at', '>=', from)
      .where('merged_at', '<', to),
    knex('dora_incidents')
      .select('*')
      .where('entity_ref', entityRef)
      .where('opened_at', '>=', from)
      .where('opened_at', '<', to),
  ];
  let rows = 0;
  const timing = await measure(
    async () => {
      rows = 0;
      for (const query of queries()) rows += (await query).length;
    },
    { warmUps: 2, runs: DB_RUNS },
  );
  if (database !== 'PostgreSQL') return { timing, rows };

  // What the server alone spends on them (planning + execution, no transfer).
  const serverTimes: number[] = [];
  let plans = '';
  for (let run = 0; run < DB_RUNS; run++) {
    const nodes: string[] = [];
    let total = 0;
    for (const query of queries()) {
      const { sql, bindings } = query.toSQL();
      const result = await knex.raw(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        bindings as Knex.RawBinding[],
      );
      const [plan] = result.rows[0]['QUERY PLAN'];
      total += plan['Planning Time'] + plan['Execution Time'];
      nodes.push(plan.Plan['Node Type']);
    }
    serverTimes.push(total);
    plans = nodes.join(', ');
  }
  return { timing, rows, server: summarize(serverTimes), plans };
}

// --------------------------------------------------------------- scorecards

interface ScorecardStep {
  entities: number;
  ms: number;
  results: number;
  responseKiB: number;
}

interface ScorecardFigures {
  ingest: IngestResult;
  steps: ScorecardStep[];
  full?: ScorecardStep;
  projectedFullMs: number;
  perEntityStoreMs: number;
  perEntityEngineMs: number;
}

async function scorecardRuns(
  setup: DatabaseSetup,
  scorecard: JsonObject,
): Promise<ScorecardFigures> {
  console.log(`\n=== ${setup.name}: scorecards ===`);
  const now = Date.now();
  const window = {
    from: new Date(now - 28 * DAY_MS).toISOString(),
    to: new Date(now - 3_600_000).toISOString(),
  };
  const eventsOf = (index: number) =>
    asJson(
      generateEvents({
        entityRef: `component:default/${scorecardName(index + 1)}`,
        ...window,
        scale: SCORECARD_SCALE,
        seed: SEED + 100_000 + index,
      }),
    );
  const rules = (scorecard.rules as unknown[]).length;

  const evaluate = async (count: number): Promise<ScorecardStep> => {
    const backend = await startBackend(
      setup.backendConfig,
      scorecardCatalog(count),
      scorecard,
    );
    try {
      collect();
      progress(
        `${setup.name}: POST /scorecards/evaluate with ${int(count)} entities in the catalog`,
      );
      const response = await callOk(
        backend.port,
        'POST',
        '/api/dora/v1/scorecards/evaluate',
      );
      const results: number = JSON.parse(response.body).count;
      progress(
        `${setup.name}: ${int(count)} entities evaluated in ${secs(response.ms)} s (${int(results)} results)`,
      );
      return {
        entities: count,
        ms: response.ms,
        results,
        responseKiB: Buffer.byteLength(response.body) / 1024,
      };
    } finally {
      await backend.stop();
    }
  };

  // Ingest every entity's events through a backend (the catalog does not matter for ingest).
  const ingestBackend = await startBackend(
    setup.backendConfig,
    scorecardCatalog(0),
    scorecard,
  );
  let ingested: IngestResult;
  try {
    ingested = await ingest(
      ingestBackend.port,
      `${setup.name} scorecard entities ingest`,
      SCORECARD_ENTITIES,
      eventsOf,
    );
  } finally {
    await ingestBackend.stop();
  }

  // Per entity, in process: the store's reads and the engine, as the evaluation runs them.
  const knex = setup.connect();
  let perEntityStoreMs = 0;
  let perEntityEngineMs = 0;
  try {
    const sample = scorecardCatalog(200).filter(e => e.kind === 'Component');
    const service = new MetricsService(
      new KnexDoraStore(knex),
      new EntityCatalog(catalogServiceMock({ entities: sample })),
      readDoraConfig(new ConfigReader({})),
    );
    const request: MetricsRequest = {
      window: { from: Date.now() - 30 * DAY_MS, to: Date.now() },
      timezone: 'UTC',
      bucket: 'week',
    };
    let storeMs = 0;
    let engineMs = 0;
    for (const entity of sample) {
      const t0 = performance.now();
      const { input } = await service.loadEntity(entity, request);
      const t1 = performance.now();
      computeEntityMetrics(input, request);
      engineMs += performance.now() - t1;
      storeMs += t1 - t0;
    }
    perEntityStoreMs = storeMs / sample.length;
    perEntityEngineMs = engineMs / sample.length;
  } finally {
    await knex.destroy();
  }

  const steps: ScorecardStep[] = [];
  for (const count of SCORECARD_STEPS) steps.push(await evaluate(count));
  // Linear through the two measured sizes.
  const [a, b] = steps;
  const slope = (b.ms - a.ms) / (b.entities - a.entities);
  const projectedFullMs = Math.max(
    b.ms + slope * (SCORECARD_ENTITIES - b.entities),
    (b.ms / b.entities) * SCORECARD_ENTITIES,
  );
  let full: ScorecardStep | undefined;
  if (projectedFullMs / 1000 <= SCORECARD_FULL_RUN_LIMIT_S) {
    full = await evaluate(SCORECARD_ENTITIES);
  } else {
    progress(
      `${setup.name}: ${int(SCORECARD_ENTITIES)} entities projected at ${secs(
        projectedFullMs,
      )} s, past ${SCORECARD_FULL_RUN_LIMIT_S} s: not run`,
    );
  }

  const rows = [...steps, ...(full ? [full] : [])].map(step => [
    `${int(step.entities)} entities x ${rules} rules`,
    'measured',
    secs(step.ms),
    ms(step.ms / step.entities),
    int(step.results),
    int(step.responseKiB),
    step === full ? `<= ${TARGET_SCORECARD_S} s` : '-',
    step === full ? verdict(step.ms / 1000 <= TARGET_SCORECARD_S) : '-',
  ]);
  if (!full) {
    rows.push([
      `${int(SCORECARD_ENTITIES)} entities x ${rules} rules`,
      'EXTRAPOLATED (linear)',
      secs(projectedFullMs),
      ms(projectedFullMs / SCORECARD_ENTITIES),
      '-',
      '-',
      `<= ${TARGET_SCORECARD_S} s`,
      `${verdict(projectedFullMs / 1000 <= TARGET_SCORECARD_S)} (extrapolated)`,
    ]);
  }
  const ingestPerS = (ingested.events / ingested.postMs) * 1000;
  table(
    `${setup.name}: scorecard evaluation, one POST /api/dora/v1/scorecards/evaluate ` +
      `("${scorecard.id}" from dora.scorecards: the example's ${rules - 1} rules + 1, 30-day window); ` +
      `each entity has ~${int(ingested.events / SCORECARD_ENTITIES)} events in the window`,
    [
      'evaluation',
      'how',
      'time s',
      'ms per entity',
      'results',
      'response KiB',
      'target',
      'result',
    ],
    rows,
  );
  console.log(
    `Ingest of the scorecard entities' events (not part of the evaluation): ${int(
      ingested.events,
    )} events for ${int(SCORECARD_ENTITIES)} entities in ${secs(ingested.postMs)} s of POSTs ` +
      `(${int(ingestPerS)} events/s; wall ${secs(ingested.wallMs)} s with generating).`,
  );
  console.log(
    `Per entity in process (200 entities, one at a time): store reads ${ms(
      perEntityStoreMs,
    )} ms, engine ${ms(perEntityEngineMs)} ms; the evaluation runs 8 entities at a time.`,
  );
  return {
    ingest: ingested,
    steps,
    full,
    projectedFullMs,
    perEntityStoreMs,
    perEntityEngineMs,
  };
}

// -------------------------------------------------------------------- main

async function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const [load1, load5, load15] = os.loadavg();
  console.log(
    `DORA backend benchmark: Node ${process.version}, ${cpu} x ${os.cpus().length}, ` +
      `${int(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.type()} ${os.release()}; ` +
      `load average ${load1.toFixed(2)} / ${load5.toFixed(2)} / ${load15.toFixed(2)} (1/5/15 min) at start.`,
  );
  console.log(
    `A real Backstage backend in this process (createBackend, @backstage/backend-defaults) with the dora plugin, ` +
      `an in-memory catalog (catalogServiceMock) and an external-access static token; HTTP over 127.0.0.1. ` +
      `Seed ${SEED}.${QUICK ? ' QUICK MODE: small sizes, figures mean nothing.' : ''}`,
  );
  if (!gc) console.log('(run with --expose-gc for steadier figures)');

  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  const pgDatabase = `dora_bench_${stamp}`;
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-bench-'));
  const scorecard = benchScorecard();
  const entities = mainCatalog();

  try {
    const [{ version: pgVersion }] = (
      await admin.raw('SELECT version() AS version')
    ).rows;
    const sqliteKnex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    const [{ v: sqliteVersion }] = await sqliteKnex.raw(
      'SELECT sqlite_version() AS v',
    );
    await sqliteKnex.destroy();
    console.log(
      `Databases: ${String(pgVersion).split(',')[0]} (database ${pgDatabase}); ` +
        `SQLite ${sqliteVersion} via better-sqlite3 (file in ${sqliteDir}).`,
    );
    await admin.raw('CREATE DATABASE ??', [pgDatabase]);

    const postgres: DatabaseSetup = {
      name: 'PostgreSQL',
      backendConfig: {
        client: 'pg',
        connection: PG_URL,
        plugin: { dora: { connection: { database: pgDatabase } } },
      },
      connect: () =>
        knexFactory({ client: 'pg', connection: `${PG_URL}/${pgDatabase}` }),
    };
    const sqlite: DatabaseSetup = {
      name: 'SQLite',
      backendConfig: {
        client: 'better-sqlite3',
        connection: { directory: sqliteDir },
      },
      connect: () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: path.join(sqliteDir, 'dora.sqlite') },
          useNullAsDefault: true,
        }),
    };

    const pgMain = await mainRuns(postgres, entities, scorecard);
    const pgScorecards = await scorecardRuns(postgres, scorecard);
    const sqliteMain = await mainRuns(sqlite, entities, scorecard);

    // Summary
    const perS = (i: IngestResult) => (i.events / i.postMs) * 1000;
    const fullOrProjected =
      pgScorecards.full?.ms ?? pgScorecards.projectedFullMs;
    const summaryRows = [
      [
        'Ingest over HTTP, batches of 1,000, 1 request at a time',
        'PostgreSQL',
        `${int(perS(pgMain.ingest))} events/s`,
        `>= ${int(TARGET_INGEST_PER_S)} events/s`,
        verdict(perS(pgMain.ingest) >= TARGET_INGEST_PER_S),
      ],
      [
        '  (the same, 2 requests in flight, figure only)',
        'PostgreSQL',
        `${int(pgMain.ingestTwoInFlight)} events/s`,
        '-',
        '-',
      ],
      [
        'Ingest over HTTP, batches of 1,000, 1 request at a time',
        'SQLite',
        `${int(perS(sqliteMain.ingest))} events/s`,
        '(PostgreSQL only)',
        '-',
      ],
      [
        'GET /metrics entity-year, p95',
        'PostgreSQL',
        `${ms(pgMain.metrics.p95)} ms`,
        `<= ${TARGET_METRICS_P95_MS} ms`,
        verdict(pgMain.metrics.p95 <= TARGET_METRICS_P95_MS),
      ],
      [
        'GET /metrics entity-year, p95',
        'SQLite',
        `${ms(sqliteMain.metrics.p95)} ms`,
        '(PostgreSQL only)',
        '-',
      ],
      ...[pgMain, sqliteMain].map(figures => [
        `Team rollup, ${ROLLUP_SERVICES} services, p95`,
        figures.database,
        `${ms(figures.rollup.p95)} ms`,
        `<= ${int(TARGET_ROLLUP_P95_MS)} ms`,
        verdict(figures.rollup.p95 <= TARGET_ROLLUP_P95_MS),
      ]),
      [
        `Scorecards, ${int(SCORECARD_ENTITIES)} entities x ${
          (scorecard.rules as unknown[]).length
        } rules`,
        'PostgreSQL',
        `${secs(fullOrProjected)} s${pgScorecards.full ? '' : ' (EXTRAPOLATED)'}`,
        `<= ${TARGET_SCORECARD_S} s`,
        verdict(fullOrProjected / 1000 <= TARGET_SCORECARD_S) +
          (pgScorecards.full ? '' : ' (extrapolated)'),
      ],
    ];
    table(
      'Targets',
      ['figure', 'database', 'measured', 'target', 'result'],
      summaryRows,
    );
    if (staleSocketRetries > 0) {
      console.log(
        `\n(${staleSocketRetries} request(s) sent again on a new socket: the server had closed an idle kept-alive one.)`,
      );
    }
    const [endLoad1] = os.loadavg();
    console.log(
      `\nLoad average ${endLoad1.toFixed(2)} at the end; the whole benchmark took ${secs(
        performance.now() - benchStart,
      )} s.`,
    );
  } finally {
    await admin
      .raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [pgDatabase])
      .catch(error => console.error(`Could not drop ${pgDatabase}: ${error}`));
    await admin.destroy();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
    agent.destroy();
  }
}

// The backend registers a beforeExit hook that exits with 0: exit explicitly.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
