import {
  DoraEventKind,
  DrillDownTotals,
} from '@dora-metrics/plugin-dora-common';
import { FactTotalsRow } from '../database/FactStore';
import { RowStanding } from './drillDownQuery';

/** One row's contribution to the totals (rows computed in memory). */
export function totalsRowOf(
  entityRef: string,
  environment: string | null,
  standing: RowStanding,
): FactTotalsRow {
  return {
    entityRef,
    environment,
    events: 1,
    counted: standing.counted ? 1 : 0,
    failed: standing.failed ? 1 : 0,
    inChangeFailureRate: standing.inChangeFailureRate ? 1 : 0,
  };
}

/**
 * The drill-down's totals from per-entity (and per-environment) counts,
 * read in the database or added up in memory. Every entity in scope gets a
 * row, with zeros when it has no events of the kind in the window.
 */
export function drillDownTotals(
  kind: DoraEventKind,
  entities: { entityRef: string; key: string }[],
  rows: FactTotalsRow[],
): DrillDownTotals {
  const deployments = kind === 'deployment';
  const perEntity = new Map(
    entities.map(e => [
      e.key,
      { entityRef: e.entityRef, events: 0, counted: 0, failed: 0 },
    ]),
  );
  const perEnvironment = new Map<
    string,
    { environment: string; events: number; counted: number }
  >();
  let events = 0;
  let counted = 0;
  let failed = 0;
  let inChangeFailureRate = 0;
  for (const row of rows) {
    events += row.events;
    counted += row.counted;
    failed += row.failed;
    inChangeFailureRate += row.inChangeFailureRate;
    const entity = perEntity.get(row.entityRef);
    if (entity) {
      entity.events += row.events;
      entity.counted += row.counted;
      entity.failed += row.failed;
    }
    if (deployments && row.environment !== null) {
      const environment = perEnvironment.get(row.environment) ?? {
        environment: row.environment,
        events: 0,
        counted: 0,
      };
      environment.events += row.events;
      environment.counted += row.counted;
      perEnvironment.set(row.environment, environment);
    }
  }
  const byName =
    <T>(name: (t: T) => string) =>
    (a: T, b: T) =>
      name(a) < name(b) ? -1 : Number(name(a) > name(b));
  return {
    events,
    counted,
    failed: deployments ? failed : null,
    inChangeFailureRate: deployments ? inChangeFailureRate : null,
    environments: [...perEnvironment.values()].sort(byName(e => e.environment)),
    entities: [...perEntity.values()]
      .map(e => ({ ...e, failed: deployments ? e.failed : null }))
      .sort(byName(e => e.entityRef)),
  };
}
