import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatInstant, NO_VALUE } from '../../format';
import { EventIdLinks, SourceLink } from './EventLinks';
import { DeploymentItem, RowProps } from './rowTypes';
import { ServiceCell } from './ServiceCell';
import { failureSignalText, statusText } from './texts';

const useStyles = makeStyles(theme => ({
  failed: {
    backgroundColor: theme.palette.type === 'dark' ? '#4a1c1c' : '#fdecea',
  },
}));

export function DeploymentRow(props: RowProps<DeploymentItem>) {
  const classes = useStyles();
  const { item, timezone, showEntity, onFollow } = props;
  const { event, counting } = item;
  return (
    <TableRow className={counting.failed ? classes.failed : undefined}>
      <TableCell>{formatInstant(event.finishedAt, timezone)}</TableCell>
      <ServiceCell show={showEntity} entityRef={event.entityRef} />
      <TableCell>
        <Typography variant="body2">
          <SourceLink event={event}>{event.id}</SourceLink>
        </Typography>
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
              {counting.incidentIds.length > 0 && (
                <>
                  {' ('}
                  <EventIdLinks
                    kind="incident"
                    ids={counting.incidentIds}
                    onFollow={onFollow}
                  />
                  )
                </>
              )}
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
        <EventIdLinks
          kind="change"
          ids={counting.shippedChangeIds}
          onFollow={onFollow}
        />
      </TableCell>
    </TableRow>
  );
}
