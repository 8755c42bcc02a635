import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChangeCounting,
  DeploymentCounting,
  DoraEventKind,
  ExplainedFailure,
} from '@dora-metrics/plugin-dora-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { doraApiRef } from '../../api/DoraApi';
import { DoraEventItem, MetricsQuery } from '../../api/types';
import { formatDuration, formatInstant, NO_VALUE } from '../format';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  failed: {
    backgroundColor: theme.palette.type === 'dark' ? '#4a1c1c' : '#fdecea',
  },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

export const failureSignalText: Record<ExplainedFailure, string> = {
  'incident-names-deployment': 'an incident names this deployment',
  'incident-names-change': 'an incident names a change it shipped',
  'incident-in-attribution-window':
    'an incident opened within the attribution window after it',
  'rolled-back': 'it was rolled back',
  'change-reverted': 'a change it shipped was reverted',
  'pipeline-run-failed': 'the production run failed (pipeline mode)',
};

const deploymentStatusText: Record<DeploymentCounting['status'], string> = {
  counted: 'Counted',
  redeploy: 'Redeploy of the same version: not counted',
  'not-production': 'Not a production environment: not counted',
  'not-successful': 'Not successful: not counted',
};

/** What a deployment row counts for, in words. */
function statusText(counting: DeploymentCounting): string {
  if (counting.fromMerge) {
    return 'Counted: a merge stands in for a deployment (pull-request mode)';
  }
  if (counting.status === 'not-successful' && counting.inChangeFailureRate) {
    return 'Failed run: counted in the change failure rate (pipeline mode)';
  }
  return deploymentStatusText[counting.status];
}

const leadTimeStartText: Record<
  NonNullable<ChangeCounting['leadTimeStart']>,
  string
> = {
  firstCommitAt: 'from the first commit',
  openedAt: 'from the pull request’s opening (no first commit)',
  mergedAt: 'from the merge (no first commit, no opening)',
};

type DeploymentItem = Extract<DoraEventItem, { event: { kind: 'deployment' } }>;
type ChangeItem = Extract<DoraEventItem, { event: { kind: 'change' } }>;
type IncidentItem = Extract<DoraEventItem, { event: { kind: 'incident' } }>;

const kindNoun: Record<DoraEventKind, string> = {
  deployment: 'deployments',
  change: 'changes',
  incident: 'incidents',
};

function DeploymentRow(props: {
  item: DeploymentItem;
  timezone: string;
  showEntity: boolean;
}) {
  const classes = useStyles();
  const { event, counting } = props.item;
  return (
    <TableRow className={counting.failed ? classes.failed : undefined}>
      <TableCell>{formatInstant(event.finishedAt, props.timezone)}</TableCell>
      {props.showEntity && (
        <TableCell>
          <EntityRefLink entityRef={event.entityRef} />
        </TableCell>
      )}
      <TableCell>
        <Typography variant="body2">{event.id}</Typography>
        <Typography variant="caption" color="textSecondary">
          {[event.version, event.environment, event.status]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      </TableCell>
      <TableCell>{statusText(counting)}</TableCell>
      <TableCell>
        {counting.failed ? (
          <>
            <Chip
              size="small"
              label={counting.inChangeFailureRate ? 'Failed change' : 'Failed'}
              color="secondary"
            />
            <Typography variant="body2" component="div">
              Because{' '}
              {counting.failureSignals
                .map(s => failureSignalText[s])
                .join('; ')}
              {counting.incidentIds.length > 0 &&
                ` (${counting.incidentIds.join(', ')})`}
            </Typography>
          </>
        ) : (
          <Typography variant="body2">
            {counting.inChangeFailureRate ? 'No failure' : NO_VALUE}
          </Typography>
        )}
        {counting.rework && (
          <Chip size="small" variant="outlined" label="Rework" />
        )}
      </TableCell>
      <TableCell>
        {counting.shippedChangeIds.length > 0
          ? counting.shippedChangeIds.join(', ')
          : NO_VALUE}
      </TableCell>
    </TableRow>
  );
}

function ChangeRow(props: {
  item: ChangeItem;
  timezone: string;
  showEntity: boolean;
}) {
  const { event, counting } = props.item;
  const notes: string[] = [];
  if (counting.leadTimeExcluded === 'negative') {
    notes.push('deployed before its first commit: left out of lead time');
  }
  if (counting.leadTimeExcluded === 'no-start') {
    notes.push('no start instant: left out of lead time');
  }
  if (counting.leadTimeStart && counting.leadTimeStart !== 'firstCommitAt') {
    notes.push(`lead time ${leadTimeStartText[counting.leadTimeStart]}`);
  }
  if (counting.revertedBy.length > 0) {
    notes.push(`reverted by ${counting.revertedBy.join(', ')}`);
  }
  return (
    <TableRow>
      <TableCell>
        {formatInstant(event.mergedAt ?? null, props.timezone)}
      </TableCell>
      {props.showEntity && (
        <TableCell>
          <EntityRefLink entityRef={event.entityRef} />
        </TableCell>
      )}
      <TableCell>
        <Typography variant="body2">
          {event.number ? `#${event.number} ` : ''}
          {event.title ?? event.id}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {[event.repository, event.author].filter(Boolean).join(' · ')}
        </Typography>
      </TableCell>
      <TableCell>{formatDuration(counting.leadTimeSeconds)}</TableCell>
      <TableCell>
        {counting.shippedBy ? (
          <>
            <Typography variant="body2">{counting.shippedBy.id}</Typography>
            <Typography variant="caption" color="textSecondary">
              {formatInstant(counting.shippedBy.finishedAt, props.timezone)}
            </Typography>
          </>
        ) : (
          'Not deployed yet'
        )}
      </TableCell>
      <TableCell>{notes.length > 0 ? notes.join('; ') : NO_VALUE}</TableCell>
    </TableRow>
  );
}

function IncidentRow(props: {
  item: IncidentItem;
  timezone: string;
  showEntity: boolean;
}) {
  const { event, counting } = props.item;
  let restore = formatDuration(counting.restoreSeconds);
  if (counting.openAtWindowEnd) restore = 'Still open at the window’s end';
  else if (!counting.resolvedInWindow) restore = 'Not resolved in this window';
  return (
    <TableRow>
      <TableCell>{formatInstant(event.openedAt, props.timezone)}</TableCell>
      {props.showEntity && (
        <TableCell>
          <EntityRefLink entityRef={event.entityRef} />
        </TableCell>
      )}
      <TableCell>
        <Typography variant="body2">{event.title ?? event.id}</Typography>
        <Typography variant="caption" color="textSecondary">
          {[event.id, event.severity, event.source].filter(Boolean).join(' · ')}
        </Typography>
      </TableCell>
      <TableCell>{restore}</TableCell>
      <TableCell>
        {formatInstant(event.resolvedAt ?? null, props.timezone)}
      </TableCell>
      <TableCell>
        {counting.failedDeploymentIds.length > 0
          ? counting.failedDeploymentIds.join(', ')
          : NO_VALUE}
      </TableCell>
    </TableRow>
  );
}

const headers: Record<DoraEventKind, string[]> = {
  deployment: [
    'Finished',
    'Deployment',
    'Counted',
    'Failed change',
    'Changes shipped',
  ],
  change: ['Merged', 'Change', 'Lead time', 'Shipped by', 'Notes'],
  incident: [
    'Opened',
    'Incident',
    'Time to restore',
    'Resolved',
    'Failed deployments',
  ],
};

export interface EventsDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  entityRef?: string;
  groupRef?: string;
  kind: DoraEventKind;
  query: MetricsQuery;
  timezone: string;
  pageSize?: number;
}

