import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_SETTINGS,
  DoraSettings,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { ENTITY, change, deployment, incident } from '../__testUtils__/events';
import { emptyEventsAndFacts } from '../__testUtils__/tables';
import { KnexDoraStore } from '../database/KnexDoraStore';
import { KnexFactStore } from '../database/KnexFactStore';
import { migrateDownLast, migrateUp } from '../database/migrations';
import { doraTestDatabases } from '../testUtils';
import { FactsService, isCurrent, settingsKey } from './FactsService';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const OTHER = 'component:default/other';

describe.each(databases.eachSupportedId())('FactsService on %s', databaseId => {
  let knex: Knex;
  let store: KnexDoraStore;
  let facts: KnexFactStore;
  let settings: DoraSettings;

  /** A replica: its own owner id and clock, the shared database. */
  const replica = (now: () => number = Date.now) => {
    const built: string[] = [];
    const service = new FactsService({
      store: {
        upsertEvents: e => store.upsertEvents(e),
        getEvents: (k, keys) => store.getEvents(k, keys),
        readEntityTimeline: async ref => {
          built.push(ref);
          return store.readEntityTimeline(ref);
        },
      },
      facts,
      settingsOf: async refs => new Map(refs.map(r => [r, settings])),
      logger: mockServices.logger.mock(),
      now,
    });
    return { service, built };
  };

  const stateOf = async (ref: string) => (await facts.states([ref])).get(ref)!;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await migrateUp(knex);
    store = new KnexDoraStore(knex);
    facts = new KnexFactStore(knex);
  });

  beforeEach(async () => {
    settings = DEFAULT_SETTINGS;
    await emptyEventsAndFacts(knex);
  });

  it('builds every stale entity and marks it current with the settings it used', async () => {
    await store.upsertEvents([
      change('c1', '2024-05-01T10:00:00Z'),
      deployment('d1', '2024-05-01T12:00:00Z'),
      incident('i1', '2024-05-01T12:10:00Z', '2024-05-01T13:00:00Z'),
      deployment('d2', '2024-05-02T12:00:00Z', { entityRef: OTHER }),
    ]);
    expect(await facts.counts()).toEqual({ current: 0, stale: 2 });
    const { service, built } = replica();
    expect(await service.drain()).toBe(2);
    expect(built.sort()).toEqual([OTHER, ENTITY].sort());
    expect(await facts.counts()).toEqual({ current: 2, stale: 0 });
    expect(isCurrent(await stateOf(ENTITY), settings)).toBe(true);
    const [{ n }] = await knex('dora_fact_deployments')
      .where('entity_ref', ENTITY)
      .count({ n: '*' });
    expect(Number(n)).toBe(1);
  });

  it('two replicas draining at once build each entity once', async () => {
    await store.upsertEvents(
      Array.from({ length: 12 }, (_, i) =>
        deployment(`d${i}`, '2024-05-01T12:00:00Z', {
          entityRef: `component:default/service-${i}`,
        }),
      ),
    );
    const a = replica();
    const b = replica();
    const [builtByA, builtByB] = await Promise.all([
      a.service.drain(),
      b.service.drain(),
    ]);
    expect(builtByA + builtByB).toBe(12);
    const all = [...a.built, ...b.built];
    expect(new Set(all).size).toBe(all.length);
    expect(await facts.counts()).toEqual({ current: 12, stale: 0 });
  });

  it('takes over an entity whose replica died holding its lease, once the lease has expired', async () => {
    await store.upsertEvents([deployment('d1', '2024-05-01T12:00:00Z')]);
    const start = Date.now();
    expect(
      (await facts.claim(ENTITY, 'dead-replica', start, 1000))?.generation,
    ).toBe(1);
    const early = replica(() => start + 500);
    expect(await early.service.drain()).toBe(0);
    const late = replica(() => start + 1500);
    expect(await late.service.drain()).toBe(1);
    expect(isCurrent(await stateOf(ENTITY), settings)).toBe(true);
  });

  it('does not save facts whose lease another replica took over', async () => {
    await store.upsertEvents([deployment('d1', '2024-05-01T12:00:00Z')]);
    const start = Date.now();
    const generation = (await facts.claim(ENTITY, 'slow', start, 1000))
      ?.generation;
    expect(
      (await facts.claim(ENTITY, 'fast', start + 2000, 1000))?.generation,
    ).toBe(generation);
    const saved = await facts.saveFacts({
      entityRef: ENTITY,
      owner: 'slow',
      generation: generation!,
      settingsKey: settingsKey(settings),
      facts: {
        entityRef: ENTITY,
        mode: 'deployments',
        changeFailureMode: 'incidents',
        hasIncidentSource: false,
        eventCount: 0,
        nonProductionEnvironments: [],
        deployments: [],
        changes: [],
        incidents: [],
      },
      now: start + 2500,
    });
    expect(saved).toBe(false);
    expect((await stateOf(ENTITY)).builtGeneration).toBeNull();
  });

  it('a write that lands during a rebuild leaves the entity stale, and the next drain builds it again', async () => {
    await store.upsertEvents([deployment('d1', '2024-05-01T12:00:00Z')]);
    const { service } = replica();
    const generation = (await facts.claim(ENTITY, 'me', Date.now(), 60_000))
      ?.generation;
    await store.upsertEvents([deployment('d2', '2024-05-02T12:00:00Z')]);
    await facts.saveFacts({
      entityRef: ENTITY,
      owner: 'me',
      generation: generation!,
      settingsKey: settingsKey(settings),
      facts: await service.fromEvents(ENTITY, settings),
      now: Date.now(),
    });
    const state = await stateOf(ENTITY);
    expect(state.builtGeneration).toBe(1);
    expect(state.generation).toBe(2);
    expect(isCurrent(state, settings)).toBe(false);
    expect(await service.drain()).toBe(1);
    expect(isCurrent(await stateOf(ENTITY), settings)).toBe(true);
  });

  it('facts built with other settings are not current; invalidated, they are rebuilt with the new ones', async () => {
    await store.upsertEvents([deployment('d1', '2024-05-01T12:00:00Z')]);
    const { service } = replica();
    await service.drain();
    const pipeline: DoraSettings = {
      ...settings,
      changeFailureMode: 'pipeline',
    };
    expect(isCurrent(await stateOf(ENTITY), pipeline)).toBe(false);
    settings = pipeline;
    await facts.invalidate([ENTITY]);
    expect(await service.drain()).toBe(1);
    const state = await stateOf(ENTITY);
    expect(isCurrent(state, pipeline)).toBe(true);
    expect(state.settingsKey).toBe(settingsKey(pipeline));
  });

  it('after the upgrade, entities with events from before it start stale and get built', async () => {
    // Back to the schema before facts (later migrations first).
    while (await knex.schema.hasTable('dora_fact_entities')) {
      await migrateDownLast(knex);
    }
    await knex('dora_deployments').insert({
      source: 'ci',
      id: 'before-upgrade',
      entity_ref: ENTITY,
      environment: 'production',
      status: 'success',
      finished_at: Date.parse('2024-05-01T12:00:00Z'),
      deployment_kind: 'normal',
      ingested_at: Date.now(),
    });
    await migrateUp(knex);
    expect(await facts.counts()).toEqual({ current: 0, stale: 1 });
    const { service } = replica();
    expect(await service.drain()).toBe(1);
    const read = await facts.readWindowFacts([ENTITY], {
      from: Date.parse('2024-05-01T00:00:00Z'),
      to: Date.parse('2024-05-02T00:00:00Z'),
    });
    expect(read.get(ENTITY)!.facts.deployments.map(d => d.status)).toEqual([
      'counted',
    ]);
  });
});
