import {
  MetricsRequest,
  analyzeFacts,
  rollup,
  summarize as summarizeBody,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { isCurrent } from '../src/service/FactsService';
import { MeasuredEntity } from '../src/service/MetricsService';
import { Database } from './benchConfig';
import { InProcess, profileRuns, serverTime } from './inProcess';
import { Timing, int, measure, ms, timingRow } from './timing';

/** What a metrics read is: one entity, or a group with its subtree. */
export type ReadTarget =
  { kind: 'entity'; entityRef: string } | { kind: 'group'; groupRef: string };

export interface ReadBreakdown {
  /** Table rows: what, runs, p50 ms, p95 ms, rows. */
  rows: string[][];
  /** Fact rows the engine path read (SQLite only). */
  factRows?: number;
  entities: number;
  /** Entities whose stored facts were not current (should be 0). */
  notCurrent: number;
  /** PostgreSQL: its slowest queries inside the server. */
  slowest?: string;
}

/**
 * Where a metrics request's time goes, in process on our own connection:
 * the service as the backend runs it (its queries, with the rows parsed by
 * the driver, and the rest: catalog and JavaScript work), on PostgreSQL the
 * server's own time for the same SELECTs, JSON.stringify, and the rest of
 * the HTTP request (p50 difference). On SQLite, where the engine aggregates
 * the facts, also that path piece by piece: the facts read and the engine.
 */
export async function readBreakdown(
  database: Database,
  knex: Knex,
  proc: InProcess,
  target: ReadTarget,
  request: MetricsRequest,
  http: Timing,
  options: { warmUps: number; runs: number },
): Promise<ReadBreakdown> {
  const { metrics, credentials } = proc;
  const whole = await profileRuns(
    knex,
    (): Promise<{ computedFrom: string }> =>
      target.kind === 'entity'
        ? metrics.entityMetrics(target.entityRef, request, credentials)
        : metrics.groupMetrics(target.groupRef, request, credentials),
    options,
  );
  const stringify = await measure(
    () => JSON.stringify(whole.last.result),
    options,
  );
  const server =
    database === 'PostgreSQL'
      ? await serverTime(knex, whole.last.queries, options.runs)
      : undefined;
  const rest = Math.max(0, http.p50 - whole.total.p50 - stringify.p50);
  const name = target.kind === 'entity' ? 'entityMetrics' : 'groupMetrics';
  const rows = [
    timingRow(
      `in process, no HTTP: MetricsService.${name} ` +
        `(${whole.last.count} queries, computedFrom ${whole.last.result.computedFrom})`,
      whole.total,
      '-',
    ),
    timingRow(
      `  its queries (round trips, rows parsed by the driver; up to ${whole.last.maxParallel} at once)`,
      whole.queries,
      '-',
    ),
    timingRow(
      '  the rest: catalog, JavaScript work (no query under way)',
      whole.rest,
      '-',
    ),
    ...(server
      ? [
          timingRow(
            `  its SELECTs inside PostgreSQL, one after another (EXPLAIN ANALYZE; ${server.plans})`,
            server.timing,
            '-',
          ),
        ]
      : []),
    timingRow('JSON.stringify of the body', stringify, '-'),
    [
      'the rest: HTTP, auth, permissions, express (p50 difference)',
      '-',
      ms(rest),
      '-',
      '-',
    ],
  ];

  let entities: MeasuredEntity[];
  let groupRef = '';
  if (target.kind === 'entity') {
    const entity = await proc.catalog.getEntity(target.entityRef, credentials);
    const tree = await proc.catalog.groupTree(credentials);
    entities = [metrics.measured(entity, tree)];
  } else {
    const team = await metrics.team(target.groupRef, credentials);
    entities = team.entities;
    groupRef = team.groupRef;
  }
  const keys = entities.map(e => e.key);
  const states = await proc.factStore.states(keys);
  const notCurrent = entities.filter(e => {
    const state = states.get(e.key);
    return state !== undefined && !isCurrent(state, e.settings);
  }).length;
  if (database !== 'SQLite') {
    return {
      rows,
      entities: entities.length,
      notCurrent,
      slowest: server?.slowest,
    };
  }

  const read = await profileRuns(
    knex,
    () => proc.factStore.readWindowFacts(keys, request.window),
    options,
  );
  let factRows = 0;
  const facts = entities.flatMap(entity => {
    const stored = read.last.result.get(entity.key);
    if (!stored) return [];
    const { deployments, changes, incidents } = stored.facts;
    factRows += deployments.length + changes.length + incidents.length;
    return [{ ...stored.facts, entityRef: entity.entityRef }];
  });
  const engine = await measure(() => {
    const analyses = facts.map(f => analyzeFacts(f, request.window));
    return target.kind === 'entity'
      ? summarizeBody(analyses, request, false)
      : rollup(groupRef, analyses, request);
  }, options);
  rows.push(
    ['that path piece by piece:', '', '', '', ''],
    timingRow(
      `  facts read (readWindowFacts, ${read.last.count} queries in one snapshot)`,
      read.total,
      int(factRows),
    ),
    timingRow(
      '    its queries (round trips, rows parsed by the driver)',
      read.queries,
      '-',
    ),
    timingRow(
      '    the rest: rows mapped to facts, BEGIN/COMMIT',
      read.rest,
      '-',
    ),
    timingRow(
      `  engine (analyzeFacts${target.kind === 'entity' ? ' + summarize' : ' + rollup'})`,
      engine,
      '-',
    ),
  );
  return { rows, factRows, entities: entities.length, notCurrent };
}
