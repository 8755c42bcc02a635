/* eslint-disable no-console -- printing the figures is its job */
import { JsonObject } from '@backstage/types';
import {
  Exemption,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import os from 'node:os';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { previewInstants } from '../src/service/scorecards/preview/previewWeeks';
import { WeeklyGrading } from '../src/service/scorecards/preview/WeeklyGrading';
import { DatabaseSetup, startBackend } from './benchBackend';
import { scorecardCatalog, scorecardName } from './benchCatalog';
import {
  DAY_MS,
  ORG_INGEST_CONCURRENCY,
  PREVIEW_DAYS,
  PREVIEW_ENTITIES,
  PREVIEW_RUNS,
  PREVIEW_SCALE,
  PREVIEW_WEEKS,
  SEED,
  TARGET_PREVIEW_S,
  TargetRow,
} from './benchConfig';
import { entityEvents, toBatches } from './benchEvents';
import { callOk } from './httpClient';
import { INGEST_HEADER, ingestRow, ingestUntilCurrent } from './ingest';
import { inProcess, profileRuns } from './inProcess';
import { collect, int, ms, progress, secs, summarize, verdict } from './timing';

/** The draft: the saved scorecard with a stricter PR size (levels move). */
function draftOf(scorecard: JsonObject): JsonObject {
  return {
    ...scorecard,
    rules: (scorecard.rules as JsonObject[]).map(rule =>
      rule.id === 'pr-size' ? { ...rule, threshold: 300 } : rule,
    ),
  };
}

/** In process: where a preview's time goes (grading of the draft only). */
async function breakdown(
  setup: DatabaseSetup,
  config: JsonObject,
  draft: JsonObject,
) {
  const knex = setup.connect();
  try {
    const proc = inProcess(knex, scorecardCatalog(PREVIEW_ENTITIES), config);
    const parsed = parseStagedScorecard(draft);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const none: Exemption[] = [];
    const grading = new WeeklyGrading(
      proc.catalog,
      proc.metrics,
      { listExemptions: async () => none },
      proc.config.rollupKinds,
    );
    const instants = previewInstants(Date.now(), PREVIEW_WEEKS);
    const profile = await profileRuns(
      knex,
      () => grading.gradeAt({ ...parsed, instants }, proc.credentials),
      { warmUps: 1, runs: 3 },
    );
    return {
      totalMs: profile.total.p50,
      queryMs: profile.queries.p50,
      queries: profile.last.count,
    };
  } finally {
    await knex.destroy();
  }
}

/**
 * 7. POST /api/dora/v1/scorecards/preview: the 10-rule scorecard's draft
 * (a stricter PR size) over PREVIEW_WEEKS weeks for PREVIEW_ENTITIES
 * entities, compared with the saved version, facts current. The median of
 * PREVIEW_RUNS runs after a warm-up, over HTTP.
 */
export async function previewScenario(
  setup: DatabaseSetup,
  scorecard: JsonObject,
): Promise<TargetRow[]> {
  console.log(
    `\n=== ${setup.name}: scorecard preview === (load average ${os.loadavg()[0].toFixed(2)})`,
  );
  const now = Date.now();
  const window = {
    from: new Date(now - PREVIEW_DAYS * DAY_MS).toISOString(),
    to: new Date(now - 3_600_000).toISOString(),
  };
  const rules = (scorecard.rules as unknown[]).length;
  progress(
    `${setup.name}: generating the events of ${int(PREVIEW_ENTITIES)} entities over ${PREVIEW_DAYS} days`,
  );
  const batches = toBatches(PREVIEW_ENTITIES, index =>
    entityEvents(
      scorecardName(index + 1),
      PREVIEW_SCALE,
      SEED + 200_000 + index,
      window,
    ),
  );
  const backend = await startBackend(
    setup,
    scorecardCatalog(PREVIEW_ENTITIES),
    scorecard,
  );
  const draft = draftOf(scorecard);
  const body = JSON.stringify({ scorecard: draft, weeks: PREVIEW_WEEKS });
  let config: JsonObject;
  const times: number[] = [];
  let last: { weeks: unknown[]; levelChanges: unknown[]; tookMs: number };
  try {
    config = backend.config;
    const ingest = await ingestUntilCurrent(
      backend,
      `${setup.name} preview entities ingest`,
      batches,
      ORG_INGEST_CONCURRENCY,
    );
    printTable(
      `${setup.name}: ingest of the preview entities' events (${int(PREVIEW_ENTITIES)} entities, ` +
        `last ${PREVIEW_DAYS} days), until facts are current (not part of the preview)`,
      INGEST_HEADER,
      [ingestRow(ingest)],
    );
    for (let run = 0; run <= PREVIEW_RUNS; run++) {
      collect();
      const response = await callOk(
        backend.port,
        'POST',
        '/api/dora/v1/scorecards/preview',
        body,
      );
      last = JSON.parse(response.body);
      // The first run warms up (JIT, connections, catalog).
      if (run > 0) times.push(response.ms);
      progress(
        `${setup.name}: preview ${run === 0 ? '(warm-up)' : run} in ${secs(response.ms)} s`,
      );
    }
  } finally {
    backend.log.report('the previews');
    await backend.stop();
  }
  const timing = summarize(times);
  const split = await breakdown(setup, config, draft);
  const ok = timing.p50 / 1000 <= TARGET_PREVIEW_S;
  printTable(
    `${setup.name}: 7. scorecard preview, POST /api/dora/v1/scorecards/preview ("${scorecard.id}" with a ` +
      `stricter PR size, ${rules} rules, ${PREVIEW_WEEKS} weeks, compared with the saved version); ` +
      `${int(PREVIEW_ENTITIES)} entities, facts current`,
    ['preview', 'runs', 'p50 s', 'min s', 'max s', 'target', 'result'],
    [
      [
        `${int(PREVIEW_ENTITIES)} entities x ${rules} rules x ${PREVIEW_WEEKS} weeks`,
        String(timing.runs),
        secs(timing.p50),
        secs(timing.min),
        secs(timing.max),
        `<= ${TARGET_PREVIEW_S} s`,
        verdict(ok),
      ],
    ],
  );
  console.log(
    `Last answer: ${last!.weeks.length} weeks, ${last!.levelChanges.length} level changes, tookMs ${int(last!.tookMs)}. ` +
      `In process, grading the draft alone (WeeklyGrading.gradeAt, ${PREVIEW_WEEKS} instants): ` +
      `${ms(split.totalMs)} ms, ${split.queries} queries taking ${ms(split.queryMs)} ms.`,
  );
  return [
    {
      figure: `7. Preview, ${int(PREVIEW_ENTITIES)} entities x ${rules} rules x ${PREVIEW_WEEKS} weeks`,
      database: setup.name,
      measured: `${secs(timing.p50)} s (median of ${timing.runs})`,
      target: `<= ${TARGET_PREVIEW_S} s`,
      result: verdict(ok),
    },
  ];
}
