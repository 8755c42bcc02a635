/**
 * Benchmark of the pure DORA metrics engine: `npm run bench` (or
 * `npm run bench:engine`) from the repository root. Prints a table; not part
 * of `npm test` or CI. Figures depend on the machine and its load: compare
 * runs on the same machine, and read the medians.
 */
/* eslint-disable no-console -- printing the figures is its job */
import os from 'node:os';
import { EntityInput } from '../src/engine/classifyEntity';
import { computeEntityMetrics } from '../src/engine/computeMetrics';
import { computeRollup } from '../src/engine/computeRollup';
import {
  MetricsRequest,
  parseMetricsRequest,
} from '../src/engine/metricsRequest';
import { DoraEvent } from '../src/events/schemas';
import { validateEventBatch } from '../src/events/validateEvents';
import { DEFAULT_SETTINGS } from '../src/settings/settings';
import { percentileOfSorted } from '../src/stats/percentiles';
import { buildTimeline, Timeline } from '../src/engine/timeline';
import { generateEvents, mulberry32 } from './generateEvents';
import { printTable } from './printTable';

const SEED = 20_240_501;
const ENTITY_REF = 'component:default/payments-api';
const TIMEZONE = 'Europe/Berlin';
const YEAR = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const MONTH = { from: '2025-06-01T00:00:00Z', to: '2025-07-01T00:00:00Z' };
const ENTITY_YEAR_TARGET_MS = 100;
const ROLLUP_ENTITIES = 100;

const WARM_UPS = 3;
const RUNS = 15;

// ---------------------------------------------------------------- helpers

interface Timing {
  runs: number;
  median: number;
  p95: number;
}

/** The engine's own percentile rule, on a sorted sample of timings. */
const percentile = (sorted: number[], p: number): number =>
  percentileOfSorted(sorted, p) ?? NaN;

/**
 * Runs `fn` `warmUps` times unmeasured, then `runs` times measured;
 * `setup` runs before every call, outside the measured time.
 */
