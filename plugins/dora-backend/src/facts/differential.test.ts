import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DEFAULT_SETTINGS,
  EntityInput,
  MetricsRequest,
  classifyEntity,
  computeEntityMetrics,
  computeRollup,
  explainEvents,
  parseMetricsRequest,
  resolveSettings,
} from '@dora-metrics/plugin-dora-common';
import request from 'supertest';
import { component, group } from '../__testUtils__/entities';
import {
  startDoraBackend,
  waitForFacts,
} from '../__testUtils__/startDoraBackend';
import { doraTestDatabases } from '../testUtils';
import {
  EntityPlan,
  GroupPlan,
  PostedEvents,
  SeedPlan,
  WindowQuery,
  randomSource,
  randomWindows,
  seedPlan,
} from '../__testUtils__/randomEvents';

/**
 * Differential test: the HTTP API of a real backend (stored facts, or
 * events while the facts are out of date) against the pure engine run over
 * every event of the entity, for random histories, posts and windows.
 *
 * Per seed: four components under a two-level group tree (default settings
 * with an incident source; production `prod,production-eu` with attribution
 * window `none`; pipeline mode; pull-request mode), their events posted in
 * random order and batches, some first in another version or for another
 * entity, some twice. Read between the batches, right after the last one,
 * once the facts are built, and after re-sending the events first sent for
 * another entity: entity metrics against computeEntityMetrics, rollups
 * against computeRollup, and the drill-down (paged) against the numbers and
 * against explainEvents. Each seed reproduces alone: its entities, events,
 * posts and windows are functions of the seed; `DORA_DIFFERENTIAL_LOG=1`
 * prints how many reads came from facts or events.
 */

jest.setTimeout(300_000);

const SEEDS = [11, 23, 101, 2024, 31337, 65537];
const WINDOWS_PER_SEED = 18;
const INTERIM_WINDOWS = 2;
/** Windows read again after the corrections. */
const MOVED_WINDOWS = 6;
const PAGE_SIZE = 7;
/** Mismatches kept per rule (the count says how many there were). */
const KEEP = 12;

const databases = doraTestDatabases();
const user = mockCredentials.user.header();
const service = mockCredentials.service.header();

const plans = SEEDS.map(seed => seedPlan(seed, WINDOWS_PER_SEED));
const catalog = [
  ...plans.flatMap(plan => [
    ...plan.groups.map(g => group(g.name, g.children, g.parent)),
    ...plan.entities.map(e => component(e.name, e.annotations, e.owner)),
  ]),
  component('moved-from'),
  component('moved-to'),
];

type Server = Awaited<ReturnType<typeof startDoraBackend>>;
type Body = Record<string, any>;

interface DrillDownRow {
  event: { kind: string; source: string; id: string; entityRef: string };
  counting: Record<string, any>;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The paths where two JSON values differ, at most `max`. */
function differences(
  expected: unknown,
  actual: unknown,
  path = '',
  out: string[] = [],
  max = 6,
): string[] {
  if (out.length >= max || Object.is(expected, actual)) return out;
  if (
    typeof expected === 'object' &&
    expected !== null &&
    typeof actual === 'object' &&
    actual !== null &&
    Array.isArray(expected) === Array.isArray(actual)
  ) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      differences(e[key], a[key], path ? `${path}.${key}` : key, out, max);
    }
    return out;
  }
  out.push(
    `${path || '(root)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
  return out;
}

function requestOf(window: WindowQuery): MetricsRequest {
  const parsed = parseMetricsRequest(window);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.request;
}

const settingsOf = (entity: EntityPlan) =>
  resolveSettings(entity.annotations, DEFAULT_SETTINGS).settings;

function inputOf(entity: EntityPlan, posted: PostedEvents): EntityInput {
  return {
    entityRef: entity.entityRef,
    events: posted.of(entity.entityRef),
    settings: settingsOf(entity),
  };
}

/** The entities a group's rollup pools (its own and its sub-groups'), as the backend orders them. */
function entitiesOfGroup(plan: SeedPlan, g: GroupPlan): EntityPlan[] {
  const names = new Set([g.name]);
  for (let grown = true; grown;) {
    grown = false;
    for (const other of plan.groups) {
      if (other.parent && names.has(other.parent) && !names.has(other.name)) {
        names.add(other.name);
        grown = true;
      }
    }
  }
  return plan.entities
    .filter(e => names.has(e.owner))
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}

function strip(body: Body): Body {
  const { computedAt: _at, computedFrom: _from, ...rest } = body;
  return rest;
}

const describeWindow = (seed: number, w: number, window: WindowQuery) =>
  `seed ${seed} window #${w} [${window.from}, ${window.to}) ${window.timezone} ${window.bucket} (${window.kind})`;

/** Mismatches by rule, keeping the first few of each with a count. */
class Findings {
  private readonly kept = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();

  add(rule: string, message: string): void {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1);
    const kept = this.kept.get(rule) ?? [];
    if (kept.length < KEEP) kept.push(message);
    this.kept.set(rule, kept);
  }

  /** Every rule's mismatches. */
  all(): string[] {
    return [...this.kept.keys()].flatMap(rule =>
      this.of(rule).map(m => `${rule}: ${m}`),
    );
  }

  of(rule: string): string[] {
    const kept = this.kept.get(rule) ?? [];
    const count = this.counts.get(rule) ?? 0;
    return count > kept.length
      ? [...kept, `... ${count - kept.length} more`]
      : kept;
  }
}

