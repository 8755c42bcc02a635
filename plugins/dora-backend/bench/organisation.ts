/* eslint-disable no-console -- printing the figures is its job */
import { Knex } from 'knex';
import { resolveMetricsQuery } from '../src/service/metricsQuery';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { DatabaseSetup, RunningBackend } from './benchBackend';
import { ORG_ROOT, Organisation } from './benchCatalog';
import {
  ORG_EVENTS,
  ORG_INGEST_CONCURRENCY,
  PAGE_CONCURRENCY,
  PAGE_RUNS,
  ROLLUP_RUNS,
  SEED,
  TARGET_ORG_90_P95_S,
  TARGET_ORG_YEAR_S,
  TARGET_PAGE_S,
  TargetRow,
  Window,
  YEAR,
  YEAR_ROLLUP_RUNS,
  lastDays,
} from './benchConfig';
import { entityEvents, organisationScales, toBatches } from './benchEvents';
import { callOk, queryString } from './httpClient';
import {
  INGEST_HEADER,
  ingestRow,
  ingestUntilCurrent,
  printIngestNotes,
} from './ingest';
import { InProcess } from './inProcess';
import { readBreakdown } from './readBreakdown';
import {
  Timing,
  collect,
  int,
  measure,
  ms,
  progress,
  secs,
  summarize,
  timingRow,
  verdict,
} from './timing';

const groupPath = (name: string, window: Window) =>
  `/api/dora/v1/groups/default/${name}/metrics?${queryString({ ...window, bucket: 'week' })}`;

/** Every response must come from the facts, or the figure measures something else. */
class ComputedFrom {
  private readonly counts = new Map<string, number>();
  add(body: string) {
    const from = String(JSON.parse(body).computedFrom);
    this.counts.set(from, (this.counts.get(from) ?? 0) + 1);
  }
  get allFacts() {
    return [...this.counts.keys()].every(k => k === 'facts');
  }
  toString() {
    return [...this.counts].map(([k, n]) => `${k} ${n}`).join(', ');
  }
}

/**
 * Every group's rollup at once, PAGE_CONCURRENCY requests in flight (a
 * browser's per-host limit), as the DORA page asks for them.
 */
async function pageLoad(
  port: number,
  groups: string[],
  window: Window,
  computed: ComputedFrom,
): Promise<{ totalMs: number; requestMs: number[] }> {
  const requestMs: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < groups.length) {
      const response = await callOk(
        port,
        'GET',
        groupPath(groups[next++], window),
      );
      computed.add(response.body);
      requestMs.push(response.ms);
    }
  };
  await Promise.all(Array.from({ length: PAGE_CONCURRENCY }, worker));
  return { totalMs: performance.now() - start, requestMs };
}

/**
 * 4. An organisation of services in a group tree, a year of events, facts
 * current: every group's 30-day rollup as the DORA page fetches them, and
 * the organisation's 90-day and 1-year rollups.
 */
