import { TableColumn } from '@backstage/core-components';
import { RollupEntityRow } from '@dora-metrics/plugin-dora-common';
import {
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
} from '../format';
import { BandChip } from './Chips';

type MetricRow = Pick<
  RollupEntityRow,
  'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore'
>;

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

function Metric(props: { value: string; band: MetricRow['leadTime']['band'] }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <span>{props.value}</span>
      <BandChip band={props.band} />
    </div>
  );
}

/** The four metric columns shared by the services and sub-teams tables. */
export function metricColumns<T extends MetricRow>(): TableColumn<T>[] {
  return [
    {
      title: 'Deployment frequency',
      field: 'deploymentFrequency.perDay',
      customSort: byNumber<T>(r => r.deploymentFrequency.perDay),
      render: r => (
        <Metric
          value={formatDeploymentFrequency(r.deploymentFrequency)}
          band={r.deploymentFrequency.band}
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
          band={r.leadTime.band}
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
          band={r.changeFailureRate.band}
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
          band={r.timeToRestore.band}
        />
      ),
    },
  ];
}

/** How many services a team row pools, shared by the teams and sub-teams tables. */
export function serviceCountColumn<
  T extends { entities: unknown[] },
>(): TableColumn<T> {
  return {
    title: 'Services',
    field: 'entities.length',
    customSort: (a, b) => a.entities.length - b.entities.length,
    render: r => r.entities.length,
  };
}
