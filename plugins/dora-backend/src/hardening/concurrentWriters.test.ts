import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { component, group } from '../__testUtils__/entities';
import { waitForFacts } from '../__testUtils__/startDoraBackend';
import {
  countRows,
  doraTestDatabases,
  startDoraTestBackend,
} from '../testUtils';

/**
 * Concurrent writers on one database, through two backend replicas: (a)
 * writers posting batches whose keys overlap, in random orders; (b) writers
 * rewriting the same keys in random orders, then one last write of all of
 * them. No request answers 5xx (on PostgreSQL, a deadlock is retried), the
 * tables hold one row per distinct key, every row is one whole write (no
 * mixture of two), the last write wins, and the facts become current and
 * agree with the rows.
 *
 * Full size on PostgreSQL; a smaller sanity run on SQLite, whose writes are
 * serialized anyway. `DORA_CONCURRENCY_LOG=1` prints how many writes
 * PostgreSQL aborted and the backend retried.
 */

jest.setTimeout(300_000);

const databases = doraTestDatabases();
const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

interface Size {
  writers: number;
  batchesPerWriter: number;
  eventsPerBatch: number;
  /** Keys of (a) that every writer draws from: about a quarter of each batch. */
  sharedKeys: number;
  /** Keys of (b), rewritten by every writer. */
  hotKeys: number;
  rounds: number;
}

const SIZES: Partial<Record<TestDatabaseId, Size>> = {
  POSTGRES_15: {
    writers: 8,
    batchesPerWriter: 5,
    eventsPerBatch: 120,
    sharedKeys: 120,
    hotKeys: 100,
    rounds: 4,
  },
  SQLITE_3: {
    writers: 4,
    batchesPerWriter: 2,
    eventsPerBatch: 40,
    sharedKeys: 40,
    hotKeys: 20,
    rounds: 2,
  },
};

const SERVICES = ['alpha', 'beta', 'gamma', 'delta'];
/** Each group with the services it pools (its sub-groups' included). */
const GROUPS: Record<string, string[]> = {
  org: SERVICES,
  'team-a': ['alpha', 'beta'],
  'team-b': ['gamma', 'delta'],
};
const ENTITY_REFS = SERVICES.map(name => `component:default/${name}`);
const catalog = [
  group('org', ['team-a', 'team-b']),
  group('team-a', [], 'org'),
  group('team-b', [], 'org'),
  component('alpha', {}, 'team-a'),
  component('beta', {}, 'team-a'),
  component('gamma', {}, 'team-b'),
  component('delta', {}, 'team-b'),
];

