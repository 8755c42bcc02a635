import Typography from '@material-ui/core/Typography';
import { GradedRuleStatus } from '@dora-metrics/plugin-dora-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ScorecardResultRecord } from '../../api/types';
import { formatInstant } from '../format';
import { gradedStatusLabel } from './Chips';
import { ChartBox } from './ChartBox';
import { ChartFigure, EmptyChart } from './Charts';

/** Stack order, best first; each drawn in its own colour and named in words. */
const STATUSES: GradedRuleStatus[] = ['pass', 'warn', 'fail', 'no-data'];

const STATUS_COLORS: Record<GradedRuleStatus, string> = {
  pass: '#2e7d32',
  warn: '#f9a825',
  fail: '#c62828',
  'no-data': '#9e9e9e',
  exempt: '#1565c0',
};

/** The statuses to draw: `exempt` only when an exemption applied at some evaluation. */
function statusesOf(history: ScorecardResultRecord[]): GradedRuleStatus[] {
  const anyExempt = history.some(record =>
    record.result.rules.some(rule => rule.status === 'exempt'),
  );
  return anyExempt ? [...STATUSES, 'exempt'] : STATUSES;
}

/** Rules per status at each evaluation (counted rules only), oldest first. */
export function complianceRows(
  history: ScorecardResultRecord[],
  timezone: string,
) {
  const statuses = statusesOf(history);
  return history.map(record => {
    const row: Record<string, string | number> = {
      label: formatInstant(record.evaluatedAt, timezone),
    };
    for (const status of statuses) {
      row[status] = record.result.rules.filter(
        rule => rule.status === status,
      ).length;
    }
    return row;
  });
}

/** The latest evaluation in words. */
function summary(
  rows: ReturnType<typeof complianceRows>,
  statuses: GradedRuleStatus[],
): string {
  const last = rows[rows.length - 1];
  return statuses.map(s => `${gradedStatusLabel(s)} ${last[s]}`).join(', ');
}

/**
 * A scorecard's evaluations of one entity as stacked bars of rules passing,
 * warning, failing and without data; legend and tooltip name each status in
 * words, not by colour alone.
 */
export function ComplianceHistoryChart(props: {
  history: ScorecardResultRecord[];
  title: string;
  timezone: string;
  emptyReason: string;
  width?: number;
  height?: number;
  tooltipIndex?: number;
}) {
  const { history, title, timezone } = props;
  const height = props.height ?? 180;
  if (history.length === 0) {
    return (
      <ChartFigure title={title}>
        <EmptyChart reason={props.emptyReason} height={height / 2} />
      </ChartFigure>
    );
  }
  const rows = complianceRows(history, timezone);
  const statuses = statusesOf(history);
  return (
    <ChartFigure title={title}>
      <ChartBox height={height} width={props.width}>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis
            allowDecimals={false}
            label={{
              value: 'rules',
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            defaultIndex={props.tooltipIndex}
            formatter={(value: unknown, name: unknown) => [
              `${value} ${value === 1 ? 'rule' : 'rules'}`,
              String(name),
            ]}
          />
          <Legend
            itemSorter={item =>
              statuses.map(gradedStatusLabel).indexOf(String(item.value))
            }
          />
          {statuses.map(status => (
            <Bar
              key={status}
              dataKey={status}
              name={gradedStatusLabel(status)}
              stackId="status"
              fill={STATUS_COLORS[status]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartBox>
      <Typography variant="caption" color="textSecondary">
        Latest: {summary(rows, statuses)}
      </Typography>
    </ChartFigure>
  );
}
