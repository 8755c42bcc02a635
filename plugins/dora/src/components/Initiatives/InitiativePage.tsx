import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  InitiativeEntry,
  InitiativeWeek,
} from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { doraApiRef } from '../../api/DoraApi';
import { rootRouteRef } from '../../routes';
import { formatPercent, plural } from '../format';
import { useDoraTabLink } from '../shared/doraTabLink';
import { ScrollTable } from '../shared/ScrollTable';
import { draftOf } from './initiativeDraft';
import { InitiativeForm } from './InitiativeForm';
import {
  daysLeftText,
  formatDay,
  missesText,
  ScorecardLookup,
  scopeText,
  standingText,
  targetText,
} from './initiativeText';
import { ProgressLine } from './InitiativeSummary';
import { useDoraPermissions } from '../shared/useDoraPermissions';
import { useScorecards } from './useScorecardLookup';

type WeekRow = InitiativeWeek & { id: string };

/** Now, at the start, the target, and what is still to do. */
function ProgressFacts(props: { entry: InitiativeEntry }) {
  const { initiative, progress } = props.entry;
  const facts: Array<[string, string]> = [
    ['Now', standingText(progress.now)],
    [
      'At the start',
      progress.start
        ? `${standingText(progress.start)}, week of ${formatDay(progress.start.at)}`
        : 'no data',
    ],
    ['Target', formatPercent(progress.targetShare)],
    [
      'Paid down',
      `${progress.paidDown} of ${progress.missingAtStart} that missed it at the start`,
    ],
    [
      'Way to target',
      progress.wayToTarget === null ? '—' : formatPercent(progress.wayToTarget),
    ],
    [
      'Still needed',
      progress.targetMet
        ? 'none: the target is met'
        : `${plural(progress.stillNeeded, 'more entity', 'more entities')} must meet it`,
    ],
    [
      'Deadline',
      `${formatDay(initiative.deadline)} (${daysLeftText(progress.daysLeft)})`,
    ],
  ];
  return (
    <Box component="dl" m={0} aria-label="Progress facts">
      {facts.map(([term, value]) => (
        <Box key={term} display="flex" style={{ gap: 8 }}>
          <Typography
            component="dt"
            variant="body2"
            style={{ fontWeight: 600 }}
          >
            {term}:
          </Typography>
          <Typography component="dd" variant="body2" style={{ margin: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function WeeksTable(props: { weeks: InitiativeWeek[]; target: number }) {
  const rows: WeekRow[] = props.weeks.map(w => ({ ...w, id: w.at }));
  return (
    <ScrollTable>
      <Table<WeekRow>
        title="Week by week"
        subtitle={`Share meeting the target each week, against ${formatPercent(props.target)}`}
        columns={[
          { title: 'Week of', field: 'at', render: r => formatDay(r.at) },
          { title: 'In scope', field: 'entities', type: 'numeric' },
          { title: 'Meeting', field: 'meeting', type: 'numeric' },
          {
            title: 'Share',
            field: 'share',
            render: r => formatPercent(r.share),
          },
          {
            title: 'Way to target',
            field: 'wayToTarget',
            render: r => formatPercent(r.wayToTarget),
          },
        ]}
        data={rows}
        options={{
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No week graded since the start yet.
          </Typography>
        }
      />
    </ScrollTable>
  );
}

type MissingRow = { id: string; entityRef: string; misses: string[] };

function MissingTable(props: {
  entry: InitiativeEntry;
  scorecard: ScorecardLookup;
}) {
  const { initiative, progress } = props.entry;
  const doraTab = useDoraTabLink();
  const scorecard = props.scorecard(initiative.target.scorecardId);
  const rows: MissingRow[] = progress.missing.map(m => ({
    ...m,
    id: m.entityRef,
  }));
  return (
    <ScrollTable>
      <Table<MissingRow>
        title="Still missing the target"
        subtitle="Each entity in scope that does not meet it now, and the rules it misses"
        columns={[
          {
            title: 'Entity',
            field: 'entityRef',
            render: r => <Link to={doraTab(r.entityRef)}>{r.entityRef}</Link>,
          },
          {
            title: 'Misses',
            field: 'misses',
            render: r => missesText(r.misses, initiative.target, scorecard),
          },
        ]}
        data={rows}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          search: rows.length > 10,
          padding: 'dense',
        }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            Every entity in scope meets the target.
          </Typography>
        }
      />
    </ScrollTable>
  );
}

function DeleteDialog(props: {
  title: string;
  onCancel: () => void;
  onDelete: () => Promise<void>;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open
      onClose={props.onCancel}
      aria-labelledby="initiative-delete-title"
    >
      <DialogTitle id="initiative-delete-title">Delete initiative</DialogTitle>
      <DialogContent>
        <Typography>
          Delete “{props.title}” and its progress history?
        </Typography>
        {error && (
          <Alert severity="error" role="alert">
            The API refused it: {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await props.onDelete();
            } catch (e) {
              setError((e as Error).message);
              setBusy(false);
            }
          }}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** An initiative's page: progress now, at the start and week by week, and who still misses it. */
export function InitiativePage() {
  const { initiativeId = '' } = useParams();
  const api = useApi(doraApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const { canManage } = useDoraPermissions();
  const scorecards = useScorecards();
  const [dialog, setDialog] = useState<'edit' | 'delete'>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getInitiative(initiativeId),
    [api, initiativeId],
  );

  const back = <Link to={rootLink()}>All initiatives on the DORA page</Link>;
  if (loading && !value) return <Progress />;
  if (error || !value) {
    return (
      <>
        {back}
        <ResponseErrorPanel error={error ?? new Error('Not found')} />
      </>
    );
  }
  const { initiative, progress } = value;
  const scorecard = scorecards.lookup(initiative.target.scorecardId);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {back}
        <Box display="flex" alignItems="center" mt={1} style={{ gap: 16 }}>
          <Typography variant="h4" component="h2">
            {initiative.title}
          </Typography>
          {canManage && (
            <>
              <Button variant="outlined" onClick={() => setDialog('edit')}>
                Edit
              </Button>
              <Button
                variant="outlined"
                color="secondary"
                onClick={() => setDialog('delete')}
              >
                Delete
              </Button>
            </>
          )}
        </Box>
        {initiative.description && (
          <Typography variant="body1">{initiative.description}</Typography>
        )}
        <Typography variant="body2">
          Target: {targetText(initiative, scorecard)} · Scope:{' '}
          {scopeText(initiative.scope)} · Owner: {initiative.owner} · From{' '}
          {formatDay(initiative.startsAt)}
        </Typography>
      </Grid>
      <Grid item xs={12} md={6} component="section" aria-label="Progress">
        <InfoCard title="Progress">
          <ProgressLine progress={progress} title={initiative.title} />
          <Box mt={2}>
            <ProgressFacts entry={value} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6} component="section" aria-label="Week by week">
        <WeeksTable weeks={progress.weeks} target={progress.targetShare} />
      </Grid>
      <Grid
        item
        xs={12}
        component="section"
        aria-label="Still missing the target"
      >
        <MissingTable entry={value} scorecard={scorecards.lookup} />
      </Grid>
      {dialog === 'edit' && (
        <InitiativeForm
          open
          editing
          initial={draftOf(initiative)}
          scorecards={scorecards.entries}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            retry();
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteDialog
          title={initiative.title}
          onCancel={() => setDialog(undefined)}
          onDelete={async () => {
            await api.deleteInitiative(initiative.id);
            navigate(rootLink());
          }}
        />
      )}
    </Grid>
  );
}