const WINDOW = { from: '2024-04-01T00:00:00Z', to: '2024-07-01T00:00:00Z' };
const MAY = Date.parse('2024-05-01T00:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(MAY + minutes * MINUTE).toISOString();

/** A small seeded generator (mulberry32), so every run writes the same. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const shuffle = <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { int, shuffle };
}

type Key = { kind: 'deployment' | 'change'; id: string };

/**
 * One write of a key. Every field of the row follows from `stamp` (which
 * writer, which round), so a row mixing two writes is recognised.
 */
function eventOf(key: Key, stamp: number, entityRef: string, marker: string) {
  if (key.kind === 'deployment') {
    return {
      kind: 'deployment',
      source: 'ci',
      id: key.id,
      entityRef,
      environment: 'production',
      status: 'success',
      startedAt: at(stamp - 5),
      finishedAt: at(stamp),
      // Unique, so that no deployment counts as a redeploy of another.
      version: `${marker}/${key.id}`,
    };
  }
  return {
    kind: 'change',
    source: 'github',
    id: key.id,
    entityRef,
    title: marker,
    firstCommitAt: at(stamp - 120),
    mergedAt: at(stamp),
    additions: stamp,
  };
}

const TABLE = { deployment: 'dora_deployments', change: 'dora_changes' };
const FACT_TABLES = [
  'dora_fact_entities',
  'dora_fact_deployments',
  'dora_fact_changes',
  'dora_fact_incidents',
];
/** The stamp of the last write. */
const FINAL = 10_000;

describe.each(databases.eachSupportedId())(
  'concurrent writers on %s',
  databaseId => {
    const size = SIZES[databaseId]!;
    let knex: Knex;
    let servers: Parameters<typeof request>[0][];
    let logger: ReturnType<typeof mockServices.logger.mock>;

    const post = (writer: number, events: unknown[]) =>
      request(servers[writer % servers.length])
        .post('/api/dora/v1/events')
        .set('Authorization', service)
        .send({ events });

    /** Answers other than 200, each with its body. */
    const failures: string[] = [];
    const check = (what: string, res: request.Response) => {
      if (res.status !== 200) {
        failures.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };

    const retries = () =>
      logger.warn.mock.calls.filter(([message]) =>
        String(message).includes('DORA write retried'),
      ).length;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      logger = mockServices.logger.mock();
      // Two replicas on one database, each with its own facts maintenance.
      servers = [];
      for (let i = 0; i < 2; i++) {
        const backend = await startDoraTestBackend({
          knex,
          entities: catalog,
          features: [
            logger.factory,
            mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          ],
        });
        servers.push(backend.server);
      }
    });
    // Each test starts without events or facts (the facts of one test's
    // entities are not carried into the next).
    beforeEach(async () => {
      failures.length = 0;
      for (const table of [...Object.values(TABLE), ...FACT_TABLES]) {
        await knex(table).delete();
      }
    });

    /**
     * Facts current on both replicas; every entity's metrics and every group
     * rollup answer 200, and an entity's deployment count is its rows (every
     * deployment written is a successful production one in the window).
     */
    async function expectFactsCurrentAndReadable() {
      for (const server of servers) await waitForFacts(server);
      for (const [index, entityRef] of ENTITY_REFS.entries()) {
        const res = await request(servers[index % servers.length])
          .get('/api/dora/v1/metrics')
          .set('Authorization', user)
          .query({ entityRef, ...WINDOW });
        check(`GET /v1/metrics ${entityRef}`, res);
        const [{ n }] = await knex('dora_deployments')
          .where('entity_ref', entityRef)
          .count({ n: '*' });
        expect(`${entityRef}: ${res.body.deploymentFrequency?.count}`).toBe(
          `${entityRef}: ${Number(n)}`,
        );
      }
      for (const [name, members] of Object.entries(GROUPS)) {
        const res = await request(servers[0])
          .get(`/api/dora/v1/groups/default/${name}/metrics`)
          .set('Authorization', user)
          .query(WINDOW);
        check(`GET /v1/groups/default/${name}/metrics`, res);
        const [{ n }] = await knex('dora_deployments')
          .whereIn(
            'entity_ref',
            members.map(m => `component:default/${m}`),
          )
          .count({ n: '*' });
        expect(`${name}: ${res.body.deploymentFrequency?.count}`).toBe(
          `${name}: ${Number(n)}`,
        );
      }
    }

    /** Every stored row with the marker of the write it came from. */
    async function markedRows() {
      return [
        ...(await knex('dora_deployments').select()).map(row => ({
          row,
          marker: String(row.version).split('/')[0],
          at: Number(row.finished_at),
        })),
        ...(await knex('dora_changes').select()).map(row => ({
          row,
          marker: String(row.title),
          at: Number(row.merged_at),
        })),
      ];
    }

    /** Rows that are not one whole write: their marker and their other fields disagree. */
    async function mixedRows(): Promise<string[]> {
      const stampOf = (marker: string) => {
        if (marker === 'final') return FINAL;
        const [, w, r] = /^w(\d+)-[br](\d+)$/.exec(marker) ?? [];
        return Number(w) * 100 + Number(r);
      };
      return (await markedRows())
        .filter(({ row, marker, at: time }) => {
          const stamp = stampOf(marker);
          return (
            time !== Date.parse(at(stamp)) ||
            (row.additions !== undefined && Number(row.additions) !== stamp)
          );
        })
        .map(({ row }) => JSON.stringify(row));
    }

    it('stores one row per distinct key when writers post overlapping batches at once', async () => {
      const rng = random(12);
      const half = size.sharedKeys / 2;
      const shared: Key[] = [
        ...Array.from({ length: half }, (_, i) => ({
          kind: 'deployment' as const,
          id: `shared-d${i}`,
        })),
        ...Array.from({ length: half }, (_, i) => ({
          kind: 'change' as const,
          id: `shared-c${i}`,
        })),
      ];
      const sharedPerBatch = Math.round(size.eventsPerBatch / 4);
      const batches = Array.from({ length: size.writers }, (_, w) =>
        Array.from({ length: size.batchesPerWriter }, (__, b) => {
          const own: Key[] = Array.from(
            { length: size.eventsPerBatch - sharedPerBatch },
            (___, i) => ({
              kind: i % 2 ? 'change' : 'deployment',
              id: `w${w}-b${b}-${i}`,
            }),
          );
          const keys = rng.shuffle([
            ...rng.shuffle(shared).slice(0, sharedPerBatch),
            ...own,
          ]);
          return keys.map(key =>
            eventOf(
              key,
              w * 100 + b,
              ENTITY_REFS[rng.int(ENTITY_REFS.length)],
              `w${w}-b${b}`,
            ),
          );
        }),
      );

      await Promise.all(
        batches.map(async (writerBatches, w) => {
          for (const [b, events] of writerBatches.entries()) {
            check(`writer ${w} batch ${b}`, await post(w, events));
          }
        }),
      );
      expect(failures).toEqual([]);

      const distinct = new Map<string, Set<string>>();
      for (const event of batches.flat(2)) {
        const ids = distinct.get(event.kind) ?? new Set<string>();
        distinct.set(event.kind, ids.add(event.id));
      }
      for (const kind of ['deployment', 'change'] as const) {
        expect(await countRows(knex, TABLE[kind])).toBe(
          distinct.get(kind)!.size,
        );
      }
      expect(await mixedRows()).toEqual([]);
      await expectFactsCurrentAndReadable();
      expect(failures).toEqual([]);
    });

    it('keeps one row per key, each one whole write, when writers rewrite the same keys at once; the last write wins', async () => {
      const rng = random(34);
      const hot: Key[] = Array.from({ length: size.hotKeys }, (_, i) => ({
        kind: i % 2 ? 'change' : 'deployment',
        id: `hot-${i}`,
      }));
      // Writer w's round r: every key, shuffled, under one entity.
      const writes = Array.from({ length: size.writers }, (_, w) =>
        Array.from({ length: size.rounds }, (__, r) =>
          rng
            .shuffle(hot)
            .map(key =>
              eventOf(
                key,
                w * 100 + r,
                ENTITY_REFS[(w + r) % ENTITY_REFS.length],
                `w${w}-r${r}`,
              ),
            ),
        ),
      );
      const before = retries();
      await Promise.all(
        writes.map(async (rounds, w) => {
          for (const [r, events] of rounds.entries()) {
            check(`writer ${w} round ${r}`, await post(w, events));
          }
        }),
      );
      expect(failures).toEqual([]);
      for (const kind of ['deployment', 'change'] as const) {
        expect(await countRows(knex, TABLE[kind])).toBe(size.hotKeys / 2);
      }
      // Every row is one writer's whole write, under that write's entity.
      expect(await mixedRows()).toEqual([]);
      const entityOfMarker = (marker: string) => {
        const [, w, r] = /^w(\d+)-r(\d+)$/.exec(marker)!;
        return ENTITY_REFS[(Number(w) + Number(r)) % ENTITY_REFS.length];
      };
      const misplaced = (await markedRows()).filter(
        ({ row, marker }) => row.entity_ref !== entityOfMarker(marker),
      );
      expect(misplaced).toEqual([]);
      await expectFactsCurrentAndReadable();

      // The last write of every key wins, and moves them all to one entity.
      const final = rng
        .shuffle(hot)
        .map(key => eventOf(key, FINAL, ENTITY_REFS[2], 'final'));
      check('final write', await post(0, final));
      expect(failures).toEqual([]);
      const rows = await markedRows();
      expect(rows).toHaveLength(size.hotKeys);
      expect(
        rows.filter(
          ({ row, marker }) =>
            marker !== 'final' || row.entity_ref !== ENTITY_REFS[2],
        ),
      ).toEqual([]);
      expect(await mixedRows()).toEqual([]);
      await expectFactsCurrentAndReadable();
      expect(failures).toEqual([]);
      if (process.env.DORA_CONCURRENCY_LOG) {
        // eslint-disable-next-line no-console
        console.log(
          `${databaseId}: ${retries()} writes retried in all, ${retries() - before} while rewriting the same keys`,
        );
      }
    });

    // Writes lock rows in one order, so writers do not deadlock each other
    // (the tests above see no retry); a transaction that locks in another
    // order can still deadlock with one, and PostgreSQL aborts the writer.
    if (databaseId === 'POSTGRES_15') {
      it('retries a write that PostgreSQL aborted for a deadlock, and answers 200', async () => {
        const deploy = (id: string, entity: string) =>
          eventOf(
            { kind: 'deployment', id },
            0,
            `component:default/${entity}`,
            id,
          );
        check(
          'seed',
          await post(0, [deploy('k', 'alpha'), deploy('other', 'beta')]),
        );
        await waitForFacts(servers[0]);
        const before = retries();

        // The blocker holds beta's facts row; the write locks k, then waits
        // for beta's row; the blocker asks for k: a deadlock.
        const blocker = await knex.transaction();
        await blocker('dora_fact_entities')
          .where({ entity_ref: 'component:default/beta' })
          .forUpdate();
        const write = post(0, [deploy('k', 'beta')]).then(res => res);
        await waitForLockWait(knex);
        await blocker('dora_deployments').where({ id: 'k' }).forUpdate();
        await blocker.rollback();

        check('write', await write);
        expect(failures).toEqual([]);
        expect(retries() - before).toBe(1);
        expect(
          logger.warn.mock.calls.map(([message]) => String(message)),
        ).toContainEqual(expect.stringMatching(/retried .*deadlock detected/));
        const [row] = await knex('dora_deployments')
          .where({ id: 'k' })
          .select('entity_ref');
        expect(row.entity_ref).toBe('component:default/beta');
        await expectFactsCurrentAndReadable();
        expect(failures).toEqual([]);
      });
    }

    // A minimal reproduction of a race that the test of writers rewriting
    // the same keys finds now and then: a write reads which entities its
    // events leave before it waits for their rows, so it misses a move (or a
    // first insert) that commits in between, and the entity the events were
    // under in between keeps counting them once its facts are built.
    if (databaseId === 'POSTGRES_15') {
      it.each([
        ['k1 was stored before both writes', true],
        ['k1 is new', false],
      ])(
        'marks the facts of an entity out of date when a concurrent write moves its events away (%s)',
        async (_case, k1Stored) => {
          const deploy = (id: string, entity: string) =>
            eventOf(
              { kind: 'deployment', id },
              0,
              `component:default/${entity}`,
              id,
            );
          const count = async (entity: string) =>
            (
              await request(servers[0])
                .get('/api/dora/v1/metrics')
                .set('Authorization', user)
                .query({ entityRef: `component:default/${entity}`, ...WINDOW })
            ).body.deploymentFrequency.count;
          // k0 sorts before k1: a write of both locks k0 first.
          check(
            'seed',
            await post(0, [
              deploy('k0', 'delta'),
              ...(k1Stored ? [deploy('k1', 'delta')] : []),
            ]),
          );
          await waitForFacts(servers[0]);

          // Another transaction holds k0, so the second write (both keys to
          // beta) reads where they are, then waits for k0.
          const blocker = await knex.transaction();
          await blocker('dora_deployments').where({ id: 'k0' }).forUpdate();
          // (then() sends the request now.)
          const second = post(0, [
            deploy('k0', 'beta'),
            deploy('k1', 'beta'),
          ]).then(res => res);
          await waitForLockWait(knex);

          // Meanwhile a first write puts k1 under alpha; alpha's facts count it.
          check('first', await post(0, [deploy('k1', 'alpha')]));
          await waitForFacts(servers[0]);
          expect(await count('alpha')).toBe(1);

          // The second write goes on: k1 leaves alpha for beta.
          await blocker.rollback();
          check('second', await second);
          expect(failures).toEqual([]);
          await waitForFacts(servers[0]);
          const rows = await knex('dora_deployments').select(
            'id',
            'entity_ref',
          );
          expect(rows.map(r => `${r.id}@${r.entity_ref}`).sort()).toEqual([
            'k0@component:default/beta',
            'k1@component:default/beta',
          ]);
          expect(await count('beta')).toBe(2);
          expect(await count('alpha')).toBe(0);
        },
      );
    }
  },
);

/** Waits until some session of the database waits for a row lock. */
async function waitForLockWait(knex: Knex) {
  for (let i = 0; i < 500; i++) {
    const { rows } = await knex.raw(
      `select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and datname = current_database()`,
    );
    if (rows[0].n > 0) return;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  throw new Error('no write waited for the lock');
}
