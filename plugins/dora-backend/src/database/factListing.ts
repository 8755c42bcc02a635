import { DoraEventKind, Window } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import {
  ChangeFactRow,
  DeploymentFactRow,
  IncidentFactRow,
  toChangeFact,
  toDeploymentFact,
  toIncidentFact,
} from './factRows';
import { FactPageQuery, FactPosition, ListedFact } from './FactStore';

/** The drill-down's pages read from the fact tables, in one order. */

export const FACT_TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_fact_deployments',
  change: 'dora_fact_changes',
  incident: 'dora_fact_incidents',
};

/** The instant a drill-down row is listed at, per kind. */
const LISTED_AT: Record<DoraEventKind, string> = {
  deployment: 'at',
  change: 'coalesce(merged_at, shipped_at)',
  incident: 'opened_at',
};

/** Rows with the column in the window. */
export const within =
  (column: string, window: Window) => (q: Knex.QueryBuilder) =>
    q.where(column, '>=', window.from).where(column, '<', window.to);

export async function listKind(
  db: Knex,
  collate: string,
  kind: DoraEventKind,
  query: FactPageQuery,
): Promise<ListedFact[]> {
  const { window, after } = query;
  const listedAt = LISTED_AT[kind];
  const ref = `entity_ref${collate}`;
  const rows: Record<string, unknown>[] = await db(FACT_TABLE[kind])
    .select('*', db.raw(`${listedAt} as listed_at`))
    .whereIn('entity_ref', query.entityRefs)
    .where(q => inDrillDownWindow(kind, window)(q))
    .modify(q => {
      if (!after) return;
      const [at, entityRef, afterKind, source, id] = after;
      q.where(keyset =>
        keyset.whereRaw(`${listedAt} > ?`, [at]).orWhere(same =>
          same.whereRaw(`${listedAt} = ?`, [at]).where(tie => {
            tie.whereRaw(`${ref} > ?`, [entityRef]);
            if (kind > afterKind) tie.orWhereRaw(`${ref} = ?`, [entityRef]);
            if (kind === afterKind) {
              tie.orWhere(sameRef =>
                sameRef
                  .whereRaw(`${ref} = ?`, [entityRef])
                  .where(key =>
                    key
                      .whereRaw(`source${collate} > ?`, [source])
                      .orWhere(sameSource =>
                        sameSource
                          .whereRaw(`source${collate} = ?`, [source])
                          .whereRaw(`id${collate} > ?`, [id]),
                      ),
                  ),
              );
            }
          }),
        ),
      );
    })
    .orderByRaw(`${listedAt}, ${ref}, source${collate}, id${collate}`)
    .limit(query.limit);
  return rows.map(row => toListed(kind, row));
}

function inDrillDownWindow(kind: DoraEventKind, window: Window) {
  return (q: Knex.QueryBuilder) => {
    if (kind === 'deployment') return q.where(within('at', window));
    if (kind === 'change') {
      return q
        .where(within('merged_at', window))
        .orWhere(within('shipped_at', window));
    }
    return q
      .where(within('opened_at', window))
      .orWhere(resolved =>
        resolved
          .where(within('resolved_at', window))
          .whereRaw('resolved_at >= opened_at'),
      )
      .orWhere(open =>
        open
          .where('opened_at', '<', window.to)
          .where(r =>
            r.whereNull('resolved_at').orWhere('resolved_at', '>=', window.to),
          ),
      );
  };
}

function toListed(
  kind: DoraEventKind,
  row: Record<string, unknown>,
): ListedFact {
  const entityRef = row.entity_ref as string;
  const position: FactPosition = [
    Number(row.listed_at),
    entityRef,
    kind,
    row.source as string,
    row.id as string,
  ];
  if (kind === 'deployment') {
    return {
      kind,
      entityRef,
      position,
      fact: toDeploymentFact(row as unknown as DeploymentFactRow),
    };
  }
  if (kind === 'change') {
    return {
      kind,
      entityRef,
      position,
      fact: toChangeFact(row as unknown as ChangeFactRow),
    };
  }
  return {
    kind,
    entityRef,
    position,
    fact: toIncidentFact(row as unknown as IncidentFactRow),
  };
}

export function comparePositions(a: FactPosition, b: FactPosition): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
