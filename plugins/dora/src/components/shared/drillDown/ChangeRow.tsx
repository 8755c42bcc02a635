import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatDuration, formatInstant, NO_VALUE } from '../../format';
import { EventIdLinks, SourceLink } from './EventLinks';
import { ChangeItem, RowProps } from './rowTypes';
import { ServiceCell } from './ServiceCell';
import { leadTimeStartText } from './texts';

function notesOf(counting: ChangeItem['counting']): string[] {
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
  return notes;
}

export function ChangeRow(props: RowProps<ChangeItem>) {
  const { item, timezone, showEntity, onFollow } = props;
  const { event, counting } = item;
  const notes = notesOf(counting);
  return (
    <TableRow>
      <TableCell>{formatInstant(event.mergedAt ?? null, timezone)}</TableCell>
      <ServiceCell show={showEntity} entityRef={event.entityRef} />
      <TableCell>
        <Typography variant="body2">
          <SourceLink event={event}>
            {event.number ? `#${event.number} ` : ''}
            {event.title ?? event.id}
          </SourceLink>
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {[event.repository, event.author].filter(Boolean).join(' · ')}
        </Typography>
        {counting.excluded ? (
          <Box mt={0.5}>
            <Chip
              size="small"
              variant="outlined"
              label={`excluded: ${counting.excluded}`}
            />
          </Box>
        ) : null}
      </TableCell>
      <TableCell>{formatDuration(counting.leadTimeSeconds)}</TableCell>
      <TableCell>
        {counting.shippedBy ? (
          <>
            <Typography variant="body2" component="div">
              <EventIdLinks
                kind="deployment"
                ids={[counting.shippedBy.id]}
                onFollow={onFollow}
              />
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {formatInstant(counting.shippedBy.finishedAt, timezone)}
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
