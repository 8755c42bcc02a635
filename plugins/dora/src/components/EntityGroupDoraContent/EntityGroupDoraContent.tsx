import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import {
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityDisplayName, useEntity } from '@backstage/plugin-catalog-react';
import {
  GroupMetricsInclude,
  GroupMetricsResponse,
  PooledGroupRow,
  RollupEntityRowWithSeries,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardResultRecord } from '../../api/types';
import { useDoraTabLink } from '../shared/doraTabLink';
import { LevelChip } from '../shared/Chips';
import { ScorecardsCompliance } from '../shared/Compliance';
import {
  metricColumns,
  serviceCountColumn,
  shareColumn,
} from '../shared/metricColumns';
import { ScrollTable } from '../shared/ScrollTable';
import { MetricsDashboard } from '../shared/MetricsDashboard';
import { useScorecardResults } from '../shared/useScorecardResults';
import { TeamInitiativesCard } from '../Initiatives';
import { ReportLevels } from '../ReportLevels';
import { MoversSection } from '../Movers';
import { TeamTrend } from '../Trend';
import { DeploymentsSparkline } from './ServiceTrends';
import { SortParams, useUrlSort } from './urlSort';
import {
  DownloadCsvButton,
  GroupReportButtons,
  serviceCsvColumns,
  subTeamCsvColumns,
} from '../shared/csv';

/** What the team's sections need besides its numbers, in the same request. */
const TEAM_INCLUDE: GroupMetricsInclude[] = [
  'entitySeries',
  'movers',
  'subTeams',
];

/** The sub-teams table's sort, apart from the services table's `sort`/`dir`. */
const SUB_TEAM_SORT: SortParams = { sort: 'subSort', dir: 'subDir' };

type ServiceRow = RollupEntityRowWithSeries & {
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
  metrics: GroupMetricsResponse;
  records: ScorecardResultRecord[];
}) {
  const { metrics, records } = props;
  const bucket = metrics.window.bucket;
  const doraTab = useDoraTabLink();
  const rows: ServiceRow[] = metrics.entities.map(row => ({
    ...row,
    id: row.entityRef,
    levels: records.filter(
      r =>
        r.entityRef.toLocaleLowerCase('en-US') ===
        row.entityRef.toLocaleLowerCase('en-US'),
    ),
  }));
  const sort = useUrlSort<ServiceRow>([
    {
      title: 'Service',
      field: 'entityRef',
      highlight: true,
      render: r => (
        <Link to={doraTab(r.entityRef)}>
          <EntityDisplayName entityRef={r.entityRef} hideIcon />
        </Link>
      ),
    },
    ...metricColumns<ServiceRow>(),
    shareColumn<ServiceRow>(metrics),
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
      render: r => (
        <DeploymentsSparkline
          trend={
            r.series
              ? { window: metrics.window, series: r.series }
              : new Error('no series')
          }
        />
      ),
    },
  ]);
  return (
    <ScrollTable>
      <DownloadCsvButton
        what="services"
        subject={parseEntityRef(metrics.groupRef).name}
        columns={serviceCsvColumns<ServiceRow>(
          metrics.deploymentFrequency.count,
        )}
        rows={rows}
      />
      <Table<ServiceRow>
        title="Services"
        subtitle="Every service the team and its sub-teams own"
        columns={sort.columns}
        onOrderChange={sort.onOrderChange}
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
    </ScrollTable>
  );
}

type TeamRow = PooledGroupRow & { id: string; name: string };

/** The team's direct sub-teams, pooled, each a link to its own DORA tab. */
export function SubTeamsTable(props: { subTeams: PooledGroupRow[] }) {
  const doraTab = useDoraTabLink();
  const sort = useUrlSort<TeamRow>(
    [
      {
        title: 'Sub-team',
        field: 'name',
        highlight: true,
        render: r => <Link to={doraTab(r.groupRef, 'group')}>{r.name}</Link>,
      },
      serviceCountColumn<TeamRow>(),
      ...metricColumns<TeamRow>(),
    ],
    SUB_TEAM_SORT,
  );
  if (props.subTeams.length === 0) return null;
  const rows: TeamRow[] = props.subTeams.map(row => ({
    ...row,
    id: row.groupRef,
    name: row.title ?? parseEntityRef(row.groupRef).name,
  }));
  return (
    <ScrollTable>
      <DownloadCsvButton
        what="sub-teams"
        columns={subTeamCsvColumns<TeamRow>()}
        rows={rows}
      />
      <Table<TeamRow>
        title="Sub-teams"
        columns={sort.columns}
        onOrderChange={sort.onOrderChange}
        data={rows}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
    </ScrollTable>
  );
}

function TeamSections(props: {
  groupRef: string;
  metrics: GroupMetricsResponse;
}) {
  const { groupRef, metrics } = props;
  const results = useScorecardResults({ groupRef });
  let compliance;
  if (results.error) {
    compliance = (
      <Typography variant="body2" color="error">
        Working agreements unavailable: {results.error.message}
      </Typography>
    );
  } else if (results.value) {
    compliance = (
      <ScorecardsCompliance
        groupRef={groupRef}
        scorecards={results.value.scorecards}
      />
    );
  } else {
    compliance = <Progress />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <GroupReportButtons groupRef={groupRef} query={metrics.window} />
        {results.error && <ResponseErrorPanel error={results.error} />}
        <TeamServicesTable
          metrics={metrics}
          records={results.value?.records ?? []}
        />
      </Grid>
      <Grid item xs={12}>
        <SubTeamsTable subTeams={metrics.subTeams ?? []} />
      </Grid>
      {metrics.movers && (
        <Grid item xs={12}>
          <MoversSection
            movers={metrics.movers}
            timezone={metrics.window.timezone}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <TeamTrend groupRef={groupRef} timezone={metrics.window.timezone} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Scorecard compliance">{compliance}</InfoCard>
      </Grid>
      <Grid item xs={12}>
        <TeamInitiativesCard groupRef={groupRef} />
      </Grid>
      <Grid item xs={12}>
        <ReportLevels metrics={metrics} />
      </Grid>
    </Grid>
  );
}

export interface EntityGroupDoraContentProps {
  initialDays?: number;
  chartWidth?: number;
}

/**
 * The DORA tab of a team: pooled metrics, its services, sub-teams and
 * compliance. On load: the team's body (with the previous window, each
 * service's series and the sub-teams), the scorecards, the team's results
 * and every scorecard's compliance; a window change asks for the body only.
 */
export function EntityGroupDoraContent(props: EntityGroupDoraContentProps) {
  const { entity } = useEntity();
  const { namespace, name } = getCompoundEntityRef(entity);
  const groupRef = stringifyEntityRef({ kind: 'group', namespace, name });
  return (
    <MetricsDashboard<GroupMetricsResponse>
      target={{ kind: 'group', groupRef, include: TEAM_INCLUDE }}
      subject="this team"
      initialDays={props.initialDays}
      chartWidth={props.chartWidth}
    >
      {metrics => <TeamSections groupRef={groupRef} metrics={metrics} />}
    </MetricsDashboard>
  );
}
