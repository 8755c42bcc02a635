/**
 * Benchmark of the dora backend plugin over real HTTP: `npm run bench:backend`
 * (or `npm run bench`, after the engine benchmark) from the repository root.
 * Not part of `npm test` or CI.
 *
 * For PostgreSQL (127.0.0.1:5432, user postgres, a fresh database
 * `dora_bench_<timestamp>` dropped at the end) and then SQLite (a file in a
 * temporary directory) it starts a real Backstage backend in this process
 * (benchBackend.ts) and measures over loopback HTTP, each figure next to its
 * target:
 *
 * 1. entityYear.ts: `GET /api/dora/v1/metrics` of an entity-year (10,000
 *    deployments, 50,000 changes, 1,000 incidents) once its facts are
 *    current, next to the plain indexed SELECT of its raw rows;
 * 2. ingest.ts: events/s from the first POST until `GET /v1/facts` says no
 *    entity is stale (the entity-year plus smaller entities);
 * 3. factBuild.ts: the time to build the entity-year's facts from scratch;
 * 4. organisation.ts: 1,000 services in a 31-group tree with ~1M events:
 *    every group's 30-day rollup as the DORA page fetches them, the
 *    organisation's 90-day and 1-year rollups;
 * 5. scorecards.ts (PostgreSQL only): `POST /api/dora/v1/scorecards/evaluate`
 *    for 10,000 entities x a 10-rule scorecard;
 * 6. storm.ts: 200 year-window reads at once while a light read is timed
 *    (heavy reads take turns; the overflow is refused with 503);
 * 7. preview.ts (PostgreSQL only): `POST /api/dora/v1/scorecards/preview`
 *    of the 10-rule scorecard over 12 weeks for 1,000 entities, median of
 *    several runs. DORA_BENCH_ONLY=preview runs this one alone.
 *
 * DORA_BENCH_ONLY=organisation runs only scenario 4 on PostgreSQL (the DORA
 * page's requests, its movers included, and the organisation's rollups).
 *
 * Where it can cheaply, each prints where the time goes, with the backend's
 * services rebuilt in process on a connection of our own (inProcess.ts).
 * Figures depend on the machine and its load (printed at the start): compare
 * runs on the same machine and read the medians. The client runs in the same
 * process as the backend and serializes every request body before the timed
 * part. DORA_BENCH_QUICK=1 runs a small version (for checking the benchmark
 * itself; its figures mean nothing). Sizes and targets: benchConfig.ts.
 */
/* eslint-disable no-console -- printing the figures is its job */
import knexFactory from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import {
  DatabaseSetup,
  postgresSetup,
  sqliteSetup,
  startBackend,
} from './benchBackend';
import { benchScorecard, mainCatalog, organisation } from './benchCatalog';
import {
  ONLY,
  ORG_EVENTS,
  PG_URL,
  QUICK,
  SEED,
  TargetRow,
} from './benchConfig';
import { entityYearScenario } from './entityYear';
import { factBuildScenario } from './factBuild';
import { closeClient, retriedRequests } from './httpClient';
import { ingestScenario } from './ingest';
import { ingestBreakdown } from './ingestBreakdown';
import { EVENT_TABLES, countRows, inProcess } from './inProcess';
import { printLoadAtEnd, printMachine } from './machine';
import { organisationScenario } from './organisation';
import { previewScenario } from './preview';
import { scorecardScenario } from './scorecards';
import { stormScenario } from './storm';
import { elapsedMs, hasGc, int, ms, progress } from './timing';

