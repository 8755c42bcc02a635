import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL 15 too when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server.
 * Listing the ids keeps TestDatabases from looking for Docker.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = process.env
    .BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
  return TestDatabases.create({ ids });
}
