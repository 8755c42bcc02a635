import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityDisplayName,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useDoraTabLink, useWindowSearch } from '../shared/doraTabLink';
import { GradedRuleStatus } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EditScorecardButton, ScorecardChanges } from '../ScorecardEditor';
import { doraApiRef } from '../../api/DoraApi';
import { ScorecardResultRecord } from '../../api/types';
import { rootRouteRef } from '../../routes';
import { formatInstant, viewerTimeZone } from '../format';
import { ExemptionsSection } from '../Exemptions/ExemptionsSection';
import { LevelChip } from '../shared/Chips';
import { ComplianceView } from '../shared/Compliance';
import { ComplianceHistoryChart } from '../shared/ComplianceHistoryChart';
import { ScrollTable } from '../shared/ScrollTable';
import { RulesNotPassing, statusCounts } from '../shared/WorkingAgreements';
import { DownloadCsvButton, scorecardResultCsvColumns } from '../shared/csv';

const HISTORY_DAYS = 90;

/** An entity's evaluations by this scorecard over the last days, as a chart. */
export function ScorecardHistoryChart(props: {
  scorecardId: string;
  entityRef: string;
  timezone: string;
}) {
  const api = useApi(doraApiRef);
  const { scorecardId, entityRef, timezone } = props;
  const { value, error } = useAsync(
    () =>
      api.getScorecardHistory(scorecardId, {
        entityRef,
        from: DateTime.now().minus({ days: HISTORY_DAYS }).toUTC().toISO()!,
      }),
    [api, scorecardId, entityRef],
  );
  if (error) {
    return (
      <Typography variant="caption" color="error">
        History unavailable
      </Typography>
    );
  }
  if (!value) return <Progress />;
  return (
    <ComplianceHistoryChart
      history={value}
      title={`Compliance history of ${humanizeEntityRef(
        parseEntityRef(entityRef),
        { defaultKind: 'component' },
      )}, last ${HISTORY_DAYS} days`}
      timezone={timezone}
      emptyReason={`Not evaluated in the last ${HISTORY_DAYS} days`}
      width={320}
      height={160}
    />
  );
}

type Row = ScorecardResultRecord & {
  id: string;
  counts: Record<GradedRuleStatus, number>;
  rank: number;
};

/** A scorecard's services, best level first, with each one's history. */
export function ScorecardDetail() {
  const { scorecardId = '' } = useParams();
  const api = useApi(doraApiRef);
  const overviewLink = useRouteRef(rootRouteRef);
  // Links to the services' DORA tabs and back keep the overview's window.
  const doraTab = useDoraTabLink();
  const windowSearch = useWindowSearch();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [scorecards, records, compliance] = await Promise.all([
      api.getScorecards(),
      api.getScorecardResults({ scorecardId }),
      api.getScorecardCompliance(scorecardId).catch(() => undefined),
    ]);
    return {
      entry: scorecards.find(s => s.scorecard.id === scorecardId),
      records,
      compliance,
    };
  }, [api, scorecardId]);

  const back = (
    <Box mb={2}>
      <Link to={`${overviewLink()}${windowSearch}`}>
        Back to the DORA overview
      </Link>
    </Box>
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <>
        {back}
        <ResponseErrorPanel error={error} />
      </>
    );
  }
  if (!value?.entry) {
    return (
      <>
        {back}
        <Alert severity="error">
          <AlertTitle>No scorecard {scorecardId}</AlertTitle>
          It may have been deleted or renamed.
        </Alert>
      </>
    );
  }
  const { entry, records, compliance } = value;
  const levels = entry.scorecard.levels;
  const rows: Row[] = records
    .map(record => ({
      ...record,
      id: record.entityRef,
      counts: statusCounts(record.result.rules),
      rank: record.level === null ? -1 : levels.indexOf(record.level),
    }))
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        a.counts.fail - b.counts.fail ||
        a.entityRef.localeCompare(b.entityRef),
    );
  const timezone = viewerTimeZone();
  const columns: TableColumn<Row>[] = [
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
    {
      title: 'Level',
      field: 'rank',
      customSort: (a, b) => a.rank - b.rank,
      render: r => <LevelChip level={r.level} />,
    },
    {
      title: 'Pass · warn · fail · no data',
      field: 'counts.fail',
      customSort: (a, b) => a.counts.fail - b.counts.fail,
      render: r =>
        `${r.counts.pass} · ${r.counts.warn} · ${r.counts.fail} · ${r.counts['no-data']}${
          r.counts.exempt ? ` (${r.counts.exempt} exempt)` : ''
        }`,
    },
    {
      title: 'Rules not passing',
      sorting: false,
      render: r => <RulesNotPassing record={r} />,
    },
    {
      title: 'Evaluated',
      field: 'evaluatedAt',
      render: r => formatInstant(r.evaluatedAt, timezone),
    },
    {
      title: 'History',
      sorting: false,
      render: r => (
        <ScorecardHistoryChart
          scorecardId={scorecardId}
          entityRef={r.entityRef}
          timezone={timezone}
        />
      ),
    },
  ];
  return (
    <>
      {back}
      <Typography variant="h4" component="h2" gutterBottom>
        {entry.scorecard.title}
      </Typography>
      <EditScorecardButton entry={entry} onSaved={retry} />
      {entry.scorecard.description && (
        <Typography paragraph>{entry.scorecard.description}</Typography>
      )}
      {compliance && (
        <ComplianceView compliance={compliance} title={entry.scorecard.title} />
      )}
      <ScrollTable>
        <DownloadCsvButton
          what={`${entry.scorecard.title} results`}
          columns={scorecardResultCsvColumns}
          rows={rows}
        />
        <Table<Row>
          title="Services by result"
          columns={columns}
          data={rows}
          options={{
            paging: rows.length > 50,
            pageSize: 50,
            search: true,
            padding: 'dense',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No service has been graded by this scorecard yet.
            </Typography>
          }
        />
      </ScrollTable>
      <ExemptionsSection
        scorecardId={scorecardId}
        rules={entry.scorecard.rules}
      />
      <ScorecardChanges scorecardId={scorecardId} version={entry.version} />
    </>
  );
}