/** What the reads said they were computed from, for the log. */
type FromCounts = Record<string, number>;

class Checker {
  readonly findings = new Findings();
  readonly computedFrom: FromCounts = {};
  requests = 0;

  constructor(
    private readonly server: () => Server,
    private readonly plan: SeedPlan,
    readonly posted: PostedEvents,
  ) {}

  private http() {
    this.requests++;
    return request(this.server());
  }

  /** For DORA_DIFFERENTIAL_LOG=1: what was read from where, how fast. */
  log(label: string, startedAt: number): void {
    if (!process.env.DORA_DIFFERENTIAL_LOG) return;
    process.stdout.write(
      `seed ${this.plan.seed} ${label}: ${this.requests} requests in ${
        Date.now() - startedAt
      } ms, computedFrom ${JSON.stringify(this.computedFrom)}\n`,
    );
  }

  async post(events: unknown[]): Promise<void> {
    const res = await this.http()
      .post('/api/dora/v1/events')
      .set('Authorization', service)
      .send({ events });
    if (res.status !== 200 || res.body.accepted !== events.length) {
      throw new Error(
        `seed ${this.plan.seed}: POST answered ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
  }

  /** Re-sends one unchanged event of each entity: their facts are out of date again. */
  async touch(w: number): Promise<void> {
    const again = this.plan.entities.flatMap(entity => {
      const events = this.posted.of(entity.entityRef);
      return events.length > 0 ? [events[w % events.length]] : [];
    });
    if (again.length > 0) await this.post(again);
  }

  private noteFrom(body: Body, rule: string, where: string, facts: boolean) {
    const from = String(body.computedFrom);
    this.computedFrom[from] = (this.computedFrom[from] ?? 0) + 1;
    if (facts && from !== 'facts') {
      this.findings.add(rule, `${where}: computedFrom is ${from}, not facts`);
    }
  }

  async entityMetrics(
    entity: EntityPlan,
    w: number,
    window: WindowQuery,
    rule: string,
    facts: boolean,
  ): Promise<Body | undefined> {
    const where = `${describeWindow(this.plan.seed, w, window)} ${entity.entityRef}`;
    const res = await this.http()
      .get('/api/dora/v1/metrics')
      .set('Authorization', user)
      .query({
        entityRef: entity.entityRef,
        from: window.from,
        to: window.to,
        timezone: window.timezone,
        bucket: window.bucket,
      });
    if (res.status !== 200) {
      this.findings.add(rule, `${where}: status ${res.status}`);
      return undefined;
    }
    this.noteFrom(
      res.body,
      rule === 'interim' ? rule : 'computedFrom',
      where,
      facts,
    );
    const expected = json(
      computeEntityMetrics(inputOf(entity, this.posted), requestOf(window)),
    );
    for (const difference of differences(expected, strip(res.body))) {
      this.findings.add(rule, `${where}: ${difference}`);
    }
    return res.body;
  }

  async groupMetrics(
    g: GroupPlan,
    w: number,
    window: WindowQuery,
    rule: string,
    facts: boolean,
  ): Promise<Body | undefined> {
    const where = `${describeWindow(this.plan.seed, w, window)} ${g.groupRef}`;
    const res = await this.http()
      .get(`/api/dora/v1/groups/default/${g.name}/metrics`)
      .set('Authorization', user)
      .query({
        from: window.from,
        to: window.to,
        timezone: window.timezone,
        bucket: window.bucket,
      });
    if (res.status !== 200) {
      this.findings.add(rule, `${where}: status ${res.status}`);
      return undefined;
    }
    this.noteFrom(
      res.body,
      rule === 'interim' ? rule : 'computedFrom',
      where,
      facts,
    );
    const inputs = entitiesOfGroup(this.plan, g).map(e =>
      inputOf(e, this.posted),
    );
    const expected = json(computeRollup(g.groupRef, inputs, requestOf(window)));
    for (const difference of differences(expected, strip(res.body))) {
      this.findings.add(rule, `${where}: ${difference}`);
    }
    return res.body;
  }

  /** Every drill-down row of a scope, page by page. */
  private async drillDown(
    scope: { entityRef: string } | { groupRef: string },
    window: WindowQuery,
    kind: string | undefined,
    where: string,
  ): Promise<DrillDownRow[] | undefined> {
    const rows: DrillDownRow[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 500; page++) {
      const res = await this.http()
        .get('/api/dora/v1/events')
        .set('Authorization', user)
        .query({
          ...scope,
          from: window.from,
          to: window.to,
          timezone: window.timezone,
          bucket: window.bucket,
          limit: PAGE_SIZE,
          ...(kind ? { kind } : {}),
          ...(cursor ? { cursor } : {}),
        });
      if (res.status !== 200) {
        this.findings.add(
          'drillDownSums',
          `${where} kind=${kind}: page ${page} status ${res.status}`,
        );
        return undefined;
      }
      if (res.body.items.length > PAGE_SIZE) {
        this.findings.add(
          'drillDownSums',
          `${where} kind=${kind}: page ${page} has ${res.body.items.length} rows`,
        );
      }
      rows.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) return rows;
    }
    this.findings.add('drillDownSums', `${where}: more than 500 pages`);
    return undefined;
  }

  /**
   * The drill-down of a scope against its numbers (deployments, change
   * failure rate, merged changes, no row twice) and against explainEvents.
   */
  async drillDownAgainst(
    scope: { entityRef: string } | { groupRef: string },
    entities: EntityPlan[],
    body: Body,
    w: number,
    window: WindowQuery,
    allKinds: boolean,
  ): Promise<void> {
    const name = 'entityRef' in scope ? scope.entityRef : scope.groupRef;
    const where = `${describeWindow(this.plan.seed, w, window)} ${name}`;
    const keyOf = (row: DrillDownRow) =>
      [row.event.entityRef, row.event.kind, row.event.source, row.event.id]
        .map(String)
        .join(' ');
    const { window: millis } = requestOf(window);
    const expectedRows = entities.flatMap(entity =>
      explainEvents(classifyEntity(inputOf(entity, this.posted)), millis).map(
        e =>
          json({
            key: [entity.entityRef, e.kind, e.source, e.id].join(' '),
            counting: e.counting,
          }),
      ),
    );
    const compareWithEngine = (rows: DrillDownRow[], kind?: string) => {
      const label = `${where} kind=${kind ?? 'all'}`;
      const expected = new Map(
        expectedRows
          .filter(e => !kind || e.key.split(' ')[1] === kind)
          .map(e => [e.key, e.counting]),
      );
      const actual = new Map<string, unknown>();
      for (const row of rows) actual.set(keyOf(row), row.counting);
      const missing = [...expected.keys()].filter(k => !actual.has(k));
      const extra = [...actual.keys()].filter(k => !expected.has(k));
      if (missing.length || extra.length) {
        this.findings.add(
          'drillDownExplain',
          `${label}: rows missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`,
        );
      }
      for (const [key, counting] of actual) {
        if (!expected.has(key)) continue;
        for (const difference of differences(
          expected.get(key),
          counting,
          `${key} counting`,
        )) {
          this.findings.add('drillDownExplain', `${label}: ${difference}`);
        }
      }
    };
    const noDuplicates = (rows: DrillDownRow[], kind: string) => {
      const seen = new Set<string>();
      for (const row of rows) {
        const key = keyOf(row);
        if (seen.has(key)) {
          this.findings.add(
            'drillDownSums',
            `${where} kind=${kind}: ${key} on two pages`,
          );
        }
        seen.add(key);
      }
    };
    const count = (rows: DrillDownRow[], test: (c: Body) => boolean) =>
      rows.filter(row => test(row.counting)).length;
    const expectSum = (what: string, actual: number, expected: unknown) => {
      if (actual !== expected) {
        this.findings.add(
          'drillDownSums',
          `${where}: ${what}: drill-down rows ${actual}, number ${JSON.stringify(expected)}`,
        );
      }
    };

    const deployments = await this.drillDown(
      scope,
      window,
      'deployment',
      where,
    );
    if (deployments) {
      noDuplicates(deployments, 'deployment');
      expectSum(
        'counted deployments vs deploymentFrequency.count',
        count(deployments, c => c.status === 'counted'),
        body.deploymentFrequency.count,
      );
      expectSum(
        'inChangeFailureRate vs changeFailureRate.total',
        count(deployments, c => c.inChangeFailureRate),
        body.changeFailureRate.total,
      );
      expectSum(
        'failed && inChangeFailureRate vs changeFailureRate.failed',
        count(deployments, c => c.failed && c.inChangeFailureRate),
        body.changeFailureRate.failed,
      );
      compareWithEngine(deployments, 'deployment');
    }
    const changes = await this.drillDown(scope, window, 'change', where);
    if (changes) {
      noDuplicates(changes, 'change');
      expectSum(
        'mergedInWindow vs pullRequests.merged',
        count(changes, c => c.mergedInWindow),
        body.pullRequests.merged,
      );
      compareWithEngine(changes, 'change');
    }
    // Incidents alone, or every kind at once (pages cut across kinds).
    const rest = allKinds ? undefined : 'incident';
    const others = await this.drillDown(scope, window, rest, where);
    if (others) {
      noDuplicates(others, rest ?? 'all');
      compareWithEngine(others, rest);
    }
  }

  /**
   * Every window: each entity's metrics, each group's rollup, and the
   * drill-down of one entity and one group (in turn).
   */
  async allWindows(facts: boolean, windows = this.plan.windows): Promise<void> {
    const { plan } = this;
    for (const [w, window] of windows.entries()) {
      // Every other window right after a write (its facts out of date).
      if (!facts && w % 2 === 0) await this.touch(w);
      const bodies = new Map<string, Body | undefined>();
      for (const entity of plan.entities) {
        bodies.set(
          entity.entityRef,
          await this.entityMetrics(entity, w, window, 'entityMetrics', facts),
        );
      }
      for (const g of plan.groups) {
        bodies.set(
          g.groupRef,
          await this.groupMetrics(g, w, window, 'groupMetrics', facts),
        );
      }
      // The drill-down of one entity (even windows) or one group (odd), in
      // turn; every kind at once, or incidents alone, in turn too.
      const turn = Math.floor(w / 2);
      if (w % 2 === 0) {
        const entity = plan.entities[turn % plan.entities.length];
        const body = bodies.get(entity.entityRef);
        if (body) {
          await this.drillDownAgainst(
            { entityRef: entity.entityRef },
            [entity],
            body,
            w,
            window,
            Math.floor(turn / plan.entities.length) % 2 === 0,
          );
        }
      } else {
        const g = plan.groups[turn % plan.groups.length];
        const body = bodies.get(g.groupRef);
        if (body) {
          await this.drillDownAgainst(
            { groupRef: g.groupRef },
            entitiesOfGroup(plan, g),
            body,
            w,
            window,
            Math.floor(turn / plan.groups.length) % 2 === 0,
          );
        }
      }
    }
  }

  /**
   * Posts the batches; between them reads a few windows (some right after
   * the write, some once the facts of the batch are built) and compares
   * with the engine over the events posted so far.
   */
  async ingest(): Promise<void> {
    const { plan } = this;
    const random = randomSource(plan.seed + 1);
    for (const [b, batch] of plan.batches.entries()) {
      await this.post(batch);
      this.posted.add(batch);
      if (b === plan.batches.length - 1) break;
      const built = b % 2 === 1;
      if (built) await waitForFacts(this.server());
      const windows = randomWindows(random, plan.events, INTERIM_WINDOWS);
      for (const [i, window] of windows.entries()) {
        const w = 1000 + b * 10 + i;
        for (const entity of plan.entities) {
          await this.entityMetrics(entity, w, window, 'interim', built);
        }
        await this.groupMetrics(plan.groups[0], w, window, 'interim', built);
      }
    }
  }
}

describe.each(databases.eachSupportedId())(
  'the HTTP API against the pure engine, random histories, on %s',
  databaseId => {
    let server: Server;

    beforeAll(async () => {
      server = await startDoraBackend({
        knex: await databases.init(databaseId),
        entities: catalog,
      });
    });

    // The smallest case of what the corrections of the seeds find.
    it('a deployment re-sent for another entity leaves the entity it was first sent for (smallest case)', async () => {
      const from = 'component:default/moved-from';
      const to = 'component:default/moved-to';
      const deployment = {
        kind: 'deployment' as const,
        source: 'ci',
        id: 'moved-1',
        environment: 'production',
        status: 'success' as const,
        finishedAt: '2025-03-05T10:00:00Z',
      };
      const range = {
        from: '2025-03-01T00:00:00Z',
        to: '2025-04-01T00:00:00Z',
        timezone: 'UTC',
        bucket: 'week' as const,
      };
      const post = async (entityRef: string) => {
        const res = await request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', service)
          .send({ events: [{ ...deployment, entityRef }] });
        expect(res.status).toBe(200);
        await waitForFacts(server);
      };
      await post(from);
      await post(to);
      const read = await request(server)
        .get('/api/dora/v1/metrics')
        .set('Authorization', user)
        .query({ entityRef: from, ...range });
      const drillDown = await request(server)
        .get('/api/dora/v1/events')
        .set('Authorization', user)
        .query({ entityRef: from, ...range });
      const expected = json(
        computeEntityMetrics(
          { entityRef: from, events: [], settings: DEFAULT_SETTINGS },
          requestOf({ ...range, kind: 'smallest case' }),
        ),
      );
      expect({
        metrics: strip(read.body),
        drillDown: drillDown.body.items,
      }).toEqual({ metrics: expected, drillDown: [] });
    });

    describe.each(plans.map(plan => [plan.seed, plan] as const))(
      'seed %i',
      (_seed, plan) => {
        const checker = new Checker(() => server, plan, new PostedEvents());

        describe('right after the writes (facts or events, whichever is current)', () => {
          beforeAll(async () => {
            const startedAt = Date.now();
            await checker.ingest();
            await checker.allWindows(false);
            checker.log(`${databaseId} right after the writes`, startedAt);
          });

          it('late, re-sent and moved events: each read between the batches equals the engine over the events posted so far', () => {
            expect(checker.findings.of('interim')).toEqual([]);
          });

          it('entity metrics equal computeEntityMetrics over all events of the entity', () => {
            expect(checker.findings.of('entityMetrics')).toEqual([]);
          });

          it('group rollups equal computeRollup over the entities of the group and its sub-groups', () => {
            expect(checker.findings.of('groupMetrics')).toEqual([]);
          });

          it('drill-down rows add up to deploymentFrequency.count, changeFailureRate total and failed, pullRequests.merged; no row on two pages', () => {
            expect(checker.findings.of('drillDownSums')).toEqual([]);
          });

          it('drill-down rows and their counting equal explainEvents of the engine', () => {
            expect(checker.findings.of('drillDownExplain')).toEqual([]);
          });
        });

        describe('once the facts are built', () => {
          const built = new Checker(() => server, plan, checker.posted);

          beforeAll(async () => {
            const startedAt = Date.now();
            await waitForFacts(server);
            await built.allWindows(true);
            built.log(`${databaseId} once the facts are built`, startedAt);
          });

          it('every answer says computedFrom facts', () => {
            expect(built.findings.of('computedFrom')).toEqual([]);
          });

          it('entity metrics equal computeEntityMetrics over all events of the entity', () => {
            expect(built.findings.of('entityMetrics')).toEqual([]);
          });

          it('group rollups equal computeRollup over the entities of the group and its sub-groups', () => {
            expect(built.findings.of('groupMetrics')).toEqual([]);
          });

          it('drill-down rows add up to deploymentFrequency.count, changeFailureRate total and failed, pullRequests.merged; no row on two pages', () => {
            expect(built.findings.of('drillDownSums')).toEqual([]);
          });

          it('drill-down rows and their counting equal explainEvents of the engine', () => {
            expect(built.findings.of('drillDownExplain')).toEqual([]);
          });
        });

        describe('after re-sending, for their own entity, events first sent for another one', () => {
          const moved = new Checker(() => server, plan, checker.posted);
          const corrections = plan.corrections.map(
            c =>
              `${c.event.kind} ${c.event.id}: ${c.from} -> ${c.event.entityRef}`,
          );

          beforeAll(async () => {
            const startedAt = Date.now();
            const events = plan.corrections.map(c => c.event);
            await moved.post(events);
            moved.posted.add(events);
            await waitForFacts(server);
            await moved.allWindows(true, plan.windows.slice(0, MOVED_WINDOWS));
            moved.log(`${databaseId} after the corrections`, startedAt);
          });

          it('the entity an event was first sent for no longer counts it: metrics, rollups and drill-down equal the engine, from the facts', () => {
            expect({ corrections, mismatches: moved.findings.all() }).toEqual({
              corrections,
              mismatches: [],
            });
          });
        });
      },
    );
  },
);
