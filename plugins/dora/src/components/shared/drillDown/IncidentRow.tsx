import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatDuration, formatInstant } from '../../format';
import { EventIdLinks, SourceLink } from './EventLinks';
import { IncidentItem, RowProps } from './rowTypes';
import { ServiceCell } from './ServiceCell';

export function IncidentRow(props: RowProps<IncidentItem>) {
  const { item, timezone, showEntity, onFollow } = props;
  const { event, counting } = item;
  let restore = formatDuration(counting.restoreSeconds);
  if (counting.openAtWindowEnd) restore = 'Still open at the window’s end';
  else if (!counting.resolvedInWindow) restore = 'Not resolved in this window';
  return (
    <TableRow>
      <TableCell>{formatInstant(event.openedAt, timezone)}</TableCell>
      <ServiceCell show={showEntity} entityRef={event.entityRef} />
      <TableCell>
        <Typography variant="body2">
          <SourceLink event={event}>{event.title ?? event.id}</SourceLink>
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {[event.id, event.severity, event.source].filter(Boolean).join(' · ')}
        </Typography>
      </TableCell>
      <TableCell>{restore}</TableCell>
      <TableCell>{formatInstant(event.resolvedAt ?? null, timezone)}</TableCell>
      <TableCell>
        <EventIdLinks
          kind="deployment"
          ids={counting.failedDeploymentIds}
          onFollow={onFollow}
        />
      </TableCell>
    </TableRow>
  );
}
