import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ScorecardAuditEntry,
  ScorecardVersion,
} from '@dora-metrics/plugin-dora-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { formatInstant, viewerTimeZone } from '../format';
import { errorText } from './ScorecardEditor';

/** What an audit entry's subject is, in words. */
function subjectText(entry: ScorecardAuditEntry): string {
  if (entry.subject === 'scorecard') return 'the scorecard';
  const exemption = /^exemption:(.+)$/.exec(entry.subject);
  if (!exemption) return entry.subject;
  const detail = entry.detail as {
    ruleId?: unknown;
    scope?: { entityRef?: unknown; groupRef?: unknown };
  };
  const who = [detail.scope?.entityRef, detail.scope?.groupRef].find(
    v => typeof v === 'string',
  );
  const rule =
    typeof detail.ruleId === 'string' ? ` from ${detail.ruleId}` : '';
  return `exemption ${exemption[1]}${rule}${who ? ` for ${who}` : ''}`;
}

function VersionsTable(props: {
  versions: ScorecardVersion[];
  timezone: string;
}) {
  if (props.versions.length === 0) {
    return <Typography variant="body2">No saved versions.</Typography>;
  }
  return (
    <Table size="small" aria-label="Scorecard versions">
      <TableHead>
        <TableRow>
          <TableCell>Version</TableCell>
          <TableCell>Who</TableCell>
          <TableCell>When</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.versions.map(v => (
          <TableRow key={v.version}>
            <TableCell>{v.version}</TableCell>
            <TableCell>{v.changedBy}</TableCell>
            <TableCell>{formatInstant(v.changedAt, props.timezone)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * A scorecard's versions (who saved which, when) and its audit list (every
 * change to it and its exemptions), newest first, older pages on demand.
 */
export function ScorecardChanges(props: {
  scorecardId: string;
  /** The version shown; a new one reloads the lists. */
  version?: number;
}) {
  const { scorecardId, version } = props;
  const api = useApi(doraApiRef);
  const timezone = viewerTimeZone();
  const versions = useAsync(
    () => api.getScorecardVersions(scorecardId),
    [api, scorecardId, version],
  );
  const [audit, setAudit] = useState<ScorecardAuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [auditError, setAuditError] = useState<string>();
  const [loadingAudit, setLoadingAudit] = useState(true);

  const loadAudit = async (from?: string) => {
    setLoadingAudit(true);
    try {
      const page = await api.getScorecardAudit(
        scorecardId,
        from ? { cursor: from } : {},
      );
      setAudit(current => (from ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setAuditError(undefined);
    } catch (e) {
      setAuditError(errorText(e));
    } finally {
      setLoadingAudit(false);
    }
  };
  useEffect(() => {
    loadAudit();
    // Reload from the newest page when the scorecard or its version changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, scorecardId, version]);

  return (
    <Box mt={3} data-testid="scorecard-changes">
      <InfoCard title="Changes">
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <Typography variant="subtitle1" component="h3">
              Versions
            </Typography>
            {versions.loading && <Progress />}
            {versions.error && (
              <Typography color="error" variant="body2">
                Versions unavailable: {errorText(versions.error)}
              </Typography>
            )}
            {versions.value && (
              <VersionsTable versions={versions.value} timezone={timezone} />
            )}
          </Grid>
          <Grid item xs={12} md={8}>
            <Typography variant="subtitle1" component="h3">
              Audit
            </Typography>
            {auditError && (
              <Typography color="error" variant="body2">
                Audit unavailable: {auditError}
              </Typography>
            )}
            {!loadingAudit && !auditError && audit.length === 0 && (
              <Typography variant="body2">No changes recorded.</Typography>
            )}
            {audit.length > 0 && (
              <Table size="small" aria-label="Scorecard audit">
                <TableHead>
                  <TableRow>
                    <TableCell>When</TableCell>
                    <TableCell>Who</TableCell>
                    <TableCell>What</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {audit.map((entry, i) => (
                    <TableRow key={`${entry.at}/${entry.subject}/${i}`}>
                      <TableCell>{formatInstant(entry.at, timezone)}</TableCell>
                      <TableCell>{entry.actor}</TableCell>
                      <TableCell>
                        {entry.action} {subjectText(entry)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {loadingAudit && <Progress />}
            {cursor && !loadingAudit && (
              <Button size="small" onClick={() => loadAudit(cursor)}>
                Load older changes
              </Button>
            )}
          </Grid>
        </Grid>
      </InfoCard>
    </Box>
  );
}
