// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { doraTestDatabases } from '@dora-metrics/plugin-dora-backend/testUtils';
import { CursorStore } from './CursorStore';
import { migrateDownAll, migrateUp } from './migrations';

jest.setTimeout(60_000);

const databases = doraTestDatabases();

describe.each(databases.eachSupportedId())('CursorStore on %s', id => {
  it('stores one cursor per repository and stream, case-insensitive on the repository, and overwrites it', async () => {
    const knex = await databases.init(id);
    await migrateUp(knex);
    const store = new CursorStore(knex, () => 1_000);

    expect(await store.get('acme/api', 'pulls')).toBeUndefined();
    await store.set('Acme/API', 'pulls', '2026-03-01T00:00:00Z');
    await store.set('acme/api', 'deployments', '2026-02-01T00:00:00Z');
    await store.set('acme/api', 'pulls', '2026-03-05T00:00:00Z');

    expect(await store.get('acme/api', 'pulls')).toBe('2026-03-05T00:00:00Z');
    expect(await store.get('ACME/api', 'deployments')).toBe(
      '2026-02-01T00:00:00Z',
    );
    const [{ n }] = await knex('dora_github_cursors').count({ n: '*' });
    expect(Number(n)).toBe(2);
  });

  it('migrations use their own table and roll back cleanly', async () => {
    const knex = await databases.init(id);
    await migrateUp(knex);
    expect(await knex.schema.hasTable('dora_github_knex_migrations')).toBe(
      true,
    );
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);

    await migrateDownAll(knex);
    expect(await knex.schema.hasTable('dora_github_cursors')).toBe(false);
    await migrateUp(knex);
    expect(await knex.schema.hasTable('dora_github_cursors')).toBe(true);
  });
});
