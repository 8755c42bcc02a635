/* eslint-disable no-console -- printing the figures is its job */
import { JsonObject } from '@backstage/types';
import { MetricsRequest } from '@dora-metrics/plugin-dora-common';
import os from 'node:os';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { DatabaseSetup, startBackend } from './benchBackend';
import { scorecardCatalog, scorecardName } from './benchCatalog';
import {
  DAY_MS,
  ORG_INGEST_CONCURRENCY,
  SCORECARD_ENTITIES,
  SCORECARD_FULL_RUN_LIMIT_S,
  SCORECARD_SCALE,
  SCORECARD_STEPS,
  SEED,
  TARGET_SCORECARD_S,
  TargetRow,
} from './benchConfig';
import { entityEvents, toBatches } from './benchEvents';
import { callOk } from './httpClient';
import {
  INGEST_HEADER,
  ingestRow,
  ingestUntilCurrent,
  printIngestNotes,
} from './ingest';
import { inProcess, profileRuns } from './inProcess';
import { collect, int, ms, progress, secs, verdict } from './timing';

interface Step {
  entities: number;
  ms: number;
  results: number;
}

/** Per entity, in process: MetricsService.metricsOf for one evaluation batch of 500. */
async function perEntity(setup: DatabaseSetup, config: JsonObject) {
  const knex = setup.connect();
  try {
    const sample = scorecardCatalog(500).filter(e => e.kind === 'Component');
    const proc = inProcess(knex, sample, config);
    const tree = await proc.catalog.groupTree(proc.credentials);
    const measured = sample.map(e => proc.metrics.measured(e, tree));
    const request: MetricsRequest = {
      window: { from: Date.now() - 30 * DAY_MS, to: Date.now() },
      timezone: 'UTC',
      bucket: 'week',
    };
    const profile = await profileRuns(
      knex,
      () => proc.metrics.metricsOf(measured, request),
      { warmUps: 1, runs: 3 },
    );
    const fromFacts = [...profile.last.result.values()].filter(
      b => b.computedFrom === 'facts',
    ).length;
    return {
      entities: measured.length,
      totalMs: profile.total.p50 / measured.length,
      queryMs: profile.queries.p50 / measured.length,
      queries: profile.last.count,
      fromFacts,
    };
  } finally {
    await knex.destroy();
  }
}

/**
 * 5. POST /api/dora/v1/scorecards/evaluate for a catalog of 10,000
 * entities x a 10-rule scorecard (after 1,000 and 2,000, from which the
 * full run is projected; it is skipped when projected far past the target).
 * Each size starts a backend with that catalog on the same database.
 */
