import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_SETTINGS,
  DoraEvent,
  DoraSettings,
  EntityFacts,
  resolveSettings,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { ResolvedEvent } from '../database/DoraStore';
import { ENTITY, change, deployment, incident } from '../__testUtils__/events';
import { emptyEventsAndFacts } from '../__testUtils__/tables';
import {
  ChangeFactRow,
  DeploymentFactRow,
  FactEntityRow,
  IncidentFactRow,
  emptyFactsOf,
  toChangeFact,
  toDeploymentFact,
  toIncidentFact,
} from '../database/factRows';
import { FactStore } from '../database/FactStore';
import { KnexDoraStore } from '../database/KnexDoraStore';
import { KnexFactStore } from '../database/KnexFactStore';
import { migrateUp } from '../database/migrations';
import { FactsService } from '../service/FactsService';
import { doraTestDatabases } from '../testUtils';
import { SeedPlan, randomSource, seedPlan } from '../__testUtils__/randomEvents';

/**
 * Rule: a rebuild from the earliest instant written to (the cut) leaves
 * exactly the facts a rebuild over the whole history gives. Random
 * histories (see randomEvents) are posted in random batches, and again in
 * time order the way collectors send them; the facts are built after every
 * batch, then compared, row for row, with the whole history's.
 */

jest.setTimeout(300_000);

const SEEDS = [7, 42, 1999, 4242, 80_486, 5, 613, 27_182];
const TIME_ORDERED_BATCHES = 16;

const databases = doraTestDatabases();

const byKey = (a: { source: string; id: string }, b: typeof a) =>
  a.source === b.source
    ? a.id.localeCompare(b.id)
    : a.source.localeCompare(b.source);

/** Facts in one order, for comparing whatever order they were read in. */
function canonical(facts: EntityFacts) {
  return {
    ...facts,
    deployments: [...facts.deployments].sort(byKey),
    changes: [...facts.changes].sort(byKey),
    incidents: [...facts.incidents].sort(byKey),
  };
}

const resolved = (events: DoraEvent[]): ResolvedEvent[] =>
  events.map(e => ({ ...e, entityRef: e.entityRef!.toLowerCase() }));

/** When an event sits in its entity's history (unmerged changes last). */
function placeOf(event: DoraEvent): number {
  if (event.kind === 'deployment') return Date.parse(event.finishedAt);
  if (event.kind === 'incident') return Date.parse(event.openedAt);
  return event.mergedAt ? Date.parse(event.mergedAt) : Infinity;
}

/** The final events in time order, cut into batches (late ones reshuffled a little). */
function timeOrderedBatches(plan: SeedPlan): DoraEvent[][] {
  const random = randomSource(plan.seed);
  const ordered = [...plan.events].sort((a, b) => placeOf(a) - placeOf(b));
  const batches: DoraEvent[][] = [];
  const size = Math.ceil(ordered.length / TIME_ORDERED_BATCHES);
  for (let i = 0; i < ordered.length; i += size) {
    batches.push(ordered.slice(i, i + size));
  }
  // A few events arrive a batch late, as webhooks retried do.
  for (let i = 0; i + 1 < batches.length; i++) {
    const late = batches[i].filter(() => random.chance(0.05));
    batches[i] = batches[i].filter(e => !late.includes(e));
    batches[i + 1].push(...late);
  }
  return batches;
}

