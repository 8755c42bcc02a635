import {
  CsvColumn,
  GroupsMetricsRow,
  PooledGroupRow,
  RollupEntityRow,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardResultRecord } from '../../../api/types';
import { metricCsvColumns } from './metricCsvColumns';

/** A row of the DORA page's teams table. */
export type TeamCsvRow = GroupsMetricsRow & {
  title: string;
  type?: string;
  parentId?: string;
};

/** The teams table: each team pooled, with its place in the tree. */
export function teamCsvColumns<T extends TeamCsvRow>(): CsvColumn<T>[] {
  return [
    { header: 'team', value: r => r.title },
    { header: 'group_ref', value: r => r.groupRef },
    { header: 'type', value: r => r.type },
    { header: 'parent_ref', value: r => r.parentId },
    { header: 'services', value: r => r.serviceCount },
    ...metricCsvColumns<T>(),
  ];
}

/** The group tab's sub-teams table. */
export function subTeamCsvColumns<
  T extends PooledGroupRow & { name: string },
>(): CsvColumn<T>[] {
  return [
    { header: 'team', value: r => r.name },
    { header: 'group_ref', value: r => r.groupRef },
    { header: 'services', value: r => r.serviceCount },
    ...metricCsvColumns<T>(),
  ];
}

/** A row of the group tab's services table: the service and its scorecard results. */
export type ServiceCsvRow = RollupEntityRow & {
  levels: ScorecardResultRecord[];
};

/**
 * The services table: each service's metrics, its deployments' share of the
 * team's pooled count (0–1) and its level per scorecard (`scorecard: level`).
 */
export function serviceCsvColumns<T extends ServiceCsvRow>(
  pooledDeployments: number,
): CsvColumn<T>[] {
  return [
    { header: 'service', value: r => r.entityRef },
    ...metricCsvColumns<T>(),
    {
      header: 'deployment_share_of_team',
      value: r =>
        pooledDeployments > 0
          ? r.deploymentFrequency.count / pooledDeployments
          : null,
    },
    {
      header: 'levels',
      value: r => r.levels.map(x => `${x.scorecardId}: ${x.level ?? 'none'}`),
    },
  ];
}