/** Scenarios 1-4 on one database, with one backend. */
async function runScenarios(
  setup: DatabaseSetup,
  scorecard: ReturnType<typeof benchScorecard>,
): Promise<TargetRow[]> {
  console.log(
    `\n=== ${setup.name} === (load average ${os.loadavg()[0].toFixed(2)})`,
  );
  const org = organisation();
  const entities = [...mainCatalog(), ...org.entities];
  const backend = await startBackend(setup, entities, scorecard);
  progress(
    `${setup.name}: backend started on 127.0.0.1:${backend.port} in ${ms(backend.startMs)} ms`,
  );
  const knex = setup.connect();
  try {
    const proc = inProcess(knex, entities, backend.config);
    const ingest = await ingestScenario(setup, backend, knex);
    backend.log.report('the ingest');
    const stored = await countRows(knex, EVENT_TABLES);
    console.log(
      `Rows stored: ${int(stored)} (${
        stored === ingest.run.events ? 'every event posted' : 'MISMATCH'
      }).`,
    );
    await ingestBreakdown(setup, backend, knex, proc, ingest.run.requestMs.p50);
    const read = await entityYearScenario(setup, backend, knex, proc);
    backend.log.report('the ingest steps and the entity-year reads');
    const build = await factBuildScenario(setup, backend, knex, proc);
    backend.log.report('the facts builds');
    const orgRows = await organisationScenario(setup, backend, knex, proc, org);
    backend.log.report('the organisation');
    await stormScenario(setup.name, backend, org.services);
    backend.log.report('the storm');
    return [...read, ...ingest.targets, ...build, ...orgRows];
  } finally {
    await knex.destroy();
    await backend.stop();
  }
}

/** Scenario 4 alone: its own backend and the organisation's events. */
async function organisationOnly(
  setup: DatabaseSetup,
  scorecard: ReturnType<typeof benchScorecard>,
): Promise<TargetRow[]> {
  const org = organisation();
  const entities = [...mainCatalog(), ...org.entities];
  const backend = await startBackend(setup, entities, scorecard);
  const knex = setup.connect();
  try {
    const proc = inProcess(knex, entities, backend.config);
    return await organisationScenario(setup, backend, knex, proc, org);
  } finally {
    await knex.destroy();
    await backend.stop();
  }
}

async function main() {
  await printMachine();
  console.log(
    `A real Backstage backend in this process (createBackend, @backstage/backend-defaults) with the dora plugin, ` +
      `an in-memory catalog (catalogServiceMock) and an external-access static token; HTTP over 127.0.0.1. ` +
      `Seed ${SEED}.${QUICK ? ' QUICK MODE: small sizes, figures mean nothing.' : ''}`,
  );
  if (!hasGc) console.log('(run with --expose-gc for steadier figures)');

  const stamp = new Date()
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 14);
  const pgDatabase = `dora_bench_${stamp}`;
  const previewDatabase = `${pgDatabase}_preview`;
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-bench-'));
  const scorecard = benchScorecard();
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
        `SQLite ${sqliteVersion} via better-sqlite3 (file in ${sqliteDir}). ` +
        `Organisation events: ${int(ORG_EVENTS.PostgreSQL)} on PostgreSQL, ${int(ORG_EVENTS.SQLite)} on SQLite.`,
    );
    await admin.raw('CREATE DATABASE ??', [pgDatabase]);

    const postgres = postgresSetup(pgDatabase);
    const targets: TargetRow[] = [];
    if (ONLY === 'organisation') {
      targets.push(...(await organisationOnly(postgres, scorecard)));
    } else if (ONLY !== 'preview') {
      targets.push(...(await runScenarios(postgres, scorecard)));
      targets.push(...(await scorecardScenario(postgres, scorecard)));
    }
    // Its own database: its entities' events are not the scorecard scenario's.
    if (ONLY !== 'organisation') {
      await admin.raw('CREATE DATABASE ??', [previewDatabase]);
      targets.push(
        ...(await previewScenario(postgresSetup(previewDatabase), scorecard)),
      );
    }
    if (ONLY === undefined || ONLY === '') {
      targets.push(...(await runScenarios(sqliteSetup(sqliteDir), scorecard)));
    }

    // In the order of the figures, PostgreSQL before SQLite.
    const order = (row: TargetRow) => Number(row.figure.split('.')[0]);
    const sorted = targets
      .map((row, i) => ({ row, i }))
      .sort((a, b) => order(a.row) - order(b.row) || a.i - b.i)
      .map(({ row }) => row);
    printTable(
      'Targets',
      ['figure', 'database', 'measured', 'target', 'result'],
      sorted.map(r => [r.figure, r.database, r.measured, r.target, r.result]),
    );
    if (retriedRequests() > 0) {
      console.log(
        `\n(${retriedRequests()} request(s) sent again on a new socket: the server had closed an idle kept-alive one.)`,
      );
    }
    printLoadAtEnd(elapsedMs());
  } finally {
    for (const database of [pgDatabase, previewDatabase]) {
      await admin
        .raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [database])
        .catch(error => console.error(`Could not drop ${database}: ${error}`));
    }
    await admin.destroy();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
    closeClient();
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
