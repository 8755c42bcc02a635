import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  InitiativeEntry,
  InitiativeProgress,
} from '@dora-metrics/plugin-dora-common';
import { ReactNode } from 'react';
import { initiativeRouteRef } from '../../routes';
import {
  daysLeftText,
  formatDay,
  progressText,
  progressValue,
  ScorecardLookup,
  targetText,
} from './initiativeText';

/** The progress bar with its words beside it ("paid down 12 of 30 …"). */
export function ProgressLine(props: {
  progress: InitiativeProgress;
  title: string;
}) {
  const { progress, title } = props;
  const text = progressText(progress);
  const slipped = (progress.wayToTarget ?? 0) < 0;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      <Box flex="0 0 160px">
        <LinearProgress
          variant="determinate"
          value={progressValue(progress)}
          color={slipped ? 'secondary' : 'primary'}
          aria-label={`Progress of ${title}`}
          aria-valuetext={text}
        />
      </Box>
      <Typography variant="body2" color={slipped ? 'error' : 'textPrimary'}>
        {text}
      </Typography>
    </Box>
  );
}

/** One initiative in a list: its title (a link to its page), target, owner, deadline and progress. */
export function InitiativeSummary(props: {
  entry: InitiativeEntry;
  scorecard: ScorecardLookup;
  /** More lines, e.g. how a team stands. */
  children?: ReactNode;
}) {
  const { initiative, progress } = props.entry;
  const link = useRouteRef(initiativeRouteRef);
  return (
    <Box component="li" mb={2} aria-label={initiative.title}>
      <Typography variant="subtitle1" component="h3">
        <Link to={link({ initiativeId: initiative.id })}>
          {initiative.title}
        </Link>
      </Typography>
      <Typography variant="body2">
        Target:{' '}
        {targetText(initiative, props.scorecard(initiative.target.scorecardId))}
      </Typography>
      <Typography variant="body2">
        Owner: {initiative.owner} · Deadline: {formatDay(initiative.deadline)} (
        {daysLeftText(progress.daysLeft)})
      </Typography>
      <ProgressLine progress={progress} title={initiative.title} />
      {props.children}
    </Box>
  );
}
