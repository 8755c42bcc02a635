import { Knex } from 'knex';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { DatabaseSetup, RunningBackend } from './benchBackend';
import {
  BIG_SCALE,
  SMALL_ENTITIES,
  SMALL_SCALE,
  TARGET_INGEST_PER_S,
  TargetRow,
} from './benchConfig';
import {
  Batch,
  MAIN_ENTITIES,
  countEvents,
  mainEvents,
  toBatches,
} from './benchEvents';
import { FactCounts, postBatches, waitForFacts } from './httpClient';
import { LockWaits, watchLocks } from './inProcess';
import {
  Timing,
  collect,
  int,
  ms,
  progress,
  secs,
  summarize,
  verdict,
  watchEventLoop,
} from './timing';

/** An ingest timed until the backend's facts are current. */
export interface IngestRun {
  events: number;
  batches: number;
  concurrency: number;
  /** From the first POST until the last response. */
  postMs: number;
  /** From the first POST until GET /v1/facts says stale = 0. */
  untilCurrentMs: number;
  /** From the last response until stale = 0. */
  lagMs: number;
  requestMs: Timing;
  counts: FactCounts;
  /** How long the shared event loop was blocked at once (p99, max). */
  loop: { p99Ms: number; maxMs: number };
  /** PostgreSQL: sessions waiting on a lock, sampled every 100 ms. */
  locks?: LockWaits;
  /** POSTs answered 5xx and sent again, and the first such answer. */
  retried: number;
  firstError?: string;
}

/**
 * Posts the prepared batches with `concurrency` requests in flight, then
 * polls GET /v1/facts until no entity is stale. Facts must be current
 * before it starts, so that the time is this ingest's alone.
 */
export async function ingestUntilCurrent(
  backend: RunningBackend,
  label: string,
  batches: Batch[],
  concurrency: number,
  /** A connection to the plugin's PostgreSQL database, to sample lock waits. */
  pg?: Knex,
): Promise<IngestRun> {
  await waitForFacts(backend.port);
  collect();
  const total = countEvents(batches);
  let nextReport = 0.25;
  const loop = watchEventLoop();
  const locks = pg ? watchLocks(pg) : undefined;
  const start = performance.now();
  const posted = await postBatches(
    backend.port,
    batches,
    concurrency,
    (count, events) => {
      if (count / batches.length < nextReport) return;
      nextReport += 0.25;
      progress(
        `${label}: ${int(events)} of ${int(total)} events posted, ` +
          `${int((events / (performance.now() - start)) * 1000)} events/s so far`,
      );
    },
  );
  const postedAt = performance.now();
  progress(`${label}: every event posted; waiting for the facts`);
  const current = await waitForFacts(backend.port, {
    pollMs: 50,
    onWait: counts =>
      progress(
        `${label}: facts of ${int(counts.stale)} entities still stale (${int(counts.current)} current)`,
      ),
  });
  const blocked = loop();
  const lockWaits = await locks?.();
  return {
    events: posted.events,
    batches: batches.length,
    concurrency,
    postMs: postedAt - start,
    untilCurrentMs: current.at - start,
    lagMs: current.at - postedAt,
    requestMs: summarize(posted.requestMs),
    counts: current.counts,
    loop: blocked,
    locks: lockWaits,
    retried: posted.retried,
    firstError: posted.firstError,
  };
}

export const perSecond = (events: number, millis: number) =>
  (events / millis) * 1000;

/** The columns of an ingest table row. */
export const INGEST_HEADER = [
  'events',
  'req. in flight',
  'POSTs s',
  'events/s POSTs',
  'until facts current s',
  'events/s until current',
  'facts lag s',
  'p50 / p95 request ms',
  'loop blocked p99 / max ms',
  'lock waits: samples, max',
];

export function ingestRow(run: IngestRun): string[] {
  return [
    int(run.events),
    String(run.concurrency),
    secs(run.postMs),
    int(perSecond(run.events, run.postMs)),
    secs(run.untilCurrentMs),
    int(perSecond(run.events, run.untilCurrentMs)),
    secs(run.lagMs),
    `${ms(run.requestMs.p50)} / ${ms(run.requestMs.p95)}`,
    `${ms(run.loop.p99Ms)} / ${ms(run.loop.maxMs)}`,
    run.locks
      ? `${((run.locks.withLockWaits / run.locks.samples) * 100).toFixed(0)} %, ${run.locks.maxWaiting}`
      : '-',
  ];
}

/** Requests sent again; which statements waited on which (PostgreSQL). */
export function printIngestNotes(run: IngestRun): void {
  if (run.retried > 0) {
    // eslint-disable-next-line no-console
    console.log(
      `${run.retried} POST(s) answered 5xx and were sent again; the first: ${run.firstError}`,
    );
  }
  if (!run.locks || run.locks.pairs.length === 0) return;
  // eslint-disable-next-line no-console
  console.log(
    `Lock waits (waiting <- blocking statement, samples of ${run.locks.samples}): ${run.locks.pairs
      .slice(0, 4)
      .map(([pair, n]) => `${pair}: ${n}`)
      .join('; ')}.`,
  );
}

/**
 * 2. The entity-year and the smaller entities, one request at a time (a
 * single collector), until their facts are current.
 */
export async function ingestScenario(
  setup: DatabaseSetup,
  backend: RunningBackend,
  knex: Knex,
): Promise<{ run: IngestRun; targets: TargetRow[] }> {
  progress(
    `${setup.name}: generating the entity-year and ${SMALL_ENTITIES} smaller entities`,
  );
  const batches = toBatches(MAIN_ENTITIES, mainEvents);
  const run = await ingestUntilCurrent(
    backend,
    `${setup.name} ingest`,
    batches,
    1,
    setup.name === 'PostgreSQL' ? knex : undefined,
  );
  printTable(
    `${setup.name}: ingest over HTTP, POST /api/dora/v1/events in bodies of 1,000 events, until GET /v1/facts says ` +
      `stale = 0 (1 entity-year at scale ${BIG_SCALE} + ${SMALL_ENTITIES} entities at scale ${SMALL_SCALE}, ` +
      `${run.counts.current} entities with facts at the end)`,
    INGEST_HEADER,
    [ingestRow(run)],
  );
  printIngestNotes(run);
  const rate = perSecond(run.events, run.untilCurrentMs);
  return {
    run,
    targets: [
      {
        figure: `2. Ingest until facts current (${int(run.events)} events, 1 request at a time)`,
        database: setup.name,
        measured: `${int(rate)} events/s`,
        target: `>= ${int(TARGET_INGEST_PER_S)} events/s`,
        result: verdict(rate >= TARGET_INGEST_PER_S),
      },
    ],
  };
}
