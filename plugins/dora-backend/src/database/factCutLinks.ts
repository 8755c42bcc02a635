import { chunks } from '@dora-metrics/plugin-dora-common';
import { Reading, minOf } from './cutQueries';
import { FACT_TABLE } from './factListing';

/**
 * Whether a rebuild from the cut could change facts before it: the earliest
 * event before the cut that is linked to an event after it, by the events
 * as they are now (ids one names, merge commits) or by the stored facts
 * (who shipped, failed, reverted or rolled back what). Null when none is:
 * the facts before the cut then stay exactly as they are.
 */
export async function findLinkedBefore(
  reading: Reading,
): Promise<number | null> {
  // One query at a time: they share the reading's transaction.
  const instants = [
    await afterNamesBefore(reading),
    await beforeNamesAfter(reading),
    await mergeCommitsAcross(reading),
    await storedLinksAcross(reading),
    ...reading.previous.changes.map(c =>
      c.shippedBy && c.shippedBy.at < reading.cut ? c.shippedBy.at : null,
    ),
  ].filter((i): i is number => i !== null);
  return instants.length === 0 ? null : Math.min(...instants);
}

const IDS_PER_QUERY = 500;

const earliest = (instants: (number | null)[]): number | null => {
  const known = instants.filter((i): i is number => i !== null);
  return known.length === 0 ? null : Math.min(...known);
};

/** The earliest row before the cut whose `id` is one of these. */
async function earliestById(
  { tx, entityRef }: Reading,
  table: string,
  column: string,
  ids: Set<string>,
  cut: number,
): Promise<number | null> {
  const found: (number | null)[] = [];
  for (const chunk of chunks([...ids], IDS_PER_QUERY)) {
    found.push(
      await minOf(
        tx(table)
          .where('entity_ref', entityRef)
          .where(column, '<', cut)
          .whereIn('id', chunk),
        column,
      ),
    );
  }
  return earliest(found);
}

/** Ids that events from the cut on (and their stored facts) name, found before the cut. */
async function afterNamesBefore(reading: Reading): Promise<number | null> {
  const { timeline, previous, cut } = reading;
  const changeIds = new Set<string>();
  const deploymentIds = new Set<string>();
  const incidentIds = new Set<string>();
  for (const d of timeline.deployments) {
    for (const id of d.changeIds ?? []) changeIds.add(id);
    if (d.rollbackOf !== null) deploymentIds.add(d.rollbackOf);
  }
  for (const i of timeline.incidents) {
    if (i.changeId !== null) changeIds.add(i.changeId);
    if (i.deploymentId !== null) deploymentIds.add(i.deploymentId);
  }
  for (const c of timeline.changes) {
    if (c.revertOf !== null) changeIds.add(c.revertOf);
  }
  for (const c of previous.changes)
    c.revertedBy.forEach(id => changeIds.add(id));
  for (const d of previous.deployments) {
    d.shippedChangeIds.forEach(id => changeIds.add(id));
    d.incidentIds.forEach(id => incidentIds.add(id));
  }
  for (const i of previous.incidents) {
    i.failedDeploymentIds.forEach(id => deploymentIds.add(id));
  }
  // In pull-request mode a merge is the deployment: its id is a change's.
  changeIds.forEach(id => deploymentIds.add(id));
  const { change, deployment, incident } = FACT_TABLE;
  return earliest([
    await earliestById(reading, change, 'merged_at', changeIds, cut),
    await earliestById(reading, deployment, 'at', deploymentIds, cut),
    await earliestById(reading, incident, 'opened_at', incidentIds, cut),
  ]);
}

/** Events before the cut that name ids of events from the cut on. */
async function beforeNamesAfter(reading: Reading): Promise<number | null> {
  const { tx, entityRef, cut, timeline, previous } = reading;
  const changeIds = new Set([
    ...timeline.changes.map(c => c.id),
    ...previous.changes.map(c => c.id),
  ]);
  const deploymentIds = new Set([
    ...timeline.deployments.map(d => d.id),
    ...changeIds,
  ]);
  const naming: number[] = [];
  const incidents: {
    opened_at: number | string;
    deployment_id: string | null;
    change_id: string | null;
  }[] = await tx('dora_incidents')
    .select('opened_at', 'deployment_id', 'change_id')
    .where('entity_ref', entityRef)
    .where('opened_at', '<', cut)
    .where(q => q.whereNotNull('deployment_id').orWhereNotNull('change_id'));
  for (const i of incidents) {
    if (
      (i.deployment_id !== null && deploymentIds.has(i.deployment_id)) ||
      (i.change_id !== null && changeIds.has(i.change_id))
    ) {
      naming.push(Number(i.opened_at));
    }
  }
  const reverts: { merged_at: number | string; revert_of: string }[] = await tx(
    'dora_changes',
  )
    .select('merged_at', 'revert_of')
    .where('entity_ref', entityRef)
    .where('merged_at', '<', cut)
    .whereNotNull('revert_of');
  for (const r of reverts) {
    if (changeIds.has(r.revert_of)) naming.push(Number(r.merged_at));
  }
  const lists: { finished_at: number | string; change_ids: string }[] =
    await tx('dora_deployments')
      .select('finished_at', 'change_ids')
      .where('entity_ref', entityRef)
      .where('finished_at', '<', cut)
      .whereNotNull('change_ids');
  for (const l of lists) {
    const ids: unknown = JSON.parse(l.change_ids);
    if (Array.isArray(ids) && ids.some(id => changeIds.has(id))) {
      naming.push(Number(l.finished_at));
    }
  }
  return earliest(naming);
}

