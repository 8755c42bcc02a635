/* eslint-disable no-console -- printing the figures is its job */
import { Knex } from 'knex';
import { resolveMetricsQuery } from '../src/service/metricsQuery';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { DatabaseSetup, RunningBackend } from './benchBackend';
import {
  BIG_REF,
  DB_RUNS,
  METRICS_RUNS,
  METRICS_WARM_UPS,
  TARGET_METRICS_P95_MS,
  TargetRow,
  YEAR,
} from './benchConfig';
import { callOk, queryString, waitForFacts } from './httpClient';
import { InProcess, plainSelect } from './inProcess';
import { readBreakdown } from './readBreakdown';
import {
  collect,
  int,
  measure,
  ms,
  progress,
  timingRow,
  verdict,
} from './timing';

/**
 * 1. GET /api/dora/v1/metrics for the entity-year over the whole year,
 * once its facts are current, next to the plain indexed SELECT of its raw
 * rows, timed the same way (one at a time, after warm-ups).
 */
export async function entityYearScenario(
  setup: DatabaseSetup,
  backend: RunningBackend,
  knex: Knex,
  proc: InProcess,
): Promise<TargetRow[]> {
  await waitForFacts(backend.port);
  collect();
  progress(`${setup.name}: GET /metrics for the entity-year (facts current)`);
  const path = `/api/dora/v1/metrics?${queryString({
    entityRef: BIG_REF,
    ...YEAR,
    bucket: 'week',
  })}`;
  let lastBody = '';
  const computedFrom = new Map<string, number>();
  const http = await measure(
    async () => {
      lastBody = (await callOk(backend.port, 'GET', path)).body;
      const from = JSON.parse(lastBody).computedFrom as string;
      computedFrom.set(from, (computedFrom.get(from) ?? 0) + 1);
    },
    { warmUps: METRICS_WARM_UPS, runs: METRICS_RUNS },
  );
  const calls = METRICS_WARM_UPS + METRICS_RUNS;
  const fromFacts = computedFrom.get('facts') ?? 0;

  const request = resolveMetricsQuery({ ...YEAR, bucket: 'week' }, Date.now());
  const breakdown = await readBreakdown(
    setup.name,
    knex,
    proc,
    { kind: 'entity', entityRef: BIG_REF },
    request,
    http,
    { warmUps: 2, runs: DB_RUNS },
  );
  const plain = await plainSelect(knex, setup.name, BIG_REF.toLowerCase(), {
    warmUps: 2,
    runs: DB_RUNS,
  });

  const fasterThanPlain = http.p50 < plain.timing.p50;
  const p95Ok = http.p95 <= TARGET_METRICS_P95_MS && fromFacts === calls;
  printTable(
    `${setup.name}: 1. GET /api/dora/v1/metrics, the entity-year ${BIG_REF} over ` +
      `${YEAR.from.slice(0, 10)}..${YEAR.to.slice(0, 10)}, bucket week, facts current ` +
      `(${METRICS_RUNS} calls after ${METRICS_WARM_UPS} warm-ups; response ${int(
        Buffer.byteLength(lastBody) / 1024,
      )} KiB; computedFrom 'facts' in ${fromFacts} of ${calls})`,
    ['what', 'runs', 'p50 ms', 'p95 ms', 'rows', 'target', 'result'],
    [
      timingRow(
        'HTTP GET /metrics (the whole request)',
        http,
        '-',
        `p95 <= ${TARGET_METRICS_P95_MS} ms`,
        verdict(p95Ok),
      ),
      ...breakdown.rows.map(row => [...row, '', '']),
      timingRow(
        'DB: plain indexed SELECT * of its raw rows (3 tables, knex, same way)',
        plain.timing,
        int(plain.rows),
        'GET p50 < this p50',
        verdict(fasterThanPlain),
      ),
      ...(plain.server
        ? [
            timingRow(
              `DB: the same 3 SELECTs inside PostgreSQL (EXPLAIN ANALYZE; ${plain.server.plans})`,
              plain.server.timing,
              int(plain.rows),
              '',
              '',
            ),
          ]
        : []),
    ],
  );
  if (breakdown.slowest) {
    console.log(
      `Slowest queries inside PostgreSQL (p50): ${breakdown.slowest}.`,
    );
  }
  const result = JSON.parse(lastBody);
  console.log(
    `${
      breakdown.factRows === undefined
        ? ''
        : `The engine path read ${int(breakdown.factRows)} fact rows (every fact of the year: the window is the whole history). `
    }` +
      `${breakdown.notCurrent} entity not current in process. Sanity: ${int(
        result.deploymentFrequency.count,
      )} counted deployments, lead time over ${int(result.leadTime.sampleSize)} changes, ` +
      `computedAt ${result.computedAt}.`,
  );
  if (fromFacts !== calls) {
    console.log(
      `WARNING: only ${fromFacts} of ${calls} responses were computed from facts ` +
        `(${JSON.stringify(Object.fromEntries(computedFrom))}); the figure does not measure the facts path.`,
    );
  }
  return [
    {
      figure: '1. Entity-year GET /metrics, p95 (facts current)',
      database: setup.name,
      measured: `${ms(http.p95)} ms (p50 ${ms(http.p50)})`,
      target: `<= ${TARGET_METRICS_P95_MS} ms`,
      result: verdict(p95Ok),
    },
    {
      figure: '1. Entity-year GET /metrics vs plain SELECT of its rows, p50',
      database: setup.name,
      measured: `${ms(http.p50)} vs ${ms(plain.timing.p50)} ms`,
      target: 'faster',
      result: verdict(fasterThanPlain),
    },
  ];
}
