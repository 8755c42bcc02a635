import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { KnexDigestRunStore } from './KnexDigestRunStore';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const WEEK = Date.parse('2026-11-30T00:00:00Z');
const NEXT_WEEK = WEEK + 7 * 86_400_000;

describe.each(databases.eachSupportedId())(
  'KnexDigestRunStore on %s',
  databaseId => {
    let knex: Knex;
    let store: KnexDigestRunStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      store = new KnexDigestRunStore(knex);
    });
    beforeEach(async () => {
      await knex('dora_digest_runs').delete();
    });

    it('lets one claim of a team and week through, whatever the ref’s case, and the next week again (issue 17)', async () => {
      expect(await store.claim('group:default/payments', WEEK, 1)).toBe(true);
      expect(await store.claim('Group:default/Payments', WEEK, 2)).toBe(false);
      expect(await store.claim('group:default/ledger', WEEK, 3)).toBe(true);
      expect(await store.claim('group:default/payments', NEXT_WEEK, 4)).toBe(
        true,
      );
    });

    it('lets exactly one of concurrent claims through (issue 17)', async () => {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.claim('group:default/payments', WEEK, i),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('gives a released claim to the next caller (issue 17)', async () => {
      expect(await store.claim('group:default/payments', WEEK, 1)).toBe(true);
      await store.release('group:default/payments', WEEK);
      expect(await store.claim('group:default/payments', WEEK, 2)).toBe(true);
    });

    it('creates the table and drops it when migrated back (issue 17)', async () => {
      await migrateDownThrough(knex, '20261202184000');
      expect(await knex.schema.hasTable('dora_digest_runs')).toBe(false);
      await migrateUp(knex);
      expect(await knex.schema.hasTable('dora_digest_runs')).toBe(true);
    });
  },
);
