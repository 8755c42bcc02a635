import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { ENTITY, change, deployment, incident } from '../__testUtils__/events';
import { KnexDoraStore } from './KnexDoraStore';
import { migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexDoraStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexDoraStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexDoraStore(knex);
    });

    beforeEach(async () => {
      await knex('dora_deployments').delete();
      await knex('dora_changes').delete();
      await knex('dora_incidents').delete();
    });

    it('runs its migrations down to nothing and up again', async () => {
      await migrateDownAll(knex);
      expect(await knex.schema.hasTable('dora_deployments')).toBe(false);
      expect(await knex.schema.hasTable('dora_incidents')).toBe(false);
      expect(await knex.schema.hasTable('dora_fact_entities')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_fact_changes')).toBe(true);
      expect(await knex.schema.hasTable('dora_changes')).toBe(true);
    });

    it('replaces an event sent again with the same kind, source and id', async () => {
      await store.upsertEvents([
        deployment('d1', '2024-05-02T10:00:00Z', { version: 'v1' }),
      ]);
      await store.upsertEvents([
        deployment('d1', '2024-05-02T10:00:00Z', { version: 'v2' }),
      ]);
      const [stored] = await store.getEvents('deployment', [
        { source: 'ci', id: 'd1' },
      ]);
      expect(stored).toMatchObject({ id: 'd1', version: 'v2' });
      const [{ n }] = await knex('dora_deployments').count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('keeps the same id from two sources, and of two kinds, apart', async () => {
      await store.upsertEvents([
        deployment('x', '2024-05-02T10:00:00Z'),
        deployment('x', '2024-05-02T11:00:00Z', { source: 'argo' }),
        change('x', '2024-05-02T09:00:00Z'),
      ]);
      const [{ n }] = await knex('dora_deployments').count({ n: '*' });
      expect(Number(n)).toBe(2);
      expect(
        await store.getEvents('change', [{ source: 'github', id: 'x' }]),
      ).toHaveLength(1);
    });

    it('stores nothing from a batch when one of its rows cannot be written', async () => {
      const broken = deployment('d2', '2024-05-02T10:00:00Z', {
        environment: null as unknown as string,
      });
      await expect(
        store.upsertEvents([
          deployment('d1', '2024-05-02T09:00:00Z'),
          change('c1', '2024-05-02T08:00:00Z'),
          broken,
        ]),
        // Not toThrow(): the driver's error class may come from another
        // test file's realm when jest reuses the worker.
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/NOT NULL|null value/i),
      );
      const [{ n: deployments }] = await knex('dora_deployments').count({
        n: '*',
      });
      const [{ n: changes }] = await knex('dora_changes').count({ n: '*' });
      expect(Number(deployments)).toBe(0);
      expect(Number(changes)).toBe(0);
    });

    it('gives back a stored event in the ingest shape, every field intact', async () => {
      const events = [
        deployment('d1', '2024-05-02T10:00:00.000Z', {
          startedAt: '2024-05-02T09:50:00.000Z',
          version: 'v1',
          commitSha: 'abc',
          changeIds: ['c1'],
          rollbackOf: null,
          deploymentKind: 'hotfix',
          url: 'https://github.com/acme/payments-api/actions/runs/7',
        }),
        change('c1', '2024-05-02T09:00:00.000Z', {
          repository: 'acme/payments-api',
          number: 12,
          title: 'Retry',
          author: 'jdoe',
          openedAt: '2024-05-02T08:30:00.000Z',
          firstReviewAt: '2024-05-02T08:40:00.000Z',
          approvedAt: '2024-05-02T08:50:00.000Z',
          mergeCommitSha: 'abc',
          additions: 10,
          deletions: 2,
          reviewCount: 1,
          revertOf: null,
          labels: ['hotfix'],
          authorKind: 'human',
          paths: ['services/payments/retry.ts', 'docs/'],
          url: 'https://github.com/acme/payments-api/pull/12',
        }),
        incident('i1', '2024-05-02T10:30:00.000Z', null, {
          title: 'Errors',
          severity: 'SEV2',
          deploymentId: 'd1',
          changeId: null,
          causedByDeployment: true,
          serviceId: null,
          url: 'http://pagerduty.example/incidents/i1',
        }),
      ];
      await store.upsertEvents(events);
      expect(
        await store.getEvents('deployment', [{ source: 'ci', id: 'd1' }]),
      ).toEqual([events[0]]);
      expect(
        await store.getEvents('change', [{ source: 'github', id: 'c1' }]),
      ).toEqual([events[1]]);
      expect(
        await store.getEvents('incident', [{ source: 'pagerduty', id: 'i1' }]),
      ).toEqual([events[2]]);
    });

    it("reads an entity's whole history, every environment, and no other entity's events", async () => {
      await store.upsertEvents([
        deployment('long-ago', '2023-01-01T00:00:00Z', { version: 'v0' }),
        deployment('staging', '2024-05-03T00:00:00Z', {
          environment: 'staging',
        }),
        deployment('after-window', '2024-05-09T00:00:00Z', { version: 'v4' }),
        deployment('other-entity', '2024-05-02T00:00:00Z', {
          entityRef: 'component:default/other',
        }),
        change('merged-long-ago', '2023-06-01T00:00:00Z'),
        change('unmerged', null),
        incident('still-open', '2022-01-01T00:00:00Z', null),
      ]);
      const timeline = await store.readEntityTimeline(ENTITY);
      const ids = (items: { id: string }[]) => items.map(i => i.id).sort();
      expect(ids(timeline.deployments)).toEqual([
        'after-window',
        'long-ago',
        'staging',
      ]);
      expect(ids(timeline.changes)).toEqual(['merged-long-ago', 'unmerged']);
      expect(ids(timeline.incidents)).toEqual(['still-open']);
    });

    it('marks the facts of the written entities out of date in the same transaction', async () => {
      await knex('dora_fact_entities').delete();
      await store.upsertEvents([
        deployment('d1', '2024-05-02T00:00:00Z'),
        deployment('d2', '2024-05-02T00:00:00Z', {
          entityRef: 'component:default/other',
        }),
      ]);
      await store.upsertEvents([deployment('d3', '2024-05-03T00:00:00Z')]);
      const rows = await knex('dora_fact_entities')
        .select('entity_ref', 'generation', 'built_generation')
        .orderBy('entity_ref');
      expect(
        rows.map(r => [r.entity_ref, Number(r.generation), r.built_generation]),
      ).toEqual([
        ['component:default/other', 1, null],
        [ENTITY, 2, null],
      ]);
    });

    it("marks the old entity's facts out of date too when an event is re-sent for another entity", async () => {
      await knex('dora_fact_entities').delete();
      await store.upsertEvents([deployment('d1', '2024-05-02T00:00:00Z')]);
      await knex('dora_fact_entities').update({ built_generation: 1 });
      await store.upsertEvents([
        deployment('d1', '2024-05-02T00:00:00Z', {
          entityRef: 'component:default/other',
        }),
      ]);
      const rows = await knex('dora_fact_entities')
        .select('entity_ref', 'generation')
        .orderBy('entity_ref');
      expect(rows.map(r => [r.entity_ref, Number(r.generation)])).toEqual([
        ['component:default/other', 1],
        [ENTITY, 2],
      ]);
    });

    it('writes batches larger than one insert statement holds', async () => {
      const events = Array.from({ length: 1800 }, (_, i) =>
        change(
          `c${i}`,
          new Date(
            Date.parse('2024-05-01T00:00:00Z') + i * 60_000,
          ).toISOString(),
        ),
      );
      await store.upsertEvents(events);
      const timeline = await store.readEntityTimeline(ENTITY);
      expect(timeline.changes).toHaveLength(1800);
    });
  },
);