describe.each(databases.eachSupportedId())(
  'facts rebuilt from the earliest instant written, on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexDoraStore;
    let facts: KnexFactStore;
    let settingsByRef: Map<string, DoraSettings>;
    let fromCut = 0;
    let whole = 0;

    /** The fact store, counting rebuilds from a cut and whole ones. */
    const countingFacts = (): FactStore =>
      new Proxy(facts, {
        get(target, name) {
          if (name === 'saveFacts') {
            return (options: Parameters<FactStore['saveFacts']>[0]) => {
              if (options.from === undefined) whole++;
              else fromCut++;
              return target.saveFacts(options);
            };
          }
          const member = Reflect.get(target, name);
          return typeof member === 'function' ? member.bind(target) : member;
        },
      });

    const service = () =>
      new FactsService({
        store,
        facts: countingFacts(),
        settingsOf: async refs =>
          new Map(
            refs.map(ref => [ref, settingsByRef.get(ref) ?? DEFAULT_SETTINGS]),
          ),
        logger: mockServices.logger.mock(),
      });

    async function storedFacts(
      entityRef: string,
    ): Promise<EntityFacts | undefined> {
      const row: FactEntityRow | undefined = await knex('dora_fact_entities')
        .where('entity_ref', entityRef)
        .first();
      if (!row) return undefined;
      const stored = emptyFactsOf(row);
      const rows = (table: string) =>
        knex(table).where('entity_ref', entityRef);
      stored.deployments = (
        (await rows('dora_fact_deployments')) as DeploymentFactRow[]
      ).map(toDeploymentFact);
      stored.changes = (
        (await rows('dora_fact_changes')) as ChangeFactRow[]
      ).map(toChangeFact);
      stored.incidents = (
        (await rows('dora_fact_incidents')) as IncidentFactRow[]
      ).map(toIncidentFact);
      return stored;
    }

    async function expectSameAsWhole(plan: SeedPlan, after: string) {
      const builder = service();
      for (const entity of plan.entities) {
        const ref = entity.entityRef.toLowerCase();
        const settings = settingsByRef.get(ref)!;
        const expected = await builder.fromEvents(ref, settings);
        const stored = await storedFacts(ref);
        if (!stored) {
          // Never written to: nothing to keep.
          expect(expected.eventCount).toBe(0);
          continue;
        }
        expect({ after, ...canonical(stored) }).toEqual({
          after,
          ...canonical({ ...expected, entityRef: ref }),
        });
      }
    }

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexDoraStore(knex);
      facts = new KnexFactStore(knex);
    });

    it.each(SEEDS)('seed %i, posted in random batches', async seed => {
      const plan = seedPlan(seed, 0);
      const batches = [...plan.batches, plan.corrections.map(c => c.event)];
      expect(await check(plan, batches)).toBeGreaterThan(0);
    });

    it.each(SEEDS)('seed %i, posted in time order', async seed => {
      const plan = seedPlan(seed, 0);
      expect(await check(plan, timeOrderedBatches(plan))).toBeGreaterThan(0);
    });

    const day = (n: number) => new Date(Date.UTC(2025, 2, n, 12)).toISOString();
    /** One deployment a day, so a cut late in the history leaves most of it before. */
    const daily = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) =>
        deployment(`daily-${from + i}`, day(from + i), {
          version: `v${from + i}`,
        }),
      );

    /** Posts each step, builds, and compares with the whole history's facts; returns the steps compared. */
    async function steps(...posts: ResolvedEvent[][]): Promise<number> {
      await emptyEventsAndFacts(knex);
      settingsByRef = new Map([[ENTITY, DEFAULT_SETTINGS]]);
      const builder = service();
      for (const [index, post] of posts.entries()) {
        await store.upsertEvents(post);
        await builder.drain();
        const expected = await builder.fromEvents(ENTITY, DEFAULT_SETTINGS);
        expect({
          step: index + 1,
          ...canonical((await storedFacts(ENTITY))!),
        }).toEqual({ step: index + 1, ...canonical(expected) });
      }
      return posts.length;
    }

    it('a rollback re-sent without rollbackOf no longer fails the deployment it named', async () => {
      const rollback = deployment('rollback', day(20), { version: 'v1' });
      expect(
        await steps(
          [deployment('first', day(1), { version: 'v1' }), ...daily(2, 19)],
          [{ ...rollback, rollbackOf: 'first' } as ResolvedEvent],
          [rollback],
        ),
      ).toBe(3);
    });

    it('a revert re-sent without revertOf no longer fails the deployment that shipped the change', async () => {
      const revert = change('revert', day(20));
      expect(
        await steps(
          [change('feature', '2025-03-01T10:00:00Z'), ...daily(1, 19)],
          [{ ...revert, revertOf: 'feature' } as ResolvedEvent],
          [revert],
        ),
      ).toBe(3);
    });

    it('an incident re-sent naming another deployment leaves the first one', async () => {
      const named = (id: string) =>
        incident('outage', day(20), day(21), { deploymentId: id });
      expect(
        await steps([...daily(1, 19)], [named('daily-1')], [named('daily-18')]),
      ).toBe(3);
    });

    it('a deployment moved later, and a change merged long after it was opened', async () => {
      expect(
        await steps(
          [...daily(1, 19), change('slow', null, { openedAt: day(2) })],
          [deployment('daily-3', day(25), { version: 'v3' })],
          [change('slow', day(26), { openedAt: day(2) })],
        ),
      ).toBe(3);
    });

    /** Posts the batches, building after each; returns how many were compared. */
    async function check(
      plan: SeedPlan,
      batches: DoraEvent[][],
    ): Promise<number> {
      await emptyEventsAndFacts(knex);
      settingsByRef = new Map(
        plan.entities.map(e => [
          e.entityRef.toLowerCase(),
          resolveSettings(e.annotations, DEFAULT_SETTINGS).settings,
        ]),
      );
      const builder = service();
      let compared = 0;
      for (const [index, batch] of batches.entries()) {
        if (batch.length === 0) continue;
        await store.upsertEvents(resolved(batch));
        await builder.drain();
        await expectSameAsWhole(
          plan,
          `batch ${index + 1} of ${batches.length}`,
        );
        compared++;
      }
      return compared;
    }

    // Last: both kinds of rebuild ran, else the rule was not exercised.
    it('rebuilt entities both from a cut and whole', () => {
      expect(fromCut).toBeGreaterThan(0);
      expect(whole).toBeGreaterThan(0);
    });
  },
);
