import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { DoraEventKind, EventsOrder } from '@dora-metrics/plugin-dora-common';
import { DoraEventItem } from '../../../api/types';
import { ChangeRow } from './ChangeRow';
import { DeploymentRow } from './DeploymentRow';
import { FollowEvents } from './EventLinks';
import { IncidentRow } from './IncidentRow';
import { ChangeItem, DeploymentItem, IncidentItem } from './rowTypes';

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

/**
 * The rows of a drill-down; the time column sorts. It scrolls sideways
 * inside the dialog on a narrow screen rather than squeezing its columns.
 */
export function EventsTable(props: {
  kind: DoraEventKind;
  label: string;
  items: DoraEventItem[];
  timezone: string;
  showEntity: boolean;
  order: EventsOrder;
  onOrderChange: (order: EventsOrder) => void;
  onFollow: FollowEvents;
}) {
  const { kind, items, timezone, showEntity, order, onFollow } = props;
  const [time, ...rest] = headers[kind];
  const columns = showEntity ? ['Service', ...rest] : rest;
  const row = { timezone, showEntity, onFollow };
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            <TableCell
              style={{ whiteSpace: 'nowrap' }}
              sortDirection={order === 'newest' ? 'desc' : 'asc'}
            >
              <TableSortLabel
                active
                direction={order === 'newest' ? 'desc' : 'asc'}
                onClick={() =>
                  props.onOrderChange(order === 'newest' ? 'oldest' : 'newest')
                }
              >
                {time}
              </TableSortLabel>
            </TableCell>
            {columns.map(header => (
              <TableCell key={header} style={{ whiteSpace: 'nowrap' }}>
                {header}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const key = `${item.event.kind}/${item.event.source}/${item.event.id}/${item.event.entityRef}`;
            switch (item.event.kind) {
              case 'deployment':
                return (
                  <DeploymentRow
                    key={key}
                    item={item as DeploymentItem}
                    {...row}
                  />
                );
              case 'change':
                return (
                  <ChangeRow key={key} item={item as ChangeItem} {...row} />
                );
              default:
                return (
                  <IncidentRow key={key} item={item as IncidentItem} {...row} />
                );
            }
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
