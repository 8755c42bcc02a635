import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import DescriptionIcon from '@material-ui/icons/Description';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { doraApiRef } from '../../../api/DoraApi';
import { MetricsQuery } from '../../../api/types';
import { CSV_TYPE, JSON_TYPE, saveTextFile } from './saveFile';

const TYPES = { csv: CSV_TYPE, json: JSON_TYPE };

/** The day of an ISO instant, for the file name: `2026-03-01`. */
const dayOf = (iso?: string) => (iso ?? '').slice(0, 10);

/** `dora-report-commerce-2026-03-01-2026-03-31.csv`. */
export function reportFileName(
  groupRef: string,
  query: MetricsQuery,
  format: 'csv' | 'json',
): string {
  const parts = [
    parseEntityRef(groupRef).name,
    dayOf(query.from),
    dayOf(query.to),
  ];
  return `dora-report-${parts.filter(Boolean).join('-')}.${format}`;
}

/**
 * The team's quarterly report for the tab's window, as CSV or JSON: its
 * pooled metrics, each sub-team's and service's, the movers and the
 * scorecard compliance, as the backend writes them. Asked for on click only.
 */
export function GroupReportButtons(props: {
  groupRef: string;
  query: MetricsQuery;
}) {
  const api = useApi(doraApiRef);
  const { groupRef, query } = props;
  const [busy, setBusy] = useState<'csv' | 'json'>();
  const [error, setError] = useState<Error>();

  const download = async (format: 'csv' | 'json') => {
    setBusy(format);
    setError(undefined);
    try {
      const text = await api.getGroupReport(groupRef, query, format);
      saveTextFile(
        text,
        reportFileName(groupRef, query, format),
        TYPES[format],
      );
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box component="section" aria-label="Report" mb={2}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="body2">
          Report of this window (metrics, sub-teams, services, movers,
          compliance):
        </Typography>
        {(['csv', 'json'] as const).map(format => (
          <Button
            key={format}
            size="small"
            variant="outlined"
            startIcon={<DescriptionIcon />}
            disabled={busy !== undefined}
            onClick={() => download(format)}
          >
            {busy === format
              ? 'Preparing…'
              : `Report (${format.toLocaleUpperCase('en-US')})`}
          </Button>
        ))}
      </Box>
      {error && <ResponseErrorPanel error={error} title="Report failed" />}
    </Box>
  );
}
