import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Bucket,
  LeadTimeBreakdown,
  SeriesPoint,
} from '@dora-metrics/plugin-dora-common';
import { ReactElement, ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  formatBucketLabel,
  isPartialBucket,
  formatDuration,
  formatPercent,
  NO_VALUE,
} from '../format';
import { ChartBox } from './ChartBox';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { marginBottom: theme.spacing(1) },
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    justifyContent: 'start',
    columnGap: theme.spacing(2),
    margin: theme.spacing(1, 0, 0, 0),
    '& dd': { margin: 0, fontWeight: 600 },
  },
}));

const HOURS = 3600;
const COLORS = {
  deployments: '#1565c0',
  leadTime: '#6a1b9a',
  cfr: '#c62828',
  ttr: '#ef6c00',
  coding: '#1565c0',
  pickup: '#00838f',
  review: '#6a1b9a',
  deploy: '#ef6c00',
};

/** A chart with a visible caption that also names it for assistive technology. */
export function ChartFigure(props: {
  title: string;
  children: ReactNode;
  height?: number;
  width?: number;
}) {
  const classes = useStyles();
  const { title, children } = props;
  return (
    <figure className={classes.figure} aria-label={title}>
      <Typography
        component="figcaption"
        variant="subtitle2"
        className={classes.caption}
      >
        {title}
      </Typography>
      {children}
    </figure>
  );
}

interface ChartProps {
  series: SeriesPoint[];
  timezone: string;
  bucket: Bucket;
  /** Fixed width, for tests and small places; by default the container's. */
  width?: number;
  height?: number;
}

const bucketWord: Record<Bucket, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
};

/** A partial bucket's label ends with `*` (see `partialNote`). */
function rows(series: SeriesPoint[], timezone: string, bucket: Bucket) {
  return series.map(point => ({
    label: `${formatBucketLabel(point.start, timezone, bucket)}${
      isPartialBucket(point, timezone, bucket) ? '*' : ''
    }`,
    deployments: point.deployments,
    leadTimeHours:
      point.leadTimeMedian === null ? null : point.leadTimeMedian / HOURS,
    leadTimeMedian: point.leadTimeMedian,
    cfrPercent:
      point.changeFailureRate === null ? null : point.changeFailureRate * 100,
    changeFailureRate: point.changeFailureRate,
    ttrHours:
      point.timeToRestoreMedian === null
        ? null
        : point.timeToRestoreMedian / HOURS,
    timeToRestoreMedian: point.timeToRestoreMedian,
  }));
}

type Row = ReturnType<typeof rows>[number];

/** Tooltip text from the row's own value, in human units. */
function tooltip(read: (row: Row) => string, name: string) {
  return (_value: unknown, _name: unknown, item: { payload?: Row }) =>
    [item.payload ? read(item.payload) : NO_VALUE, name] as [string, string];
}

/** Says which buckets are cut by the window, so a low first or last value is not read as a drop. */
function partialNote(props: ChartProps): ReactNode {
  const cut = props.series.some(point =>
    isPartialBucket(point, props.timezone, props.bucket),
  );
  if (!cut) return null;
  return (
    <Typography variant="caption" color="textSecondary">
      * part of a {bucketWord[props.bucket]}: the window starts or ends inside
      it
    </Typography>
  );
}

function framed(props: ChartProps, title: string, chart: ReactElement) {
  return (
    <ChartFigure title={title}>
      <ChartBox height={props.height ?? 220} width={props.width}>
        {chart}
      </ChartBox>
      {partialNote(props)}
    </ChartFigure>
  );
}

export function DeploymentsChart(props: ChartProps) {
  const data = rows(props.series, props.timezone, props.bucket);
  return framed(
    props,
    `Deployments per ${bucketWord[props.bucket]}`,
    <BarChart data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis allowDecimals={false} />
      <Tooltip />
      <Bar
        dataKey="deployments"
        name="Deployments"
        fill={COLORS.deployments}
        isAnimationActive={false}
      />
    </BarChart>,
  );
}

