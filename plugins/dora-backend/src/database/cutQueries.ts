import { Timeline } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { CutReading, CutSettings } from './FactStore';

/** What the queries of a rebuild from a cut share. */
export type Reading = {
  tx: Knex.Transaction;
  entityRef: string;
  cut: number;
  settings: CutSettings;
  timeline: Timeline;
  previous: CutReading['previous'];
};

/** The least value of a column over a query's rows; null when none. */
export async function minOf(
  query: Knex.QueryBuilder,
  column: string,
): Promise<number | null> {
  const row = await query.min(`${column} as m`).first();
  return row?.m === null || row?.m === undefined ? null : Number(row.m);
}

/** The greatest value of a column over a query's rows; null when none. */
export async function maxOf(
  query: Knex.QueryBuilder,
  column: string,
): Promise<number | null> {
  const row = await query.max(`${column} as m`).first();
  return row?.m === null || row?.m === undefined ? null : Number(row.m);
}
