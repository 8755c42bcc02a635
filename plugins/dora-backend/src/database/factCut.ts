import {
  Timeline,
  artifactOf,
  productionEnvironmentsAmong,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { FACT_TABLE } from './factListing';
import { findLinkedBefore } from './factCutLinks';
import { Reading, maxOf, minOf } from './cutQueries';
import { CutReading, CutSettings } from './FactStore';
import {
  ChangeFactRow,
  DeploymentFactRow,
  IncidentFactRow,
  toChangeFact,
  toDeploymentFact,
  toIncidentFact,
} from './factRows';
import {
  CHANGE_ENGINE_COLUMNS,
  ChangeEngineRow,
  DEPLOYMENT_ENGINE_COLUMNS,
  DeploymentEngineRow,
  INCIDENT_ENGINE_COLUMNS,
  IncidentEngineRow,
  toEngineChange,
  toEngineDeployment,
  toEngineIncident,
} from './rows';

/**
 * Reads what rebuilding an entity's facts from `cut` on needs (see
 * CutReading), in the caller's snapshot; undefined when more than half of
 * the history sits at or after the cut.
 */
export async function readCut(
  tx: Knex.Transaction,
  entityRef: string,
  cut: number,
  settings: CutSettings,
): Promise<CutReading | undefined> {
  const at = (q: Knex.QueryBuilder) => q.where('entity_ref', entityRef);
  const whole = await readWhole(tx, entityRef);
  // Reading more than half the history from the cut on, then comparing it
  // with what is stored, costs more than rebuilding it whole.
  if ((await countFrom(tx, entityRef, cut)) * 2 > whole.eventCount) {
    return undefined;
  }
  // In no order: the engine puts them in its own.
  const timeline: Timeline = {
    deployments: (
      (await at(tx('dora_deployments'))
        .select(DEPLOYMENT_ENGINE_COLUMNS)
        .where('finished_at', '>=', cut)) as DeploymentEngineRow[]
    ).map(toEngineDeployment),
    changes: (
      (await at(tx('dora_changes'))
        .select(CHANGE_ENGINE_COLUMNS)
        .where(q =>
          q.where('merged_at', '>=', cut).orWhereNull('merged_at'),
        )) as ChangeEngineRow[]
    ).map(toEngineChange),
    incidents: (
      (await at(tx('dora_incidents'))
        .select(INCIDENT_ENGINE_COLUMNS)
        .where('opened_at', '>=', cut)) as IncidentEngineRow[]
    ).map(toEngineIncident),
  };
  const previous = {
    deployments: (
      (await at(tx(FACT_TABLE.deployment)).where(
        'at',
        '>=',
        cut,
      )) as DeploymentFactRow[]
    ).map(toDeploymentFact),
    changes: (
      (await at(tx(FACT_TABLE.change)).where(q =>
        q.where('merged_at', '>=', cut).orWhereNull('merged_at'),
      )) as ChangeFactRow[]
    ).map(toChangeFact),
    incidents: (
      (await at(tx(FACT_TABLE.incident)).where(
        'opened_at',
        '>=',
        cut,
      )) as IncidentFactRow[]
    ).map(toIncidentFact),
  };
  // SQL compares names, not patterns (no regex that reads the same on both
  // databases): the entity's stored environments the rules match.
  const resolved: CutSettings = {
    ...settings,
    productionEnvironments: productionEnvironmentsAmong(
      settings.productionEnvironments,
      whole.environments,
    ),
  };
  const reading = {
    tx,
    entityRef,
    cut,
    settings: resolved,
    timeline,
    previous,
  };
  const seeds = await readSeeds(reading);
  return {
    cut,
    timeline,
    previous,
    whole,
    ...seeds,
    linkedBefore: await findLinkedBefore(reading),
    unshippedBefore: await minOf(
      at(tx(FACT_TABLE.change))
        .where('merged_at', '<', cut)
        .whereNull('shipped_at'),
      'merged_at',
    ),
  };
}

/** How many events sit at or after the cut (unmerged changes included). */
async function countFrom(
  tx: Knex.Transaction,
  entityRef: string,
  cut: number,
): Promise<number> {
  const count = async (
    table: string,
    column: string,
    unplaced: boolean = false,
  ) => {
    const row = await tx(table)
      .count('* as n')
      .where('entity_ref', entityRef)
      .where(q => {
        q.where(column, '>=', cut);
        if (unplaced) q.orWhereNull(column);
      })
      .first();
    return Number(row?.n ?? 0);
  };
  return (
    (await count('dora_deployments', 'finished_at')) +
    (await count('dora_changes', 'merged_at', true)) +
    (await count('dora_incidents', 'opened_at'))
  );
}

async function readWhole(
  tx: Knex.Transaction,
  entityRef: string,
): Promise<CutReading['whole']> {
  const environments: { environment: string; n: number | string }[] = await tx(
    'dora_deployments',
  )
    .select('environment')
    .count('* as n')
    .where('entity_ref', entityRef)
    .groupBy('environment');
  const count = async (table: string) =>
    Number(
      (await tx(table).count('* as n').where('entity_ref', entityRef).first())
        ?.n ?? 0,
    );
  const deployments = environments.reduce((n, e) => n + Number(e.n), 0);
  const changes = await count('dora_changes');
  const incidents = await count('dora_incidents');
  const stored = await tx('dora_fact_entities')
    .select('mode', 'has_incident_source')
    .where('entity_ref', entityRef)
    .first();
  return {
    deploymentEverIngested: deployments > 0,
    changeEverIngested: changes > 0,
    incidentEverIngested: incidents > 0,
    eventCount: deployments + changes + incidents,
    environments: environments.map(e => e.environment),
    storedMode: stored?.mode ?? null,
    storedHasIncidentSource:
      stored?.has_incident_source === null ||
      stored?.has_incident_source === undefined
        ? null
        : Boolean(stored.has_incident_source),
  };
}

/** Production runs before the cut with a status, from an instant on, in the engine's order. */
async function productionRunsBefore(
  { tx, entityRef, cut, settings }: Reading,
  statuses: string[],
  from: number | null,
): Promise<
  {
    source: string;
    id: string;
    status: string;
    at: number;
    artifact: string | null;
  }[]
> {
  const rows: {
    source: string;
    id: string;
    status: string;
    finished_at: number | string;
    version: string | null;
    commit_sha: string | null;
  }[] = await tx('dora_deployments')
    .select('source', 'id', 'status', 'finished_at', 'version', 'commit_sha')
    .where('entity_ref', entityRef)
    .whereIn('environment', settings.productionEnvironments)
    .whereIn('status', statuses)
    .where('finished_at', '<', cut)
    .modify(q => {
      if (from !== null) q.where('finished_at', '>=', from);
    });
  return rows
    .map(r => ({
      source: r.source,
      id: r.id,
      status: r.status,
      at: Number(r.finished_at),
      artifact: artifactOf(r.version, r.commit_sha),
    }))
    .sort(inEngineOrder);
}

/** By instant, then source, then id: the engine's order of deployments. */
function inEngineOrder(
  a: { at: number; source: string; id: string },
  b: { at: number; source: string; id: string },
): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** The state of the redeploy rule and of pipeline outages at the cut. */
async function readSeeds(reading: Reading) {
  const { tx, entityRef, cut, settings } = reading;
  const production = () =>
    tx('dora_deployments')
      .where('entity_ref', entityRef)
      .whereIn('environment', settings.productionEnvironments)
      .where('finished_at', '<', cut);
  const lastSuccessAt = await maxOf(
    production().where('status', 'success'),
    'finished_at',
  );
  let artifactBefore: string | null = null;
  let failingSinceBefore: number | null = null;
  if (lastSuccessAt !== null) {
    const runs = await productionRunsBefore(
      reading,
      ['success', 'failure'],
      lastSuccessAt,
    );
    const successes = runs.filter(r => r.status === 'success');
    artifactBefore = successes[successes.length - 1].artifact;
    // A success at that instant closes any outage before it.
    for (const run of runs) {
      if (run.status === 'failure') failingSinceBefore ??= run.at;
      else failingSinceBefore = null;
    }
  } else {
    failingSinceBefore = await minOf(
      production().where('status', 'failure'),
      'finished_at',
    );
  }
  const lastCountedBefore = await maxOf(
    tx(FACT_TABLE.deployment)
      .where('entity_ref', entityRef)
      .where('status', 'counted')
      .where('at', '<', cut),
    'at',
  );
  return {
    artifactBefore,
    failingSinceBefore: settings.pipelineMode ? failingSinceBefore : null,
    lastCountedBefore,
  };
}
