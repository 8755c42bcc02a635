import { TableColumn } from '@backstage/core-components';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
} from '../format';
import { caveatsOf, RatedRow, ratingOf } from './caveats';
import { BandChip, CaveatChips } from './Chips';
import { TileKind } from './metricDocs';

/** `null` sorts last whichever way a column is sorted. */
const byNumber =
  <T,>(read: (row: T) => number | null) =>
  (a: T, b: T) => {
    const x = read(a);
    const y = read(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x - y;
  };

/** A value and its band; a doubted value gets "Not rated" instead of a band. */
function Metric(props: { value: string; row: RatedRow; kind: TileKind }) {
  const { band, notRated } = ratingOf(props.row, props.kind);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <span>{props.value}</span>
      <BandChip band={band} notRated={notRated} metric={props.kind} />
    </div>
  );
}

/**
 * The four metric columns shared by the services and sub-teams tables, and
 * a last column with the row's caveats (measured from pull requests, no
 * incident source, zero failures, small sample).
 */
export function metricColumns<T extends RatedRow>(): TableColumn<T>[] {
  return [
    {
      title: 'Deployment frequency',
      field: 'deploymentFrequency.perDay',
      customSort: byNumber<T>(r => r.deploymentFrequency.perDay),
      render: r => (
        <Metric
          value={formatDeploymentFrequency(r.deploymentFrequency)}
          row={r}
          kind="deploymentFrequency"
        />
      ),
    },
    {
      title: 'Lead time',
      field: 'leadTime.median',
      customSort: byNumber<T>(r => r.leadTime.median),
      render: r => (
        <Metric
          value={formatDuration(r.leadTime.median)}
          row={r}
          kind="leadTime"
        />
      ),
    },
    {
      title: 'Change failure rate',
      field: 'changeFailureRate.ratio',
      customSort: byNumber<T>(r => r.changeFailureRate.ratio),
      render: r => (
        <Metric
          value={formatPercent(r.changeFailureRate.ratio)}
          row={r}
          kind="changeFailureRate"
        />
      ),
    },
    {
      title: 'Time to restore',
      field: 'timeToRestore.median',
      customSort: byNumber<T>(r => r.timeToRestore.median),
      render: r => (
        <Metric
          value={formatDuration(r.timeToRestore.median)}
          row={r}
          kind="timeToRestore"
        />
      ),
    },
    caveatsColumn<T>(),
  ];
}

/** The caveats of a row's numbers as named chips; sorts rows with fewer first. */
export function caveatsColumn<T extends RatedRow>(): TableColumn<T> {
  return {
    title: 'Caveats',
    sorting: true,
    customSort: (a, b) => caveatsOf(a).length - caveatsOf(b).length,
    render: r => <CaveatChips caveats={caveatsOf(r)} />,
  };
}

/** "12 (8 %)": a count and its share of a pooled total; the count alone when the total is 0. */
export function shareText(count: number, pooled: number): string {
  if (pooled <= 0) return String(count);
  return `${count} (${formatPercent(count / pooled)})`;
}

/**
 * Each service's deployments as a share of the team's pooled count, so a
 * team's number shows whose deployments it is made of: `12 (8 %)`.
 */
export function shareColumn<
  T extends { deploymentFrequency: { count: number } },
>(pooled: number | { deploymentFrequency: { count: number } }): TableColumn<T> {
  const total =
    typeof pooled === 'number' ? pooled : pooled.deploymentFrequency.count;
  return {
    title: 'Deployments (share of team)',
    // Its own name (in a URL's sort too), not the frequency column's field.
    field: 'deploymentShare',
    customSort: (a, b) =>
      a.deploymentFrequency.count - b.deploymentFrequency.count,
    render: r => shareText(r.deploymentFrequency.count, total),
  };
}

/** How many services a pooled team row counts (sub-teams included), for the teams and sub-teams tables. */
export function serviceCountColumn<
  T extends { serviceCount: number },
>(): TableColumn<T> {
  return { title: 'Services', field: 'serviceCount' };
}
