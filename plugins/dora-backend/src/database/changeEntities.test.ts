import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { change } from '../__testUtils__/events';
import { KnexDoraStore } from './KnexDoraStore';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const PAYMENTS = 'component:default/payments';
const ORDERS = 'component:default/orders';

describe.each(databases.eachSupportedId())(
  'a change of several entities (monorepos), on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexDoraStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexDoraStore(knex);
    });

    beforeEach(async () => {
      await knex('dora_changes').delete();
      await knex('dora_fact_entities').delete();
    });

    /** The columns of dora_changes' primary key, in key order. */
    const primaryKeyOfChanges = async (): Promise<string[]> => {
      if (databaseId.startsWith('SQLITE')) {
        const columns: { name: string; pk: number }[] = await knex.raw(
          `pragma table_info('dora_changes')`,
        );
        return columns
          .filter(c => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map(c => c.name);
      }
      const { rows: key } = await knex.raw(
        `select a.attname as name from pg_index i
           join unnest(i.indkey) with ordinality as k(attnum, position) on true
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
          where i.indrelid = 'dora_changes'::regclass and i.indisprimary
          order by k.position`,
      );
      return key.map((c: { name: string }) => c.name);
    };

    const rows = async () =>
      (
        await knex('dora_changes')
          .select('id', 'entity_ref', 'title')
          .orderBy(['id', 'entity_ref'])
      ).map(r => ({ ...r }));

    it('stores one row per entity named, and each entity reads its own row', async () => {
      await store.upsertEvents([
        change('pr1', '2024-05-02T10:00:00Z', {
          entityRef: PAYMENTS,
          title: 'p',
        }),
        change('pr1', '2024-05-02T10:00:00Z', {
          entityRef: ORDERS,
          title: 'o',
        }),
      ]);
      expect(await rows()).toEqual([
        { id: 'pr1', entity_ref: ORDERS, title: 'o' },
        { id: 'pr1', entity_ref: PAYMENTS, title: 'p' },
      ]);
      const [ofOrders] = await store.getEvents('change', [
        { source: 'github', id: 'pr1', entityRef: ORDERS },
      ]);
      expect(ofOrders).toMatchObject({ entityRef: ORDERS, title: 'o' });
      expect((await store.readEntityTimeline(PAYMENTS)).changes).toHaveLength(
        1,
      );
      expect((await store.readEntityTimeline(ORDERS)).changes).toHaveLength(1);
    });

    it('a change written again for fewer entities leaves the others, and their facts are marked out of date', async () => {
      await store.upsertEvents([
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: PAYMENTS }),
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: ORDERS }),
      ]);
      await knex('dora_fact_entities').update({ dirty_from: null });
      await store.upsertEvents([
        change('pr1', '2024-05-03T10:00:00Z', { entityRef: PAYMENTS }),
      ]);
      expect(await rows()).toEqual([
        { id: 'pr1', entity_ref: PAYMENTS, title: null },
      ]);
      const dirty = await knex('dora_fact_entities')
        .select('entity_ref', 'dirty_from')
        .orderBy('entity_ref');
      // Orders lost the change merged on May 2: rebuilt from then on.
      expect(dirty.map(d => [d.entity_ref, Number(d.dirty_from)])).toEqual([
        [ORDERS, Date.parse('2024-05-02T10:00:00Z')],
        [PAYMENTS, Date.parse('2024-05-02T10:00:00Z')],
      ]);
    });

    it("concurrent writers of one change with different entities end with one writer's entities, without an error", async () => {
      const writes = Array.from({ length: 6 }, (_, i) =>
        store.upsertEvents([
          change('pr1', '2024-05-02T10:00:00Z', {
            entityRef: i % 2 ? PAYMENTS : ORDERS,
          }),
          change('pr2', '2024-05-02T10:00:00Z', {
            entityRef: i % 2 ? ORDERS : PAYMENTS,
          }),
        ]),
      );
      await Promise.all(writes);
      const stored = await rows();
      expect(stored.filter(r => r.id === 'pr1')).toHaveLength(1);
      expect(stored.filter(r => r.id === 'pr2')).toHaveLength(1);
    });

    it('migrates down to one row per change (the first entity by ref) and up again', async () => {
      await store.upsertEvents([
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: PAYMENTS }),
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: ORDERS }),
      ]);
      await migrateDownThrough(knex, '20261203110000');
      expect(await rows()).toEqual([
        { id: 'pr1', entity_ref: ORDERS, title: null },
      ]);
      // Keyed by (source, id) again.
      expect(await primaryKeyOfChanges()).toEqual(['source', 'id']);
      await migrateUp(knex);
      await store.upsertEvents([
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: PAYMENTS }),
        change('pr1', '2024-05-02T10:00:00Z', { entityRef: ORDERS }),
      ]);
      expect(await rows()).toHaveLength(2);
      expect(await primaryKeyOfChanges()).toEqual([
        'source',
        'id',
        'entity_ref',
      ]);
      const indexes = databaseId.startsWith('SQLITE')
        ? (await knex.raw(`pragma index_list('dora_changes')`)).map(
            (i: { name: string }) => i.name,
          )
        : (
            await knex.raw(
              `select indexname as name from pg_indexes where tablename = 'dora_changes'`,
            )
          ).rows.map((i: { name: string }) => i.name);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'dora_changes_entity_merged_idx',
          'dora_changes_entity_id_idx',
        ]),
      );
    });
  },
);
