import { validateEventBatch } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { normalizeEntityRef } from '../src/service/EntityCatalog';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { DatabaseSetup, RunningBackend } from './benchBackend';
import { BATCH, QUICK, SEED } from './benchConfig';
import { entityEvents } from './benchEvents';
import { waitForFacts } from './httpClient';
import { InProcess, profileQueries } from './inProcess';
import { Timing, int, ms, progress, summarize } from './timing';

/**
 * Upserts, trying again (at most twice) should the write lose to a
 * concurrent facts rebuild (deadlock, serialization); the failed attempts.
 */
async function upsertRetrying(
  proc: InProcess,
  events: Parameters<InProcess['store']['upsertEvents']>[0],
): Promise<number> {
  for (let failed = 0; ; failed++) {
    try {
      await proc.store.upsertEvents(events);
      return failed;
    } catch (error) {
      if (failed === 2) throw error;
    }
  }
}

/**
 * Where a POST /v1/events of 1,000 fresh events goes, step by step in
 * process on our own connection: parse the body, validate, normalize the
 * entity refs, upsert (with the stale mark of the entity's facts). The
 * probe entity is not in the catalog (kept, like any such event); the
 * backend's facts loop builds it on its next poll, waited for at the end.
 */
export async function ingestBreakdown(
  setup: DatabaseSetup,
  backend: RunningBackend,
  knex: Knex,
  proc: InProcess,
  overHttpMedianMs: number,
): Promise<void> {
  progress(`${setup.name}: the steps of an ingest request, in process`);
  const events = entityEvents('ingest-probe', QUICK ? 0.05 : 0.2, SEED - 1);
  const times: Record<string, number[]> = {
    parse: [],
    validate: [],
    resolve: [],
    upsert: [],
    roundTrips: [],
  };
  let batches = 0;
  let failedWrites = 0;
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
      upsertRetrying(proc, resolved),
    );
    failedWrites += upsert.result;
    times.upsert.push(upsert.totalMs);
    times.roundTrips.push(upsert.queryMs);
    batches++;
  }
  const steps: Array<[string, Timing]> = [
    ['JSON.parse of the body (express.json)', summarize(times.parse)],
    ['validateEventBatch (zod, duplicates)', summarize(times.validate)],
    ['entity refs normalized (parseEntityRef)', summarize(times.resolve)],
    [
      'store.upsertEvents (one transaction: INSERT .. ON CONFLICT MERGE, facts marked stale)',
      summarize(times.upsert),
    ],
  ];
  const sumP50 = steps.reduce((sum, [, timing]) => sum + timing.p50, 0);
  steps.push([
    '  of which its queries (round trips)',
    summarize(times.roundTrips),
  ]);
  printTable(
    `${setup.name}: where a POST /events of ${int(BATCH)} fresh events goes ` +
      `(in process, one step at a time, ${batches} batches; ms per batch)`,
    ['step', 'p50 ms', 'p95 ms', 'share of the p50 sum'],
    steps.map(([label, timing]) => [
      label,
      ms(timing.p50),
      ms(timing.p95),
      `${((timing.p50 / sumP50) * 100).toFixed(0)} %`,
    ]),
  );
  // eslint-disable-next-line no-console
  console.log(
    `Sum of the steps (p50) ${ms(sumP50)} ms per ${int(BATCH)} events = ` +
      `${int((BATCH / sumP50) * 1000)} events/s at most, one request at a time, before any facts are built; ` +
      `over HTTP the median request took ${ms(overHttpMedianMs)} ms.${
        failedWrites > 0
          ? ` ${failedWrites} upsert(s) failed and were tried again.`
          : ''
      }`,
  );
  await waitForFacts(backend.port);
}
