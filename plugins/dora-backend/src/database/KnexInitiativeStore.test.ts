import { Initiative, parseInitiative } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { KnexInitiativeStore } from './KnexInitiativeStore';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const T0 = Date.parse('2026-12-01T10:00:00Z');

function initiative(id: string, title = 'Payments at silver'): Initiative {
  const parsed = parseInitiative({
    id,
    title,
    target: { scorecardId: 'delivery', level: 'silver' },
    scope: { owners: ['group:default/payments'] },
    targetShare: '80%',
    owner: 'group:default/payments',
    startsAt: '2026-10-01T00:00:00Z',
    deadline: '2027-01-31T00:00:00Z',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.initiative;
}

describe.each(databases.eachSupportedId())(
  'KnexInitiativeStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexInitiativeStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexInitiativeStore(knex);
    });
    beforeEach(async () => {
      await knex('dora_initiatives').delete();
    });

    it('creates once, reads back what it stored, updates and deletes (issue 16)', async () => {
      const first = initiative('payments-silver');
      expect(await store.createInitiative(first, T0, 'user:default/a')).toBe(
        true,
      );
      // A second creation of the id writes nothing.
      expect(
        await store.createInitiative(
          initiative('payments-silver', 'Other'),
          T0 + 1,
          'user:default/b',
        ),
      ).toBe(false);
      expect(await store.getInitiative('payments-silver')).toEqual({
        initiative: first,
        createdAt: T0,
        updatedAt: T0,
        updatedBy: 'user:default/a',
      });

      const changed = initiative('payments-silver', 'Payments at silver soon');
      expect(
        await store.updateInitiative(changed, T0 + 5, 'user:default/c'),
      ).toBe(true);
      expect(
        await store.updateInitiative(
          initiative('unknown'),
          T0 + 5,
          'user:default/c',
        ),
      ).toBe(false);
      await store.createInitiative(initiative('a-first'), T0, 'x');
      expect(await store.listInitiatives()).toEqual([
        {
          initiative: initiative('a-first'),
          createdAt: T0,
          updatedAt: T0,
          updatedBy: 'x',
        },
        {
          initiative: changed,
          createdAt: T0,
          updatedAt: T0 + 5,
          updatedBy: 'user:default/c',
        },
      ]);

      expect(await store.deleteInitiative('payments-silver')).toBe(true);
      expect(await store.deleteInitiative('payments-silver')).toBe(false);
      expect(await store.getInitiative('payments-silver')).toBeUndefined();
    });

    it('migrates down, dropping the table, and up again (issue 16)', async () => {
      await migrateDownThrough(knex, '20261202171000');
      expect(await knex.schema.hasTable('dora_initiatives')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_initiatives')).toBe(true);
    });
  },
);