/** The events behind a number, with how each was counted, a page at a time. */
export function EventsDialog(props: EventsDialogProps) {
  const classes = useStyles();
  const doraApi = useApi(doraApiRef);
  const {
    open,
    onClose,
    title,
    entityRef,
    groupRef,
    kind,
    query,
    timezone,
    pageSize = 50,
  } = props;
  const [items, setItems] = useState<DoraEventItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const generation = useRef(0);

  const load = useCallback(
    async (from: string | undefined, reset: boolean) => {
      const current = ++generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await doraApi.getEvents({
          entityRef,
          groupRef,
          kind,
          from: query.from,
          to: query.to,
          timezone: query.timezone,
          limit: pageSize,
          cursor: from,
        });
        if (current !== generation.current) return;
        setItems(previous =>
          reset ? page.items : [...previous, ...page.items],
        );
        setCursor(page.nextCursor);
      } catch (e) {
        if (current === generation.current) setError(e as Error);
      } finally {
        if (current === generation.current) setLoading(false);
      }
    },
    [
      doraApi,
      entityRef,
      groupRef,
      kind,
      query.from,
      query.to,
      query.timezone,
      pageSize,
    ],
  );

  useEffect(() => {
    if (!open) return;
    setItems([]);
    setCursor(null);
    load(undefined, true);
  }, [open, load]);

  const showEntity = groupRef !== undefined;
  const columns = showEntity
    ? [headers[kind][0], 'Service', ...headers[kind].slice(1)]
    : headers[kind];
  const failed = items.filter(
    i => i.event.kind === 'deployment' && (i as DeploymentItem).counting.failed,
  ).length;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="dora-events-title"
    >
      <DialogTitle id="dora-events-title" disableTypography>
        <Box className={classes.title}>
          <Typography variant="h6" component="h2">
            {title}: the {kindNoun[kind]} behind it
          </Typography>
          <IconButton aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
      </DialogTitle>
      <DialogContent dividers>
        {kind === 'deployment' && items.length > 0 && (
          <Typography variant="body2" paragraph>
            {items.length} deployments shown, {failed} of them failed changes.
          </Typography>
        )}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && items.length === 0 && (
          <Typography>No {kindNoun[kind]} in this window.</Typography>
        )}
        {items.length > 0 && (
          <Table size="small" aria-label={`${title}: ${kindNoun[kind]}`}>
            <TableHead>
              <TableRow>
                {columns.map(header => (
                  <TableCell key={header} style={{ whiteSpace: 'nowrap' }}>
                    {header}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(item => {
                const key = `${item.event.kind}/${item.event.source}/${item.event.id}`;
                switch (item.event.kind) {
                  case 'deployment':
                    return (
                      <DeploymentRow
                        key={key}
                        item={item as DeploymentItem}
                        timezone={timezone}
                        showEntity={showEntity}
                      />
                    );
                  case 'change':
                    return (
                      <ChangeRow
                        key={key}
                        item={item as ChangeItem}
                        timezone={timezone}
                        showEntity={showEntity}
                      />
                    );
                  default:
                    return (
                      <IncidentRow
                        key={key}
                        item={item as IncidentItem}
                        timezone={timezone}
                        showEntity={showEntity}
                      />
                    );
                }
              })}
            </TableBody>
          </Table>
        )}
        {loading && <Progress />}
        {!loading && cursor && (
          <Box mt={2} display="flex" justifyContent="center">
            <Button
              variant="outlined"
              color="primary"
              onClick={() => load(cursor, false)}
            >
              Load more
            </Button>
          </Box>
        )}
      </DialogContent>
    </Dialog>
  );
}
