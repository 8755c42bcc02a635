import { Knex } from 'knex';
import { doraTestDatabases } from '../testUtils';
import { storableJson } from './factRowWrites';
import { migrateDownThrough, migrateUp } from './migrations';

jest.setTimeout(60_000);

const NUL = String.fromCharCode(0);
const LONE_HIGH = '\uD800';

describe('storableJson (facts written whatever old values are stored)', () => {
  it('replaces NUL and unpaired surrogates with U+FFFD and keeps everything else as JSON.stringify writes it', () => {
    const value = [{ id: `pr${NUL}1`, title: `a${LONE_HIGH}b`, emoji: '🚀' }];
    expect(JSON.parse(storableJson(value))).toEqual([
      { id: 'pr\uFFFD1', title: 'a\uFFFDb', emoji: '🚀' },
    ]);
    const clean = [{ id: 'pr-1', path: 'C:\\u0000' }];
    expect(storableJson(clean)).toBe(JSON.stringify(clean));
  });
});

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())(
  'the migration that cleans stored lists, on %s',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
    });

    it('replaces NUL and unpaired surrogates stored in change_ids and labels before validation refused them', async () => {
      // Back to before the cleaning migration, with what older versions stored.
      await migrateDownThrough(knex, '20261201130000');
      await knex('dora_deployments').insert({
        source: 'ci',
        id: 'poisoned',
        entity_ref: 'component:default/payments-api',
        environment: 'production',
        status: 'success',
        finished_at: Date.parse('2024-05-01T12:00:00Z'),
        change_ids: JSON.stringify([`pr${NUL}1`, 'pr-2']),
        deployment_kind: 'normal',
        ingested_at: 0,
      });
      await knex('dora_changes').insert({
        source: 'github',
        id: 'labelled',
        entity_ref: 'component:default/payments-api',
        labels: JSON.stringify([`hot${LONE_HIGH}fix`, 'ok']),
        ingested_at: 0,
      });
      await migrateUp(knex);
      const [deployment] = await knex('dora_deployments').where(
        'id',
        'poisoned',
      );
      expect(JSON.parse(deployment.change_ids)).toEqual(['pr\uFFFD1', 'pr-2']);
      const [change] = await knex('dora_changes').where('id', 'labelled');
      expect(JSON.parse(change.labels)).toEqual(['hot\uFFFDfix', 'ok']);
    });
  },
);