/**
 * A deployment without a change list ships up to the merge of the change
 * whose merge commit it deploys: across the cut, that links the two.
 */
async function mergeCommitsAcross(reading: Reading): Promise<number | null> {
  const { tx, entityRef, cut, timeline } = reading;
  const deployedShas = new Set<string>();
  for (const d of timeline.deployments) {
    if (d.changeIds === null && d.commitSha !== null) {
      deployedShas.add(d.commitSha);
    }
  }
  const mergeShas = new Set<string>();
  for (const c of timeline.changes) {
    if (c.mergedAt !== null && c.mergeCommitSha)
      mergeShas.add(c.mergeCommitSha);
  }
  const found: (number | null)[] = [];
  for (const chunk of chunks([...deployedShas], IDS_PER_QUERY)) {
    found.push(
      await minOf(
        tx('dora_changes')
          .where('entity_ref', entityRef)
          .where('merged_at', '<', cut)
          .whereIn('merge_commit_sha', chunk),
        'merged_at',
      ),
    );
  }
  for (const chunk of chunks([...mergeShas], IDS_PER_QUERY)) {
    found.push(
      await minOf(
        tx('dora_deployments')
          .where('entity_ref', entityRef)
          .where('finished_at', '<', cut)
          .whereNull('change_ids')
          .whereIn('commit_sha', chunk),
        'finished_at',
      ),
    );
  }
  return earliest(found);
}

/**
 * Links the stored facts before the cut keep to events from the cut on:
 * changes shipped from the cut on, reverts from the cut on, and rollbacks
 * that no deployment before the cut explains.
 */
async function storedLinksAcross(reading: Reading): Promise<number | null> {
  const { tx, entityRef, cut, timeline, previous } = reading;
  const found: number[] = [];
  const shippedAfter = await minOf(
    tx(FACT_TABLE.change)
      .where('entity_ref', entityRef)
      .where('merged_at', '<', cut)
      .where('shipped_at', '>=', cut),
    'merged_at',
  );
  if (shippedAfter !== null) found.push(shippedAfter);

  const afterIds = new Set([
    ...timeline.changes.map(c => c.id),
    ...previous.changes.map(c => c.id),
  ]);
  const reverted: { merged_at: number | string; reverted_by: string }[] =
    await tx(FACT_TABLE.change)
      .select('merged_at', 'reverted_by')
      .where('entity_ref', entityRef)
      .where('merged_at', '<', cut)
      .whereNotNull('reverted_by');
  for (const r of reverted) {
    const by: string[] = JSON.parse(r.reverted_by);
    if (by.some(id => afterIds.has(id))) found.push(Number(r.merged_at));
  }

  const rolledBack: { id: string; at: number | string }[] = await tx(
    FACT_TABLE.deployment,
  )
    .select('id', 'at')
    .where('entity_ref', entityRef)
    .where('at', '<', cut)
    .where('failure_signals', 'like', '%"rolled-back"%');
  if (rolledBack.length > 0) {
    const rollbacks: { rollback_of: string; finished_at: number | string }[] =
      [];
    for (const chunk of chunks(
      [...new Set(rolledBack.map(d => d.id))],
      IDS_PER_QUERY,
    )) {
      rollbacks.push(
        ...(await tx('dora_deployments')
          .select('rollback_of', 'finished_at')
          .where('entity_ref', entityRef)
          .where('finished_at', '<', cut)
          .whereIn('environment', reading.settings.productionEnvironments)
          .whereIn('rollback_of', chunk)),
      );
    }
    for (const d of rolledBack) {
      const explained = rollbacks.some(
        r => r.rollback_of === d.id && Number(r.finished_at) >= Number(d.at),
      );
      if (!explained) found.push(Number(d.at));
    }
  }
  return earliest(found);
}