function measure(
  fn: () => unknown,
  { warmUps = WARM_UPS, runs = RUNS, setup = () => {} } = {},
): Timing {
  for (let i = 0; i < warmUps; i++) {
    setup();
    fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { runs, median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function request(window: { from: string; to: string }): MetricsRequest {
  const parsed = parseMetricsRequest({
    ...window,
    timezone: TIMEZONE,
    bucket: 'week',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.request;
}

function validated(raw: unknown[]): DoraEvent[] {
  const result = validateEventBatch(raw);
  if (!result.ok) {
    throw new Error(
      `generated events are invalid: ${result.problems[0].message}`,
    );
  }
  return result.events;
}

function entityInput(entityRef: string, events: DoraEvent[]): EntityInput {
  return { entityRef, events, settings: DEFAULT_SETTINGS };
}

const gc = (globalThis as { gc?: () => void }).gc;
const collect = () => gc?.();
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

const ms = (value: number) => value.toFixed(1);
const int = (value: number) => value.toLocaleString('en-US');

const table = printTable;

const verdict = (ok: boolean) => (ok ? 'OK' : 'MISSED');

// ------------------------------------------------------------- benchmark

/**
 * The entity's events as the backend's store hands them over: already
 * normalized (instants in epoch ms), in no particular order. The engine
 * sorts the arrays in place, so every run gets fresh copies.
 */
function shuffledTimeline(events: DoraEvent[]): () => Timeline {
  const timeline = buildTimeline(events);
  const random = mulberry32(SEED);
  const shuffle = <T>(items: T[]) => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  const deployments = shuffle(timeline.deployments.slice());
  const changes = shuffle(timeline.changes.slice());
  const incidents = shuffle(timeline.incidents.slice());
  return () => ({
    deployments: deployments.slice(),
    changes: changes.slice(),
    incidents: incidents.slice(),
  });
}

function main() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `DORA engine benchmark: Node ${process.version}, ${cpu} x ${os.cpus().length}, ` +
      `load average ${os.loadavg()[0].toFixed(2)} at start`,
  );
  console.log(
    `Median and p95 of ${RUNS} runs after ${WARM_UPS} warm-ups unless the runs column says otherwise. ` +
      `Seed ${SEED}; bucket week; timezone ${TIMEZONE}.`,
  );
  if (!gc) console.log('(run with --expose-gc for steadier heap figures)');

  // A yardstick for reading the figures on this machine: the least work any
  // engine does with an entity-year of events (make one object per event,
  // index them by id, sort them by time).
  const baseline = measure(() => {
    const objects = [];
    for (let i = 0; i < 61_000; i++) {
      objects.push({ id: `e${i}`, at: (i * 7919) % 61_000, tags: [] });
    }
    const byId = new Map(objects.map(o => [o.id, o]));
    return objects.sort((a, b) => a.at - b.at).length + byId.size;
  });
  console.log(
    `Machine yardstick: 61,000 objects made, indexed in a Map and sorted: ` +
      `median ${ms(baseline.median)} ms.`,
  );

  const yearRequest = request(YEAR);
  // Raw events as parsed from a JSON body.
  const generate = (
    scale: number,
    order: 'shuffled' | 'ingestion' = 'shuffled',
  ) =>
    JSON.parse(
      JSON.stringify(
        generateEvents({
          entityRef: ENTITY_REF,
          ...YEAR,
          scale,
          seed: SEED,
          order,
        }),
      ),
    ) as unknown[];

  // 1. One entity-year: the engine alone, the engine from a normalized
  // timeline (the backend's path), and with validation of the raw events.
  const rawYear = generate(1);
  const year = validated(rawYear);
  const countOf = (kind: DoraEvent['kind']) =>
    year.filter(event => event.kind === kind).length;
  const engineAlone = measure(() =>
    computeEntityMetrics(entityInput(ENTITY_REF, year), yearRequest),
  );
  const yearInIngestionOrder = validated(generate(1, 'ingestion'));
  const ingestionOrder = measure(() =>
    computeEntityMetrics(
      entityInput(ENTITY_REF, yearInIngestionOrder),
      yearRequest,
    ),
  );
  const freshTimeline = shuffledTimeline(year);
  let timeline = freshTimeline();
  const fromTimeline = measure(
    () =>
      computeEntityMetrics(
        { entityRef: ENTITY_REF, timeline, settings: DEFAULT_SETTINGS },
        yearRequest,
      ),
    { setup: () => (timeline = freshTimeline()) },
  );
  const withValidation = measure(
    () =>
      computeEntityMetrics(
        entityInput(ENTITY_REF, validated(rawYear)),
        yearRequest,
      ),
    { warmUps: 1, runs: 5 },
  );
  const engineOk = engineAlone.median < ENTITY_YEAR_TARGET_MS;
  const timingCells = (timing: Timing) => [
    String(timing.runs),
    ms(timing.median),
    ms(timing.p95),
  ];
  table(
    `One entity-year, 365-day window: ${int(countOf('deployment'))} deployments, ` +
      `${int(countOf('change'))} changes, ${int(countOf('incident'))} incidents ` +
      `(${int(year.length)} events)`,
    ['computeEntityMetrics', 'runs', 'median ms', 'p95 ms', 'target', 'result'],
    [
      [
        'events pre-validated, shuffled: THE ENGINE ALONE',
        ...timingCells(engineAlone),
        `median < ${ENTITY_YEAR_TARGET_MS} ms`,
        verdict(engineOk),
      ],
      [
        'the same events in ingestion order',
        ...timingCells(ingestionOrder),
        '-',
        '-',
      ],
      [
        'normalized timeline (shuffled), as the backend store passes it',
        ...timingCells(fromTimeline),
        '-',
        '-',
      ],
      [
        'raw events (shuffled) through validateEventBatch first',
        ...timingCells(withValidation),
        '-',
        '-',
      ],
    ],
  );

  // 2. Heap for the entity-year (rough: V8 collects when it likes).
  collect();
  const heapBefore = heapMb();
  const result = computeEntityMetrics(
    entityInput(ENTITY_REF, year),
    yearRequest,
  );
  const heapAfter = heapMb();
  collect();
  const heapRetained = heapMb();
  table(
    'Heap used around one entity-year computation (process.memoryUsage().heapUsed, rough)',
    ['moment', 'MB'],
    [
      ['before (raw and validated events loaded)', heapBefore.toFixed(1)],
      ['right after (garbage not yet collected)', heapAfter.toFixed(1)],
      [
        gc
          ? 'after a full GC, result kept'
          : 'after, result kept (no GC forced)',
        heapRetained.toFixed(1),
      ],
    ],
  );
  const hours = (seconds: number | null) =>
    seconds === null ? '-' : `${(seconds / 3600).toFixed(1)} h`;
  const ratio = (value: number | null) =>
    value === null ? '-' : `${(value * 100).toFixed(1)} %`;
  console.log(
    `\nThe entity-year's metrics (a sanity check of the generated data): ` +
      `${int(result.deploymentFrequency.count)} counted deployments, ` +
      `lead time median ${hours(result.leadTime.median)} over ${int(result.leadTime.sampleSize)} changes, ` +
      `change failure rate ${ratio(result.changeFailureRate.ratio)}, ` +
      `time to restore median ${hours(result.timeToRestore.median)}, ` +
      `rework ${ratio(result.reworkRate.ratio)}, ` +
      `warnings: ${result.warnings.map(w => w.code).join(', ') || 'none'}.`,
  );

  // 3. Linear growth: 1x, 2x, 4x the event counts over the same year.
  const growthRows: string[][] = [];
  let perThousandAt1x = 0;
  for (const scale of [1, 2, 4]) {
    const events = scale === 1 ? year : validated(generate(scale));
    const timing =
      scale === 1
        ? engineAlone
        : measure(() =>
            computeEntityMetrics(entityInput(ENTITY_REF, events), yearRequest),
          );
    const perThousand = timing.median / (events.length / 1000);
    if (scale === 1) perThousandAt1x = perThousand;
    growthRows.push([
      `${scale}x`,
      int(events.length),
      ...timingCells(timing),
      perThousand.toFixed(2),
      `${(perThousand / perThousandAt1x).toFixed(2)}x`,
    ]);
  }
  table(
    'Linear growth: the engine alone (events pre-validated, shuffled), same 365-day window, denser events',
    [
      'scale',
      'events',
      'runs',
      'median ms',
      'p95 ms',
      'ms per 1,000 events',
      'vs 1x',
    ],
    growthRows,
  );

  // 4. A team rollup: 100 entities with a month of data each.
  const monthRequest = request(MONTH);
  const inputs: EntityInput[] = [];
  for (let i = 0; i < ROLLUP_ENTITIES; i++) {
    const entityRef = `component:default/service-${String(i + 1).padStart(3, '0')}`;
    const raw = generateEvents({
      entityRef,
      ...MONTH,
      scale: 1 / 12,
      seed: SEED + i + 1,
    });
    inputs.push(
      entityInput(entityRef, validated(JSON.parse(JSON.stringify(raw)))),
    );
  }
  const rollupEvents = inputs.reduce(
    (sum, input) => sum + (input.events?.length ?? 0),
    0,
  );
  const rollup = measure(() =>
    computeRollup('group:default/platform', inputs, monthRequest),
  );
  table(
    `Team rollup: ${ROLLUP_ENTITIES} entities with a month of data each ` +
      `(1/12 of the entity-year: ${int(rollupEvents)} events in all), 30-day window`,
    ['computeRollup', 'runs', 'median ms', 'p95 ms', 'ms per entity', 'target'],
    [
      [
        'events pre-validated',
        ...timingCells(rollup),
        (rollup.median / ROLLUP_ENTITIES).toFixed(2),
        'figure only',
      ],
    ],
  );

  console.log(
    `\nTarget, entity-year (engine alone) median < ${ENTITY_YEAR_TARGET_MS} ms: ` +
      `${verdict(engineOk)} at ${ms(engineAlone.median)} ms.`,
  );
}

main();
