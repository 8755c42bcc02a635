import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Band,
  BandDistribution,
  MoverMetric,
  MoverRow,
} from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import { BandChip } from '../shared/Chips';
import { useDoraTabLink } from '../shared/doraTabLink';
import { ScrollTable } from '../shared/ScrollTable';
import { changeText, fromToText, sampleText } from './moverTexts';

/** Rows shown before "Show all": a page of hundreds of services stays short. */
const SHOWN_FIRST = 10;

/** Teams or services: what a table of movers lists. */
export type MoverScope = 'teams' | 'services';

const scopeColumn: Record<MoverScope, string> = {
  teams: 'Team',
  services: 'Service',
};

/** A row's name, a link to its DORA tab. */
function MoverName(props: { row: MoverRow; scope: MoverScope }) {
  const doraTab = useDoraTabLink();
  const { row, scope } = props;
  const kind = scope === 'teams' ? 'group' : 'component';
  const name = row.title ?? parseEntityRef(row.ref, { defaultKind: kind }).name;
  return <Link to={doraTab(row.ref, kind)}>{name}</Link>;
}

/** The band before and now, each chip naming its band. */
function BandsCell(props: {
  metric: MoverMetric;
  then: Band | null;
  now: Band | null;
}) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <BandChip band={props.then} metric={props.metric} />
      <span aria-hidden>→</span>
      <BandChip band={props.now} metric={props.metric} />
    </Box>
  );
}

/**
 * Teams or services of one metric with their change, previous → current
 * value, events behind each side and bands; the first ten until "Show all".
 */
export function MoverTable(props: {
  label: string;
  rows: MoverRow[];
  metric: MoverMetric;
  scope: MoverScope;
  /** What the table says when it has no row. */
  empty: string;
}) {
  const { label, rows, metric, scope, empty } = props;
  const [all, setAll] = useState(false);
  const shown = all ? rows : rows.slice(0, SHOWN_FIRST);
  return (
    <>
      <ScrollTable>
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>{scopeColumn[scope]}</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Before → now</TableCell>
              <TableCell>Events</TableCell>
              <TableCell>Band before → now</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography variant="body2" color="textSecondary">
                    {empty}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {shown.map(row => {
              const change = row.changes[metric];
              return (
                <TableRow key={row.ref}>
                  <TableCell>
                    <MoverName row={row} scope={scope} />
                  </TableCell>
                  <TableCell>{changeText(change)}</TableCell>
                  <TableCell>{fromToText(change)}</TableCell>
                  <TableCell>{sampleText(change)}</TableCell>
                  <TableCell>
                    <BandsCell
                      metric={metric}
                      then={change.previousBand}
                      now={change.currentBand}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollTable>
      {rows.length > SHOWN_FIRST && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN_FIRST}` : `Show all ${rows.length}`}
        </Button>
      )}
    </>
  );
}

const bandOrder: Array<Band | 'none'> = [
  'elite',
  'high',
  'medium',
  'low',
  'none',
];

/** How many services sit in each band now and in the previous window. */
export function BandDistributionTable(props: {
  label: string;
  metric: MoverMetric;
  distribution: BandDistribution;
}) {
  const { label, metric, distribution } = props;
  return (
    <ScrollTable>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Band</TableCell>
            <TableCell align="right">Before</TableCell>
            <TableCell align="right">Now</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {bandOrder.map(band => (
            <TableRow key={band}>
              <TableCell>
                <BandChip
                  band={band === 'none' ? null : band}
                  metric={metric}
                />
              </TableCell>
              <TableCell align="right">{distribution.then[band]}</TableCell>
              <TableCell align="right">{distribution.now[band]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}
