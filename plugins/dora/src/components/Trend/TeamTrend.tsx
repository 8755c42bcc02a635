import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  CsvColumn,
  TrendPeriod,
  TrendRow,
} from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
} from '../format';
import { ratingOf } from '../shared/caveats';
import { BandChip } from '../shared/Chips';
import { DownloadCsvButton, metricCsvColumns } from '../shared/csv';
import { TileKind } from '../shared/metricDocs';
import { ScrollTable } from '../shared/ScrollTable';
import { periodText, TREND_COUNT } from './trendTexts';

const periodLabel: Record<TrendPeriod, string> = {
  quarter: 'Quarter',
  month: 'Month',
};

type TrendMetrics = TrendRow['metrics'];

const columns: Array<{
  kind: TileKind;
  title: string;
  value: (m: TrendMetrics) => string;
}> = [
  {
    kind: 'deploymentFrequency',
    title: 'Deployment frequency',
    value: m => formatDeploymentFrequency(m.deploymentFrequency),
  },
  {
    kind: 'leadTime',
    title: 'Lead time',
    value: m => formatDuration(m.leadTime.median),
  },
  {
    kind: 'changeFailureRate',
    title: 'Change failure rate',
    value: m => formatPercent(m.changeFailureRate.ratio),
  },
  {
    kind: 'timeToRestore',
    title: 'Time to restore',
    value: m => formatDuration(m.timeToRestore.median),
  },
];

/** The trend download: the period, then the metric columns of every team table. */
const trendCsvColumns: CsvColumn<TrendRow>[] = [
  { header: 'period', value: row => row.label },
  { header: 'from', value: row => row.from },
  { header: 'to', value: row => row.to },
  { header: 'partial', value: row => row.partial },
  ...metricCsvColumns<TrendRow['metrics']>().map(column => ({
    header: column.header,
    value: (row: TrendRow) => column.value(row.metrics),
  })),
];

/** One row per period: the team pooled over it, each value with its band. */
function TrendTable(props: {
  rows: TrendRow[];
  period: TrendPeriod;
  timezone: string;
}) {
  const { rows, period, timezone } = props;
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No period to show.
      </Typography>
    );
  }
  return (
    <ScrollTable>
      <DownloadCsvButton
        what={`trend by ${period}`}
        columns={trendCsvColumns}
        rows={rows}
      />
      <Table size="small" aria-label={`Trend by ${period}`}>
        <TableHead>
          <TableRow>
            <TableCell>{periodLabel[period]}</TableCell>
            {columns.map(c => (
              <TableCell key={c.kind}>{c.title}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.label}>
              <TableCell>{periodText(row, period, timezone)}</TableCell>
              {columns.map(c => {
                const { band, notRated } = ratingOf(row.metrics, c.kind);
                return (
                  <TableCell key={c.kind}>
                    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                      <span>{c.value(row.metrics)}</span>
                      <BandChip
                        band={band}
                        notRated={notRated}
                        metric={c.kind}
                      />
                    </Box>
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

function LoadedTrend(props: {
  groupRef: string;
  period: TrendPeriod;
  timezone: string;
}) {
  const api = useApi(doraApiRef);
  const { groupRef, period, timezone } = props;
  const { value, loading, error } = useAsync(
    () =>
      api.getGroupTrend(groupRef, {
        period,
        count: TREND_COUNT[period],
        timezone,
      }),
    [api, groupRef, period, timezone],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <TrendTable rows={value?.rows ?? []} period={period} timezone={timezone} />
  );
}

/**
 * A team's four metrics per calendar quarter or month, pooled as always;
 * asked for only when opened, so the tab's first requests stay the same.
 */
export function TeamTrend(props: { groupRef: string; timezone: string }) {
  const [period, setPeriod] = useState<TrendPeriod | undefined>(undefined);
  return (
    <InfoCard title="Trend by quarter or month">
      {period === undefined ? (
        <Button
          variant="outlined"
          color="primary"
          onClick={() => setPeriod('quarter')}
        >
          Show trend by quarter
        </Button>
      ) : (
        <>
          <Box mb={2}>
            <ButtonGroup size="small" aria-label="Quarter or month">
              {(['quarter', 'month'] as const).map(p => (
                <Button
                  key={p}
                  aria-pressed={p === period}
                  variant={p === period ? 'contained' : 'outlined'}
                  color="primary"
                  onClick={() => setPeriod(p)}
                >
                  {periodLabel[p]}
                </Button>
              ))}
            </ButtonGroup>
          </Box>
          <LoadedTrend
            groupRef={props.groupRef}
            period={period}
            timezone={props.timezone}
          />
        </>
      )}
    </InfoCard>
  );
}
