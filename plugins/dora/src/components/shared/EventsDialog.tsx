import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import CloseIcon from '@material-ui/icons/Close';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { DoraEventKind } from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import { MetricsQuery } from '../../api/types';
import { DrillDownFilters } from './drillDown/DrillDownFilters';
import { DrillDownView } from './drillDown/drillDownParams';
import { DrillDownSummary } from './drillDown/DrillDownSummary';
import { EventsTable } from './drillDown/EventsTable';
import { drillDownTitle, kindNoun } from './drillDown/tileDrillDown';
import { useEventPages } from './drillDown/useEventPages';
import { DownloadEventsButton } from './csv/DownloadEventsButton';

export type { DrillDownView } from './drillDown/drillDownParams';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
}));

export interface EventsDialogProps {
  /** The list shown: kind, filters, order (kept in the URL by the caller). */
  view: DrillDownView;
  onViewChange: (view: DrillDownView) => void;
  onClose: () => void;
  entityRef?: string;
  groupRef?: string;
  query: MetricsQuery;
  timezone: string;
  pageSize?: number;
}

/**
 * The events behind a number, with how each was counted: the kind's totals,
 * filters, a page at a time. Ids of related events (an incident's failed
 * deployments, a deployment's changes) show their own list, with a way back.
 */
export function EventsDialog(props: EventsDialogProps) {
  const classes = useStyles();
  const theme = useTheme();
  const fullScreen = useMediaQuery(theme.breakpoints.down('xs'));
  const { view, onViewChange, onClose, entityRef, groupRef, timezone } = props;
  const pages = useEventPages(view, {
    entityRef,
    groupRef,
    query: props.query,
    pageSize: props.pageSize ?? 50,
  });
  // The lists left by following links, most recent last.
  const [trail, setTrail] = useState<DrillDownView[]>([]);
  const team = groupRef !== undefined;
  const title = drillDownTitle(view);
  const nouns = kindNoun[view.kind][1];

  const follow = (kind: DoraEventKind, ids: string[]) => {
    setTrail(previous => [...previous, view]);
    onViewChange({ kind, show: 'all', order: view.order, ids });
  };
  const back = () => {
    const previous = trail[trail.length - 1];
    setTrail(trail.slice(0, -1));
    onViewChange(previous);
  };
  const previous = trail[trail.length - 1];

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      fullScreen={fullScreen}
      aria-labelledby="dora-events-title"
    >
      <DialogTitle id="dora-events-title" disableTypography>
        <Box className={classes.title}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          <IconButton aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
      </DialogTitle>
      <DialogContent dividers>
        {(previous || view.ids) && (
          <Box mb={1}>
            {previous ? (
              <Button startIcon={<ArrowBackIcon />} onClick={back}>
                Back to {drillDownTitle(previous).toLocaleLowerCase('en-US')}
              </Button>
            ) : (
              <Button
                startIcon={<ArrowBackIcon />}
                onClick={() => onViewChange({ ...view, ids: undefined })}
              >
                Show all {nouns}
              </Button>
            )}
          </Box>
        )}
        <DrillDownSummary
          kind={view.kind}
          totals={pages.totals}
          matching={pages.matching}
          shown={pages.items.length}
        />
        {pages.items.length > 0 && (
          <DownloadEventsButton
            view={view}
            entityRef={entityRef}
            groupRef={groupRef}
            query={props.query}
          />
        )}
        <DrillDownFilters
          view={view}
          totals={pages.totals}
          team={team}
          onChange={onViewChange}
        />
        {pages.error && <ResponseErrorPanel error={pages.error} />}
        {!pages.loading && !pages.error && pages.items.length === 0 && (
          <Typography>
            {view.show === 'all' && !view.ids
              ? `No ${nouns} in this window.`
              : `No ${nouns} match.`}
          </Typography>
        )}
        {pages.items.length > 0 && (
          <EventsTable
            kind={view.kind}
            label={`${title}: ${nouns}`}
            items={pages.items}
            timezone={timezone}
            showEntity={team}
            order={view.order}
            onOrderChange={order => onViewChange({ ...view, order })}
            onFollow={follow}
          />
        )}
        {pages.loading && <Progress />}
        {!pages.loading && pages.cursor && (
          <Box mt={2} display="flex" justifyContent="center">
            <Button variant="outlined" color="primary" onClick={pages.loadMore}>
              Load more
            </Button>
          </Box>
        )}
      </DialogContent>
    </Dialog>
  );
}