export async function scorecardScenario(
  setup: DatabaseSetup,
  scorecard: JsonObject,
): Promise<TargetRow[]> {
  console.log(
    `\n=== ${setup.name}: scorecards === (load average ${os.loadavg()[0].toFixed(2)})`,
  );
  const now = Date.now();
  const window = {
    from: new Date(now - 28 * DAY_MS).toISOString(),
    to: new Date(now - 3_600_000).toISOString(),
  };
  const rules = (scorecard.rules as unknown[]).length;
  progress(
    `${setup.name}: generating the events of ${int(SCORECARD_ENTITIES)} entities`,
  );
  let batches = toBatches(SCORECARD_ENTITIES, index =>
    entityEvents(
      scorecardName(index + 1),
      SCORECARD_SCALE,
      SEED + 100_000 + index,
      window,
    ),
  );
  // Ingest through a backend whose catalog lacks them (their settings are the defaults either way).
  const ingestBackend = await startBackend(
    setup,
    scorecardCatalog(0),
    scorecard,
  );
  let config: JsonObject;
  let ingest;
  try {
    config = ingestBackend.config;
    ingest = await ingestUntilCurrent(
      ingestBackend,
      `${setup.name} scorecard entities ingest`,
      batches,
      ORG_INGEST_CONCURRENCY,
    );
  } finally {
    ingestBackend.log.report('the ingest of the scorecard entities');
    await ingestBackend.stop();
  }
  batches = [];
  printTable(
    `${setup.name}: ingest of the scorecard entities' events (${int(SCORECARD_ENTITIES)} entities, ` +
      `last 28 days), until facts are current (not part of the evaluation)`,
    INGEST_HEADER,
    [ingestRow(ingest)],
  );
  printIngestNotes(ingest);
  const sample = await perEntity(setup, config);

  const evaluate = async (count: number): Promise<Step> => {
    const backend = await startBackend(
      setup,
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
        `${setup.name}: ${int(count)} entities evaluated in ${secs(response.ms)} s`,
      );
      return { entities: count, ms: response.ms, results };
    } finally {
      backend.log.report(`the evaluation of ${int(count)} entities`);
      await backend.stop();
    }
  };
  const steps: Step[] = [];
  for (const count of SCORECARD_STEPS) steps.push(await evaluate(count));
  // Linear through the two measured sizes.
  const [a, b] = steps;
  const slope = (b.ms - a.ms) / (b.entities - a.entities);
  const projectedMs = Math.max(
    b.ms + slope * (SCORECARD_ENTITIES - b.entities),
    (b.ms / b.entities) * SCORECARD_ENTITIES,
  );
  let full: Step | undefined;
  if (projectedMs / 1000 <= SCORECARD_FULL_RUN_LIMIT_S) {
    full = await evaluate(SCORECARD_ENTITIES);
  } else {
    progress(
      `${setup.name}: full run projected at ${secs(projectedMs)} s: not run`,
    );
  }
  const fullMs = full?.ms ?? projectedMs;
  const ok = fullMs / 1000 <= TARGET_SCORECARD_S;
  const rows = [...steps, ...(full ? [full] : [])].map(step => [
    `${int(step.entities)} entities x ${rules} rules`,
    'measured',
    secs(step.ms),
    ms(step.ms / step.entities),
    int(step.results),
    step === full ? `<= ${TARGET_SCORECARD_S} s` : '-',
    step === full ? verdict(ok) : '-',
  ]);
  if (!full) {
    rows.push([
      `${int(SCORECARD_ENTITIES)} entities x ${rules} rules`,
      'EXTRAPOLATED (linear)',
      secs(projectedMs),
      ms(projectedMs / SCORECARD_ENTITIES),
      '-',
      `<= ${TARGET_SCORECARD_S} s`,
      `${verdict(ok)} (extrapolated)`,
    ]);
  }
  printTable(
    `${setup.name}: 5. scorecard evaluation, one POST /api/dora/v1/scorecards/evaluate ` +
      `("${scorecard.id}": the example's ${rules - 1} rules + 1, 28-day window); ` +
      `each entity has ~${int(ingest.events / SCORECARD_ENTITIES)} events, facts current`,
    [
      'evaluation',
      'how',
      'time s',
      'ms per entity',
      'results',
      'target',
      'result',
    ],
    rows,
  );
  console.log(
    `Per entity in process (MetricsService.metricsOf of ${sample.entities} entities at once, as the evaluation ` +
      `batches them; ${sample.queries} queries; ${sample.fromFacts} from facts): ${ms(sample.totalMs)} ms, ` +
      `of which queries ${ms(sample.queryMs)} ms. Per entity in the full evaluation: ${ms(
        fullMs / SCORECARD_ENTITIES,
      )} ms; the rest is the catalog, the scorecard rules and storing the results.`,
  );
  return [
    {
      figure: `5. Scorecards, ${int(SCORECARD_ENTITIES)} entities x ${rules} rules`,
      database: setup.name,
      measured: `${secs(fullMs)} s${full ? '' : ' (EXTRAPOLATED)'}`,
      target: `<= ${TARGET_SCORECARD_S} s`,
      result: verdict(ok) + (full ? '' : ' (extrapolated)'),
    },
  ];
}