export async function organisationScenario(
  setup: DatabaseSetup,
  backend: RunningBackend,
  knex: Knex,
  proc: InProcess,
  org: Organisation,
): Promise<TargetRow[]> {
  const wanted = ORG_EVENTS[setup.name];
  const scales = organisationScales(org.services.length, wanted);
  progress(
    `${setup.name}: generating ~${int(wanted)} events for ${int(org.services.length)} services`,
  );
  let batches = toBatches(org.services.length, i =>
    entityEvents(org.services[i], scales[i], SEED + 1000 + i),
  );
  const ingest = await ingestUntilCurrent(
    backend,
    `${setup.name} organisation ingest`,
    batches,
    ORG_INGEST_CONCURRENCY,
    setup.name === 'PostgreSQL' ? knex : undefined,
  );
  batches = [];
  const perService = scales.map(s => s * 61_000).sort((a, b) => a - b);
  const size =
    `${int(org.services.length)} services in ${org.groups.length} groups, ` +
    `${int(ingest.events)} events in ${YEAR.from.slice(0, 4)}`;
  printTable(
    `${setup.name}: 4. organisation ingest (${size}; events per service: median ${int(
      perService[Math.floor(perService.length / 2)],
    )}, max ${int(perService[perService.length - 1])}), until GET /v1/facts says stale = 0`,
    INGEST_HEADER,
    [ingestRow(ingest)],
  );
  printIngestNotes(ingest);

  // Every group's 30-day rollup, as the DORA page loaded them before it asked
  // for all of them in one request (kept: the per-group route still serves
  // team tabs and API users).
  collect();
  progress(
    `${setup.name}: every group's 30-day rollup, ${PAGE_CONCURRENCY} at a time`,
  );
  const page = new ComputedFrom();
  const window30 = lastDays(30);
  await pageLoad(backend.port, org.groups, window30, page);
  const totals: number[] = [];
  const requests: number[] = [];
  for (let run = 0; run < PAGE_RUNS; run++) {
    const load = await pageLoad(backend.port, org.groups, window30, page);
    totals.push(load.totalMs);
    requests.push(...load.requestMs);
  }
  const pageTotal = summarize(totals);
  const pageRequests = summarize(requests);

  // The DORA page as it loads now: every group's pooled row in one request;
  // and a department's team tab: its body with the previous window, the
  // services' series and the sub-teams in one request.
  const allGroups = `/api/dora/v1/groups/metrics?${[
    ...org.groups.map(
      g => `groupRef=${encodeURIComponent(`group:default/${g}`)}`,
    ),
    queryString({ ...window30, bucket: 'week' }),
  ].join('&')}`;
  const department = org.groups[1];
  const teamTab = `${groupPath(department, window30)}&include=entitySeries,movers,previous,subTeams`;
  // The DORA page's movers: every team and service, this window and the one before.
  const allMovers = `/api/dora/v1/movers?${queryString({ ...window30 })}`;
  const timeOne = async (path: string) => {
    collect();
    let body = '';
    const timing = await measure(
      async () => {
        body = (await callOk(backend.port, 'GET', path)).body;
      },
      { warmUps: 1, runs: PAGE_RUNS },
    );
    return { timing, kib: Buffer.byteLength(body) / 1024 };
  };
  progress(
    `${setup.name}: the DORA page's one request, a team tab's one request`,
  );
  const pageOne = await timeOne(allGroups);
  const moversOne = await timeOne(allMovers);
  const teamOne = await timeOne(teamTab);

  // The organisation's 90-day and 1-year rollups, one at a time.
  const rollups = new ComputedFrom();
  const timeRollup = async (window: Window, warmUps: number, runs: number) => {
    collect();
    let body = '';
    const timing = await measure(
      async () => {
        body = (await callOk(backend.port, 'GET', groupPath(ORG_ROOT, window)))
          .body;
        rollups.add(body);
      },
      { warmUps, runs },
    );
    return { timing, kib: Buffer.byteLength(body) / 1024 };
  };
  progress(`${setup.name}: the organisation's 90-day and 1-year rollups`);
  const org90 = await timeRollup(lastDays(90), 2, ROLLUP_RUNS);
  const orgYear = await timeRollup(YEAR, 1, YEAR_ROLLUP_RUNS);

  const pageOk = pageTotal.p50 / 1000 <= TARGET_PAGE_S && page.allFacts;
  const org90Ok =
    org90.timing.p95 / 1000 <= TARGET_ORG_90_P95_S && rollups.allFacts;
  const yearOk =
    orgYear.timing.p50 / 1000 <= TARGET_ORG_YEAR_S && rollups.allFacts;
  printTable(
    `${setup.name}: 4. organisation rollups, GET /api/dora/v1/groups/default/<group>/metrics, facts current ` +
      `(${size}; computedFrom: page ${page}, organisation ${rollups})`,
    ['what', 'runs', 'p50 ms', 'p95 ms', 'response KiB', 'target', 'result'],
    [
      timingRow(
        `every group's 30-day rollup, ${org.groups.length} requests ${PAGE_CONCURRENCY} at a time: total`,
        pageTotal,
        '-',
        `p50 <= ${TARGET_PAGE_S} s`,
        verdict(pageOk),
      ),
      timingRow(
        '  one request of those (any group)',
        pageRequests,
        '-',
        '',
        '',
      ),
      timingRow(
        `the DORA page now: GET /v1/groups/metrics, all ${org.groups.length} groups in one request`,
        pageOne.timing,
        int(pageOne.kib),
        `p50 <= ${TARGET_PAGE_S} s`,
        verdict(pageOne.timing.p50 / 1000 <= TARGET_PAGE_S),
      ),
      timingRow(
        `the DORA page's movers: GET /v1/movers, every team and all ${int(org.services.length)} services, 30 days and the 30 before`,
        moversOne.timing,
        int(moversOne.kib),
        `p50 <= ${TARGET_PAGE_S} s`,
        verdict(moversOne.timing.p50 / 1000 <= TARGET_PAGE_S),
      ),
      timingRow(
        `a team tab now: department ${department} with include=entitySeries,movers,previous,subTeams`,
        teamOne.timing,
        int(teamOne.kib),
        '',
        '',
      ),
      timingRow(
        `organisation ${ORG_ROOT}, 90 days (${lastDays(90).from.slice(0, 10)}..)`,
        org90.timing,
        int(org90.kib),
        `p95 <= ${TARGET_ORG_90_P95_S} s`,
        verdict(org90Ok),
      ),
      timingRow(
        `organisation ${ORG_ROOT}, the year`,
        orgYear.timing,
        int(orgYear.kib),
        `p50 <= ${TARGET_ORG_YEAR_S} s`,
        verdict(yearOk),
      ),
    ],
  );

  // Where the organisation's rollups spend their time.
  const explain = async (label: string, window: Window, http: Timing) => {
    const request = resolveMetricsQuery(
      { ...window, bucket: 'week' },
      Date.now(),
    );
    const breakdown = await readBreakdown(
      setup.name,
      knex,
      proc,
      { kind: 'group', groupRef: `group:default/${ORG_ROOT}` },
      request,
      http,
      { warmUps: 1, runs: 3 },
    );
    printTable(
      `${setup.name}: where the organisation's ${label} rollup goes (in process, ${breakdown.entities} entities, ` +
        `${
          breakdown.factRows === undefined
            ? ''
            : `${int(breakdown.factRows)} fact rows read, `
        }` +
        `${breakdown.notCurrent} not current; HTTP p50 ${ms(http.p50)} ms)`,
      ['what', 'runs', 'p50 ms', 'p95 ms', 'rows'],
      breakdown.rows,
    );
    if (breakdown.slowest) {
      console.log(
        `Slowest queries inside PostgreSQL (p50): ${breakdown.slowest}.`,
      );
    }
  };
  await explain('90-day', lastDays(90), org90.timing);
  await explain('1-year', YEAR, orgYear.timing);
  if (!page.allFacts || !rollups.allFacts) {
    console.log('WARNING: some rollups were computed from events, not facts.');
  }

  const smaller = setup.name === 'SQLite' && wanted < ORG_EVENTS.PostgreSQL;
  const label = `${int(org.services.length)} services, ${int(ingest.events)} events${smaller ? ' (SMALLER org)' : ''}`;
  return [
    {
      figure: `4. Org ingest until facts current (${label}, ${ORG_INGEST_CONCURRENCY} in flight)`,
      database: setup.name,
      measured: `${int((ingest.events / ingest.untilCurrentMs) * 1000)} events/s`,
      target: '(figure only)',
      result: '-',
    },
    {
      figure: `4. Every group's 30-day rollup, ${org.groups.length} groups ${PAGE_CONCURRENCY} at a time, total`,
      database: setup.name,
      measured: `${secs(pageTotal.p50)} s`,
      target: `<= ${TARGET_PAGE_S} s`,
      result: verdict(pageOk),
    },
    {
      figure: `4. The DORA page's one request (all ${org.groups.length} groups' 30-day rows)`,
      database: setup.name,
      measured: `${secs(pageOne.timing.p50)} s`,
      target: `<= ${TARGET_PAGE_S} s`,
      result: verdict(pageOne.timing.p50 / 1000 <= TARGET_PAGE_S),
    },
    {
      figure: `4. A department's team tab, one request with its includes`,
      database: setup.name,
      measured: `${secs(teamOne.timing.p50)} s`,
      target: '(figure only)',
      result: '-',
    },
    {
      figure: '4. Organisation 90-day rollup, p95',
      database: setup.name,
      measured: `${secs(org90.timing.p95)} s`,
      target: `<= ${TARGET_ORG_90_P95_S} s`,
      result: verdict(org90Ok),
    },
    {
      figure: '4. Organisation 1-year rollup',
      database: setup.name,
      measured: `${secs(orgYear.timing.p50)} s`,
      target: `<= ${TARGET_ORG_YEAR_S} s`,
      result: verdict(yearOk),
    },
  ];
}
