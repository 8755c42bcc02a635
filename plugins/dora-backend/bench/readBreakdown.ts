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
  /** Fact rows the read took from the database. */
  factRows: number;
  entities: number;
  /** Entities whose stored facts were not current (should be 0). */
  notCurrent: number;
}

/**
 * Where a metrics request's time goes, in process on our own connection:
 * the catalog, the facts read (its queries, rows parsed by the driver, and
 * the mapping of rows to facts), the engine (analyzeFacts and the body),
 * JSON.stringify, and the rest of the HTTP request (p50 difference). On
 * PostgreSQL also the server's own time for the same SELECTs.
 */
export async function readBreakdown(
  database: Database,
  knex: Knex,
  proc: InProcess,
  target: ReadTarget,
  request: MetricsRequest,
  http: Timing,
  { warmUps, runs }: { warmUps: number; runs: number },
): Promise<ReadBreakdown> {
  const { metrics, credentials } = proc;
  const options = { warmUps, runs };
  const whole = await measure(
    () =>
      target.kind === 'entity'
        ? metrics.entityMetrics(target.entityRef, request, credentials)
        : metrics.groupMetrics(target.groupRef, request, credentials),
    options,
  );

  let entities: MeasuredEntity[] = [];
  let groupRef = '';
  const catalog = await measure(async () => {
    if (target.kind === 'entity') {
      const entity = await proc.catalog.getEntity(
        target.entityRef,
        credentials,
      );
      entities = [metrics.measured(entity)];
    } else {
      const team = await metrics.team(target.groupRef, credentials);
      entities = team.entities;
      groupRef = team.groupRef;
    }
  }, options);

  const keys = entities.map(e => e.key);
  const read = await profileRuns(
    knex,
    () => proc.factStore.readWindowFacts(keys, request.window),
    options,
  );
  let factRows = 0;
  let notCurrent = 0;
  const facts = entities.map(entity => {
    const stored = read.last.result.get(entity.key);
    if (!stored) return undefined;
    if (!isCurrent(stored.state, entity.settings)) notCurrent++;
    const { deployments, changes, incidents } = stored.facts;
    factRows += deployments.length + changes.length + incidents.length;
    return { ...stored.facts, entityRef: entity.entityRef };
  });
  const present = facts.filter(f => f !== undefined);

  let body: unknown;
  const engine = await measure(() => {
    const analyses = present.map(f => analyzeFacts(f, request.window));
    body =
      target.kind === 'entity'
        ? summarizeBody(analyses, request, false)
        : rollup(groupRef, analyses, request);
  }, options);
  const stringify = await measure(() => JSON.stringify(body), options);
  const server =
    database === 'PostgreSQL'
      ? await serverTime(knex, read.last.queries, runs)
      : undefined;

  const rest = Math.max(0, http.p50 - whole.p50 - stringify.p50);
  const rows = [
    timingRow(
      `in process, no HTTP: MetricsService.${target.kind === 'entity' ? 'entityMetrics' : 'groupMetrics'}`,
      whole,
      '-',
    ),
    timingRow(
      `  catalog (${target.kind === 'entity' ? 'getEntity' : 'team: group tree, owned entities'})`,
      catalog,
      int(entities.length),
    ),
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
    timingRow('JSON.stringify of the body', stringify, '-'),
    [
      'the rest: HTTP, auth, permissions, express (p50 difference)',
      '-',
      ms(rest),
      '-',
      '-',
    ],
    ...(server
      ? [
          timingRow(
            `DB: the facts SELECTs inside PostgreSQL (EXPLAIN ANALYZE; ${server.plans})`,
            server.timing,
            '-',
          ),
        ]
      : []),
  ];
  return { rows, factRows, entities: entities.length, notCurrent };
}
