import { Knex } from 'knex';

/** Whether the database is PostgreSQL (else SQLite, the other one Backstage runs on). */
export function isPostgres(db: Knex): boolean {
  const client = String(db.client.config.client ?? '');
  return client === 'pg' || client.startsWith('postgres');
}

/** The smaller of two values: `least` on PostgreSQL, the two-argument `min` on SQLite. */
export function leastOf(db: Knex): 'least' | 'min' {
  return isPostgres(db) ? 'least' : 'min';
}
