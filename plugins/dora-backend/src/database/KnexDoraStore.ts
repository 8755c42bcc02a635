import { Deployment, DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { chunks } from './chunks';
import {
  DoraStore,
  EntityHistory,
  EventKey,
  HistoryQuery,
  ResolvedEvent,
} from './DoraStore';
import {
  CHANGE_ENGINE_COLUMNS,
  DEPLOYMENT_ENGINE_COLUMNS,
  INCIDENT_ENGINE_COLUMNS,
  changeRow,
  deploymentRow,
  incidentRow,
  toEngineChange,
  toEngineDeployment,
  toEngineIncident,
  toEvent,
} from './rows';

const TABLE: Record<DoraEventKind, string> = {
  deployment: 'dora_deployments',
  change: 'dora_changes',
  incident: 'dora_incidents',
};

// SQLite allows 32,766 bound values per statement; 20 columns x 500 rows stays well under.
const ROWS_PER_INSERT = 500;
const IDS_PER_QUERY = 500;

export class KnexDoraStore implements DoraStore {
  constructor(private readonly db: Knex) {}

  async upsertEvents(events: ResolvedEvent[]): Promise<void> {
    const now = Date.now();
    const rows: Record<DoraEventKind, object[]> = {
      deployment: [],
      change: [],
      incident: [],
    };
    for (const event of events) {
      if (event.kind === 'deployment')
        rows.deployment.push(deploymentRow(event, now));
      else if (event.kind === 'change') rows.change.push(changeRow(event, now));
      else rows.incident.push(incidentRow(event, now));
    }
    await this.db.transaction(async tx => {
      for (const kind of Object.keys(rows) as DoraEventKind[]) {
        for (const chunk of chunks(rows[kind], ROWS_PER_INSERT)) {
          await tx(TABLE[kind])
            .insert(chunk)
            .onConflict(['source', 'id'])
            .merge();
        }
      }
    });
  }

  async readEntityHistory(query: HistoryQuery): Promise<EntityHistory> {
    const { entityRef, productionEnvironments, window, historyFrom } = query;
    const db = this.db;

    // The last success before the history keeps the redeploy rule and the
    // pipeline-mode outage that spans the history's start exact.
    const previousSuccess = await db('dora_deployments')
      .where({ entity_ref: entityRef, status: 'success' })
      .whereIn('environment', productionEnvironments)
      .where('finished_at', '<', historyFrom)
      .max({ at: 'finished_at' })
      .first();
    const deploymentsFrom = previousSuccess?.at
      ? Number(previousSuccess.at)
      : historyFrom;

    // After the window only rollbacks matter (they mark in-window deployments failed).
    const deploymentRows = await db('dora_deployments')
      .select(DEPLOYMENT_ENGINE_COLUMNS)
      .where('entity_ref', entityRef)
      .modify(q => {
        if (!query.allEnvironments)
          q.whereIn('environment', productionEnvironments);
      })
      .where('finished_at', '>=', deploymentsFrom)
      .where(q =>
        q.where('finished_at', '<', window.to).orWhereNotNull('rollback_of'),
      )
      .orderBy(['finished_at', 'source', 'id']);
    const deployments: Deployment[] = deploymentRows.map(toEngineDeployment);

    // After the window only reverts matter.
    const changeRows = await db('dora_changes')
      .select(CHANGE_ENGINE_COLUMNS)
      .where('entity_ref', entityRef)
      .where('merged_at', '>=', historyFrom)
      .where(q =>
        q.where('merged_at', '<', window.to).orWhereNotNull('revert_of'),
      )
      .orderBy(['merged_at', 'source', 'id']);
    const changes = changeRows.map(toEngineChange);
    const loaded = new Set(changes.map(c => c.id));
    const listedElsewhere = [
      ...new Set(
        deployments
          .flatMap(d => d.changeIds ?? [])
          .filter(id => !loaded.has(id)),
      ),
    ];
    for (const ids of chunks(listedElsewhere, IDS_PER_QUERY)) {
      const rows = await db('dora_changes')
        .select(CHANGE_ENGINE_COLUMNS)
        .where('entity_ref', entityRef)
        .whereIn('id', ids);
      changes.push(...rows.map(toEngineChange));
    }

    // Incidents that can link to the history, resolve in the window or are still open.
    const incidentRows = await db('dora_incidents')
      .select(INCIDENT_ENGINE_COLUMNS)
      .where('entity_ref', entityRef)
      .where(q =>
        q
          .where('opened_at', '>=', historyFrom)
          .orWhere('resolved_at', '>=', window.from)
          .orWhereNull('resolved_at'),
      );
    const incidents = incidentRows.map(toEngineIncident);

    const deploymentEverIngested =
      deployments.length > 0 ||
      (await this.exists('dora_deployments', entityRef));
    const incidentEverIngested =
      incidents.length > 0 || (await this.exists('dora_incidents', entityRef));
    const production = new Set(productionEnvironments);
    const nonProductionEnvironments =
      !deployments.some(d => production.has(d.environment)) &&
      deploymentEverIngested
        ? await this.environmentsOf(entityRef)
        : [];

    return {
      timeline: { deployments, changes, incidents },
      deploymentEverIngested,
      incidentEverIngested,
      nonProductionEnvironments,
    };
  }

  async getEvents(
    kind: DoraEventKind,
    keys: EventKey[],
  ): Promise<ResolvedEvent[]> {
    const found = new Map<string, ResolvedEvent>();
    for (const chunk of chunks(keys, IDS_PER_QUERY)) {
      const rows = await this.db(TABLE[kind]).whereIn(
        ['source', 'id'],
        chunk.map(k => [k.source, k.id]),
      );
      for (const row of rows) {
        found.set(`${row.source}\u0000${row.id}`, toEvent(kind, row));
      }
    }
    return keys
      .map(k => found.get(`${k.source}\u0000${k.id}`))
      .filter((e): e is ResolvedEvent => e !== undefined);
  }

  private async exists(table: string, entityRef: string): Promise<boolean> {
    const row = await this.db(table)
      .select('id')
      .where('entity_ref', entityRef)
      .first();
    return row !== undefined;
  }

  private async environmentsOf(entityRef: string): Promise<string[]> {
    const rows = await this.db('dora_deployments')
      .distinct('environment')
      .where('entity_ref', entityRef)
      .orderBy('environment')
      .limit(20);
    return rows.map(r => r.environment);
  }
}
