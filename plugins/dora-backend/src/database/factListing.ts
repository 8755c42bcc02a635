import { DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import {
  ChangeFactRow,
  DeploymentFactRow,
  IncidentFactRow,
  toChangeFact,
  toDeploymentFact,
  toIncidentFact,
} from './factRows';
import {
  FactOrder,
  FactPageQuery,
  FactPosition,
  ListedFact,
} from './FactStore';
import { matchingFilter } from './factFilters';
import { FACT_TABLE, inDrillDownWindow } from './drillDownWindow';

export { FACT_TABLE, within } from './drillDownWindow';

/** The drill-down's pages read from the fact tables, in one order. */

/** The instant a drill-down row is listed at, per kind. */
const LISTED_AT: Record<DoraEventKind, string> = {
  deployment: 'at',
  change: 'coalesce(merged_at, shipped_at)',
  incident: 'opened_at',
};

export async function listKind(
  db: Knex,
  collate: string,
  kind: DoraEventKind,
  query: FactPageQuery,
): Promise<ListedFact[]> {
  const { window, after } = query;
  const newest = query.order === 'newest';
  // Newest first is the same keyset read backwards.
  const beyond = newest ? '<' : '>';
  const direction = newest ? ' desc' : '';
  const listedAt = LISTED_AT[kind];
  const ref = `entity_ref${collate}`;
  const rows: Record<string, unknown>[] = await db(FACT_TABLE[kind])
    .select('*', db.raw(`${listedAt} as listed_at`))
    .whereIn('entity_ref', query.entityRefs)
    .where(q => inDrillDownWindow(kind, window)(q))
    .modify(q => {
      if (query.filter) q.where(matchingFilter(db, kind, window, query.filter));
    })
    .modify(q => {
      if (!after) return;
      const [at, entityRef, afterKind, source, id] = after;
      const kindBeyond = newest ? kind < afterKind : kind > afterKind;
      q.where(keyset =>
        keyset.whereRaw(`${listedAt} ${beyond} ?`, [at]).orWhere(same =>
          same.whereRaw(`${listedAt} = ?`, [at]).where(tie => {
            tie.whereRaw(`${ref} ${beyond} ?`, [entityRef]);
            if (kindBeyond) tie.orWhereRaw(`${ref} = ?`, [entityRef]);
            if (kind === afterKind) {
              tie.orWhere(sameRef =>
                sameRef
                  .whereRaw(`${ref} = ?`, [entityRef])
                  .where(key =>
                    key
                      .whereRaw(`source${collate} ${beyond} ?`, [source])
                      .orWhere(sameSource =>
                        sameSource
                          .whereRaw(`source${collate} = ?`, [source])
                          .whereRaw(`id${collate} ${beyond} ?`, [id]),
                      ),
                  ),
              );
            }
          }),
        ),
      );
    })
    .orderByRaw(
      [listedAt, ref, `source${collate}`, `id${collate}`]
        .map(column => `${column}${direction}`)
        .join(', '),
    )
    .limit(query.limit);
  return rows.map(row => toListed(kind, row));
}

/** How many rows of a kind in the drill-down's window match a filter. */
export async function countKind(
  db: Knex,
  kind: DoraEventKind,
  query: Pick<FactPageQuery, 'entityRefs' | 'window' | 'filter'>,
): Promise<number> {
  const [row] = await db(FACT_TABLE[kind])
    .count({ matching: '*' })
    .whereIn('entity_ref', query.entityRefs)
    .where(q => inDrillDownWindow(kind, query.window)(q))
    .modify(q => {
      if (query.filter) {
        q.where(matchingFilter(db, kind, query.window, query.filter));
      }
    });
  return Number(row?.matching ?? 0);
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

/** comparePositions in a drill-down order. */
export const positionOrder =
  (order: FactOrder | undefined) => (a: FactPosition, b: FactPosition) =>
    order === 'newest' ? comparePositions(b, a) : comparePositions(a, b);