/** One trend line over the buckets, its tooltip in human units. */
function TrendLineChart(
  props: ChartProps & {
    title: string;
    dataKey: 'leadTimeHours' | 'cfrPercent' | 'ttrHours';
    name: string;
    color: string;
    tooltipName: string;
    read: (row: Row) => string;
    fromZero?: boolean;
  },
) {
  const data = rows(props.series, props.timezone, props.bucket);
  return framed(
    props,
    props.title,
    <LineChart data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis domain={props.fromZero ? [0, 'auto'] : undefined} />
      <Tooltip formatter={tooltip(props.read, props.tooltipName)} />
      <Line
        type="monotone"
        dataKey={props.dataKey}
        name={props.name}
        stroke={props.color}
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>,
  );
}

export function LeadTimeTrendChart(props: ChartProps) {
  return (
    <TrendLineChart
      {...props}
      title="Lead time for changes, median (hours)"
      dataKey="leadTimeHours"
      name="Median lead time"
      color={COLORS.leadTime}
      tooltipName="Median"
      read={r => formatDuration(r.leadTimeMedian)}
    />
  );
}

export function ChangeFailureRateChart(props: ChartProps) {
  return (
    <TrendLineChart
      {...props}
      title="Change failure rate (%)"
      dataKey="cfrPercent"
      name="Change failure rate"
      color={COLORS.cfr}
      tooltipName="Change failure rate"
      read={r => formatPercent(r.changeFailureRate)}
      fromZero
    />
  );
}

export function TimeToRestoreChart(props: ChartProps) {
  return (
    <TrendLineChart
      {...props}
      title="Time to restore service, median (hours)"
      dataKey="ttrHours"
      name="Median time to restore"
      color={COLORS.ttr}
      tooltipName="Median"
      read={r => formatDuration(r.timeToRestoreMedian)}
    />
  );
}

const PARTS: { key: keyof LeadTimeBreakdown; label: string; help: string }[] = [
  { key: 'coding', label: 'Coding', help: 'first commit to opened' },
  { key: 'pickup', label: 'Pickup', help: 'opened to first review' },
  { key: 'review', label: 'Review', help: 'first review to merge' },
  { key: 'deploy', label: 'Deploy', help: 'merge to production' },
];

/** The median of each part of lead time: a stacked bar and the same numbers as a list. */
export function LeadTimeBreakdownChart(props: {
  breakdown: LeadTimeBreakdown;
  width?: number;
  height?: number;
}) {
  const classes = useStyles();
  const { breakdown } = props;
  const row: Record<string, number | string | null> = { name: 'Median' };
  for (const part of PARTS) {
    const seconds = breakdown[part.key];
    row[part.key] = seconds === null ? null : seconds / HOURS;
  }
  return (
    <ChartFigure title="Lead time breakdown, medians (hours)">
      <ChartBox height={props.height ?? 120} width={props.width}>
        <BarChart data={[row]} layout="vertical">
          <XAxis type="number" />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip
            formatter={(value: unknown, name: unknown) => [
              formatDuration(typeof value === 'number' ? value * HOURS : null),
              String(name),
            ]}
          />
          <Legend />
          {PARTS.map(part => (
            <Bar
              key={part.key}
              dataKey={part.key}
              name={part.label}
              stackId="lead-time"
              fill={COLORS[part.key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartBox>
      <dl className={classes.list} aria-label="Lead time breakdown">
        {PARTS.map(part => (
          <div key={part.key} style={{ display: 'contents' }}>
            <dt>
              {part.label}{' '}
              <Typography variant="caption" color="textSecondary">
                ({part.help})
              </Typography>
            </dt>
            <dd>{formatDuration(breakdown[part.key])}</dd>
          </div>
        ))}
      </dl>
    </ChartFigure>
  );
}

/** A tiny line without axes, e.g. deployments per bucket in a table row. */
export function Sparkline(props: {
  values: (number | null)[];
  label: string;
  color?: string;
  width?: number;
  height?: number;
}) {
  const { values, label, color = COLORS.deployments } = props;
  const data = values.map((value, index) => ({ index, value }));
  return (
    <div role="img" aria-label={label}>
      <ChartBox height={props.height ?? 32} width={props.width ?? 120}>
        <LineChart data={data}>
          <Line
            type="monotone"
            dataKey="value"
            stroke={color}
            dot={false}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ChartBox>
    </div>
  );
}
