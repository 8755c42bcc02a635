import { DoraEventKind, Window } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';

/** Which fact rows a window's drill-down lists. */

export const FACT_TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_fact_deployments',
  change: 'dora_fact_changes',
  incident: 'dora_fact_incidents',
};

/** Rows with the column in the window. */
export const within =
  (column: string, window: Window) => (q: Knex.QueryBuilder) =>
    q.where(column, '>=', window.from).where(column, '<', window.to);

/** Rows listed in a window's drill-down (columns of the table prefixed `p`, e.g. `f.`). */
export function inDrillDownWindow(kind: DoraEventKind, window: Window, p = '') {
  return (q: Knex.QueryBuilder) => {
    if (kind === 'deployment') return q.where(within(`${p}at`, window));
    if (kind === 'change') {
      return q
        .where(within(`${p}merged_at`, window))
        .orWhere(within(`${p}shipped_at`, window));
    }
    return q
      .where(within(`${p}opened_at`, window))
      .orWhere(resolved =>
        resolved
          .where(within(`${p}resolved_at`, window))
          .whereRaw(`${p}resolved_at >= ${p}opened_at`),
      )
      .orWhere(open =>
        open
          .where(`${p}opened_at`, '<', window.to)
          .where(r =>
            r
              .whereNull(`${p}resolved_at`)
              .orWhere(`${p}resolved_at`, '>=', window.to),
          ),
      );
  };
}
