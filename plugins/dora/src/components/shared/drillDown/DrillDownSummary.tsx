import Typography from '@material-ui/core/Typography';
import {
  DoraEventKind,
  DrillDownTotals,
} from '@dora-metrics/plugin-dora-common';
import { plural } from './tileDrillDown';

/** What the kind holds in the window, before any filter, in one line. */
export function totalsText(kind: DoraEventKind, totals: DrillDownTotals) {
  const all = plural(totals.events, kind);
  switch (kind) {
    case 'deployment': {
      const rate =
        totals.inChangeFailureRate === null
          ? ''
          : ` (of ${totals.inChangeFailureRate} in the change failure rate)`;
      return `${totals.counted} counted of ${all}, ${totals.failed ?? 0} failed${rate}`;
    }
    case 'change':
      return `${all}, ${totals.counted} behind the lead time`;
    default:
      return `${all}, ${totals.counted} resolved in the window`;
  }
}

/**
 * The totals of the kind (whatever the filters and the page) and how much of
 * the matching list is shown.
 */
export function DrillDownSummary(props: {
  kind: DoraEventKind;
  totals?: DrillDownTotals;
  matching?: number;
  shown: number;
}) {
  const { kind, totals, matching, shown } = props;
  return (
    <>
      {totals && (
        <Typography variant="subtitle1" component="p">
          {totalsText(kind, totals)}
        </Typography>
      )}
      {matching !== undefined && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Showing {shown} of {matching} matching
        </Typography>
      )}
    </>
  );
}
