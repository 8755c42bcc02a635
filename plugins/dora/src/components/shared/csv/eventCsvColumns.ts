import { CsvColumn, DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { DoraEventItem } from '../../../api/types';
import {
  ChangeItem,
  DeploymentItem,
  IncidentItem,
} from '../drillDown/rowTypes';
import { failureSignalText, statusText } from '../drillDown/texts';

const deploymentColumns: CsvColumn<DeploymentItem>[] = [
  { header: 'finished_at', value: r => r.event.finishedAt },
  { header: 'service', value: r => r.event.entityRef },
  { header: 'source', value: r => r.event.source },
  { header: 'id', value: r => r.event.id },
  { header: 'version', value: r => r.event.version },
  { header: 'environment', value: r => r.event.environment },
  { header: 'status', value: r => r.event.status },
  { header: 'counted', value: r => r.counting.status === 'counted' },
  { header: 'counting', value: r => statusText(r.counting) },
  {
    header: 'in_change_failure_rate',
    value: r => r.counting.inChangeFailureRate,
  },
  { header: 'failed_change', value: r => r.counting.failed },
  {
    header: 'failed_because',
    value: r => r.counting.failureSignals.map(s => failureSignalText[s]),
  },
  { header: 'incident_ids', value: r => r.counting.incidentIds },
  { header: 'rework', value: r => r.counting.rework },
  { header: 'shipped_change_ids', value: r => r.counting.shippedChangeIds },
  { header: 'url', value: r => r.event.url },
];

const changeColumns: CsvColumn<ChangeItem>[] = [
  { header: 'merged_at', value: r => r.event.mergedAt },
  { header: 'service', value: r => r.event.entityRef },
  { header: 'source', value: r => r.event.source },
  { header: 'id', value: r => r.event.id },
  { header: 'repository', value: r => r.event.repository },
  { header: 'number', value: r => r.event.number },
  { header: 'title', value: r => r.event.title },
  { header: 'author', value: r => r.event.author },
  { header: 'lead_time_seconds', value: r => r.counting.leadTimeSeconds },
  { header: 'lead_time_start', value: r => r.counting.leadTimeStart },
  { header: 'lead_time_excluded', value: r => r.counting.leadTimeExcluded },
  { header: 'shipped_by_id', value: r => r.counting.shippedBy?.id },
  {
    header: 'shipped_at',
    value: r => r.counting.shippedBy?.finishedAt,
  },
  { header: 'reverted_by', value: r => r.counting.revertedBy },
  { header: 'excluded', value: r => r.counting.excluded ?? null },
  { header: 'url', value: r => r.event.url },
];

const incidentColumns: CsvColumn<IncidentItem>[] = [
  { header: 'opened_at', value: r => r.event.openedAt },
  { header: 'service', value: r => r.event.entityRef },
  { header: 'source', value: r => r.event.source },
  { header: 'id', value: r => r.event.id },
  { header: 'title', value: r => r.event.title },
  { header: 'severity', value: r => r.event.severity },
  { header: 'resolved_at', value: r => r.event.resolvedAt },
  { header: 'restore_seconds', value: r => r.counting.restoreSeconds },
  {
    header: 'resolved_in_window',
    value: r => r.counting.resolvedInWindow,
  },
  { header: 'open_at_window_end', value: r => r.counting.openAtWindowEnd },
  {
    header: 'failed_deployment_ids',
    value: r => r.counting.failedDeploymentIds,
  },
  { header: 'url', value: r => r.event.url },
];

/**
 * The drill-down's columns for one kind, raw: instants as ISO-8601,
 * durations in seconds, ids of related events joined by `; `.
 */
export function eventCsvColumns(
  kind: DoraEventKind,
): CsvColumn<DoraEventItem>[] {
  switch (kind) {
    case 'deployment':
      return deploymentColumns as CsvColumn<DoraEventItem>[];
    case 'change':
      return changeColumns as CsvColumn<DoraEventItem>[];
    case 'incident':
    default:
      return incidentColumns as CsvColumn<DoraEventItem>[];
  }
}
