import type { MoversReport } from '../movers/moversReport';
import { moverMetrics } from '../movers/moverMetrics';

/**
 * The movers as a table: one row per team or service × metric (the change
 * fields as columns), teams first. A spreadsheet filters and sorts it by
 * `metric` and `change`; the band distribution is not in it.
 */
export function moverCsvRows(
  movers: Pick<MoversReport, 'teams' | 'services'>,
): Record<string, unknown>[] {
  const kinds = [
    ['team', movers.teams],
    ['service', movers.services],
  ] as const;
  return kinds.flatMap(([kind, rows]) =>
    rows.flatMap(row =>
      moverMetrics.map(metric => {
        const { metric: _metric, ...change } = row.changes[metric];
        return { kind, ref: row.ref, title: row.title, metric, ...change };
      }),
    ),
  );
}
