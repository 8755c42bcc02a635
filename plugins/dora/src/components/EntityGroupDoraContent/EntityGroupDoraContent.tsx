import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  Entity,
  getCompoundEntityRef,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  GroupMetrics,
  RollupEntityRow,
} from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { MetricsQuery, ScorecardResultRecord } from '../../api/types';
import { LevelChip } from '../shared/Chips';
import { ScorecardsCompliance } from '../shared/Compliance';
import { metricColumns, serviceCountColumn } from '../shared/metricColumns';
import { MetricsDashboard } from '../shared/MetricsDashboard';
import { useScorecardResults } from '../shared/useScorecardResults';
import { DeploymentsSparkline, useServiceTrends } from './ServiceTrends';

type ServiceRow = RollupEntityRow & {
  id: string;
  levels: ScorecardResultRecord[];
};

function levelRank(row: ServiceRow): number {
  return row.levels.reduce(
    (best, r) =>
      Math.max(
        best,
        r.level === null
          ? -1
          : r.result.levels.findIndex(l => l.level === r.level),
      ),
    -2,
  );
}

/** Every service of the team and its sub-teams, sortable by each metric. */
export function TeamServicesTable(props: {
  metrics: GroupMetrics;
  query: MetricsQuery;
  records: ScorecardResultRecord[];
}) {
  const { metrics, query, records } = props;
  const bucket = metrics.window.bucket;
  const trends = useServiceTrends(
    metrics.entities.map(row => row.entityRef),
    query,
  );
  const rows: ServiceRow[] = metrics.entities.map(row => ({
    ...row,
    id: row.entityRef,
    levels: records.filter(
      r =>
        r.entityRef.toLocaleLowerCase('en-US') ===
        row.entityRef.toLocaleLowerCase('en-US'),
    ),
  }));
  const columns: TableColumn<ServiceRow>[] = [
    {
      title: 'Service',
      field: 'entityRef',
      highlight: true,
      render: r => <EntityRefLink entityRef={r.entityRef} />,
    },
    ...metricColumns<ServiceRow>(),
    {
      title: 'Level',
      field: 'levels',
      customSort: (a, b) => levelRank(a) - levelRank(b),
      render: r =>
        r.levels.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            Not graded
          </Typography>
        ) : (
          <>
            {r.levels.map(record => (
              <LevelChip key={record.scorecardId} level={record.level} />
            ))}
          </>
        ),
    },
    {
      title: `Deployments per ${bucket}`,
      sorting: false,
      render: r => <DeploymentsSparkline trend={trends.get(r.entityRef)} />,
    },
  ];
  return (
    <Table<ServiceRow>
      title="Services"
      subtitle="Every service the team and its sub-teams own"
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          This team owns no service with DORA metrics.
        </Typography>
      }
    />
  );
}

type TeamRow = GroupMetrics & { id: string };

/** The team's sub-teams, pooled, each a link to its own page. */
export function SubTeamsTable(props: { group: Entity; query: MetricsQuery }) {
  const api = useApi(doraApiRef);
  const { group, query } = props;
  const childRefs = (group.relations ?? [])
    .filter(r => r.type === RELATION_PARENT_OF)
    .map(r => r.targetRef);
  const { value, loading, error } = useAsync(
    () => Promise.all(childRefs.map(ref => api.getGroupMetrics(ref, query))),
    [api, childRefs.join(','), query],
  );
  if (childRefs.length === 0) return null;
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const rows: TeamRow[] = (value ?? []).map(m => ({ ...m, id: m.groupRef }));
  const columns: TableColumn<TeamRow>[] = [
    {
      title: 'Sub-team',
      field: 'groupRef',
      highlight: true,
      render: r => <EntityRefLink entityRef={r.groupRef} defaultKind="group" />,
    },
    serviceCountColumn<TeamRow>(),
    ...metricColumns<TeamRow>(),
  ];
  return (
    <Table<TeamRow>
      title="Sub-teams"
      columns={columns}
      data={rows}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}

function TeamSections(props: {
  group: Entity;
  groupRef: string;
  metrics: GroupMetrics;
  query: MetricsQuery;
}) {
  const { group, groupRef, metrics, query } = props;
  const results = useScorecardResults({ groupRef });
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {results.error && <ResponseErrorPanel error={results.error} />}
        <TeamServicesTable
          metrics={metrics}
          query={query}
          records={results.value?.records ?? []}
        />
      </Grid>
      <Grid item xs={12}>
        <SubTeamsTable group={group} query={query} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Scorecard compliance">
          {results.value ? (
            <ScorecardsCompliance
              groupRef={groupRef}
              scorecards={results.value.scorecards}
            />
          ) : (
            !results.error && <Progress />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}

export interface EntityGroupDoraContentProps {
  initialDays?: number;
  chartWidth?: number;
}

/** The DORA tab of a team: pooled metrics, its services, sub-teams and compliance. */
export function EntityGroupDoraContent(props: EntityGroupDoraContentProps) {
  const { entity } = useEntity();
  const { namespace, name } = getCompoundEntityRef(entity);
  const groupRef = stringifyEntityRef({ kind: 'group', namespace, name });
  return (
    <MetricsDashboard<GroupMetrics>
      target={{ kind: 'group', groupRef }}
      subject="this team"
      initialDays={props.initialDays}
      chartWidth={props.chartWidth}
    >
      {(metrics, query) => (
        <TeamSections
          group={entity}
          groupRef={groupRef}
          metrics={metrics}
          query={query}
        />
      )}
    </MetricsDashboard>
  );
}
