import Box from '@material-ui/core/Box';
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
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  durationUnitFor,
  DurationUnit,
  formatBucketLabel,
  formatCount,
  formatDurationIn,
  formatPercent,
  inDurationUnit,
  isPartialBucket,
} from '../format';
import { ChartBox } from './ChartBox';
import { ChartReference } from './chartUnits';

export type { ChartReference } from './chartUnits';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { marginBottom: theme.spacing(1) },
  empty: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    border: `1px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(2),
    textAlign: 'center',
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    justifyContent: 'start',
    columnGap: theme.spacing(2),
    margin: theme.spacing(1, 0, 0, 0),
    '& dd': { margin: 0, fontWeight: 600 },
  },
}));

const COLORS = {
  deployments: '#1565c0',
  leadTime: '#6a1b9a',
  cfr: '#c62828',
  ttr: '#ef6c00',
  coding: '#1565c0',
  pickup: '#00838f',
  review: '#6a1b9a',
  deploy: '#ef6c00',
  reference: '#424242',
};

/** A duration unit's name in titles and axis labels. */
export const durationUnitName: Record<DurationUnit, string> = {
  seconds: 'seconds',
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
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

/** In place of a chart with nothing to draw: why there is nothing. */
export function EmptyChart(props: { reason: string; height: number }) {
  const classes = useStyles();
  return (
    <Box className={classes.empty} style={{ minHeight: props.height }}>
      <Typography variant="body2" color="textSecondary">
        {props.reason}
      </Typography>
    </Box>
  );
}

interface ChartProps {
  series: SeriesPoint[];
  timezone: string;
  bucket: Bucket;
  /** Fixed width, for tests and small places; by default the container's. */
  width?: number;
  height?: number;
  /** Target or band lines, labelled, in the metric's own unit. */
  reference?: ChartReference[];
  /** A bucket whose tooltip shows from the start (by index). */
  tooltipIndex?: number;
}

interface DurationChartProps extends ChartProps {
  /** The unit of the tile beside it; by default chosen from the series. */
  unit?: DurationUnit;
}

const bucketWord: Record<Bucket, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
};

/** A partial bucket's label ends with `*` (see `partialNote`). */
function bucketLabels(series: SeriesPoint[], timezone: string, bucket: Bucket) {
  return series.map(
    point =>
      `${formatBucketLabel(point.start, timezone, bucket)}${
        isPartialBucket(point, timezone, bucket) ? '*' : ''
      }`,
  );
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

function framed(
  props: ChartProps,
  title: string,
  chart: ReactElement,
  emptyReason?: string,
) {
  const height = props.height ?? 220;
  return (
    <ChartFigure title={title}>
      {emptyReason ? (
        <EmptyChart reason={emptyReason} height={height} />
      ) : (
        <>
          <ChartBox height={height} width={props.width}>
            {chart}
          </ChartBox>
          {partialNote(props)}
        </>
      )}
    </ChartFigure>
  );
}

/** Dashed, labelled lines; the axis grows to show them. */
function referenceLines(
  reference: ChartReference[] | undefined,
  toAxis: (value: number) => number,
  text: (value: number) => string,
) {
  return (reference ?? []).map(line => (
    <ReferenceLine
      key={line.label}
      y={toAxis(line.value)}
      stroke={COLORS.reference}
      strokeDasharray="6 3"
      ifOverflow="extendDomain"
      label={{
        value: `${line.label} (${text(line.value)})`,
        position: 'insideTopRight',
        fontSize: 12,
        fill: COLORS.reference,
      }}
    />
  ));
}

const axisLabel = (value: string) => ({
  value,
  angle: -90,
  position: 'insideLeft' as const,
  style: { textAnchor: 'middle' as const },
});

export function DeploymentsChart(props: ChartProps) {
  const labels = bucketLabels(props.series, props.timezone, props.bucket);
  // A bucket without deployments is a real 0, drawn as such.
  const data = props.series.map((point, i) => ({
    label: labels[i],
    deployments: point.deployments,
  }));
  const empty = props.series.every(point => point.deployments === 0);
  return framed(
    props,
    `Deployments per ${bucketWord[props.bucket]}`,
    <BarChart data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis allowDecimals={false} label={axisLabel('deployments')} />
      <Tooltip
        defaultIndex={props.tooltipIndex}
        formatter={(value: unknown) => [
          formatCount(typeof value === 'number' ? value : null),
          'Deployments',
        ]}
      />
      {referenceLines(props.reference, v => v, formatCount)}
      <Bar
        dataKey="deployments"
        name="Deployments"
        fill={COLORS.deployments}
        isAnimationActive={false}
      />
    </BarChart>,
    empty ? 'No deployments in this window' : undefined,
  );
}

/**
 * One trend line over the buckets: a gap where a bucket has no sample
 * (`null`), never a line drawn across it; its tooltip in the axis's unit.
 */
function TrendLineChart(
  props: ChartProps & {
    title: string;
    values: (number | null)[];
    toAxis: (value: number) => number;
    text: (value: number | null) => string;
    axisName: string;
    name: string;
    color: string;
    emptyReason: string;
    fromZero?: boolean;
  },
) {
  const labels = bucketLabels(props.series, props.timezone, props.bucket);
  const data = props.values.map((value, i) => ({
    label: labels[i],
    value: value === null ? null : props.toAxis(value),
    raw: value,
  }));
  const empty = props.values.every(value => value === null);
  return framed(
    props,
    props.title,
    <LineChart data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" />
      <YAxis
        domain={props.fromZero ? [0, 'auto'] : undefined}
        label={axisLabel(props.axisName)}
      />
      <Tooltip
        defaultIndex={props.tooltipIndex}
        formatter={(_value: unknown, _name: unknown, item: any) => [
          props.text(item?.payload?.raw ?? null),
          props.name,
        ]}
      />
      {referenceLines(props.reference, props.toAxis, v => props.text(v))}
      <Line
        type="linear"
        dataKey="value"
        name={props.name}
        stroke={props.color}
        connectNulls={false}
        isAnimationActive={false}
      />
    </LineChart>,
    empty ? props.emptyReason : undefined,
  );
}

function durationChart(
  props: DurationChartProps,
  values: (number | null)[],
  spec: { title: string; name: string; color: string; emptyReason: string },
) {
  const unit = props.unit ?? durationUnitFor(values);
  return (
    <TrendLineChart
      {...props}
      title={`${spec.title} (${durationUnitName[unit]})`}
      values={values}
      toAxis={v => inDurationUnit(v, unit)}
      text={v => formatDurationIn(v, unit)}
      axisName={durationUnitName[unit]}
      name={spec.name}
      color={spec.color}
      emptyReason={spec.emptyReason}
      fromZero
    />
  );
}

export function LeadTimeTrendChart(props: DurationChartProps) {
  return durationChart(
    props,
    props.series.map(point => point.leadTimeMedian),
    {
      title: 'Lead time for changes, median',
      name: 'Median lead time',
      color: COLORS.leadTime,
      emptyReason: 'No changes deployed in this window',
    },
  );
}

export function TimeToRestoreChart(props: DurationChartProps) {
  return durationChart(
    props,
    props.series.map(point => point.timeToRestoreMedian),
    {
      title: 'Time to restore service, median',
      name: 'Median time to restore',
      color: COLORS.ttr,
      emptyReason: 'No incidents resolved in this window',
    },
  );
}

export function ChangeFailureRateChart(props: ChartProps) {
  return (
    <TrendLineChart
      {...props}
      title="Change failure rate (%)"
      values={props.series.map(point => point.changeFailureRate)}
      toAxis={v => v * 100}
      text={formatPercent}
      axisName="%"
      name="Change failure rate"
      color={COLORS.cfr}
      emptyReason="No deployments in this window"
      fromZero
    />
  );
}

/** The parts of lead time in the order they happen, which is the stack's order. */
export const LEAD_TIME_PARTS: {
  key: keyof LeadTimeBreakdown;
  label: string;
  help: string;
}[] = [
  { key: 'coding', label: 'Coding', help: 'first commit to opened' },
  { key: 'pickup', label: 'Pickup', help: 'opened to first review' },
  { key: 'review', label: 'Review', help: 'first review to merge' },
  { key: 'deploy', label: 'Deploy', help: 'merge to production' },
];

/** Sorts legend items by their place in a list of names (the stack's order). */
const inOrder =
  (names: string[]) =>
  (item: { value?: unknown }): number =>
    names.indexOf(String(item.value));

/** The median of each part of lead time: a stacked bar and the same numbers as a list. */
export function LeadTimeBreakdownChart(props: {
  breakdown: LeadTimeBreakdown;
  /** The lead-time tile's unit; by default chosen from the parts. */
  unit?: DurationUnit;
  width?: number;
  height?: number;
  tooltipIndex?: number;
}) {
  const classes = useStyles();
  const { breakdown } = props;
  const seconds = LEAD_TIME_PARTS.map(part => breakdown[part.key]);
  const unit = props.unit ?? durationUnitFor(seconds);
  const row: Record<string, number | string | null> = { name: 'Median' };
  for (const part of LEAD_TIME_PARTS) {
    const value = breakdown[part.key];
    row[part.key] = value === null ? null : inDurationUnit(value, unit);
  }
  const height = props.height ?? 120;
  const empty = seconds.every(value => value === null);
  return (
    <ChartFigure
      title={`Lead time breakdown, medians (${durationUnitName[unit]})`}
    >
      {empty ? (
        <EmptyChart
          reason="No changes with pull-request times in this window"
          height={height}
        />
      ) : (
        <ChartBox height={height} width={props.width}>
          <BarChart data={[row]} layout="vertical">
            <XAxis type="number" unit={` ${durationUnitName[unit]}`} />
            <YAxis type="category" dataKey="name" hide />
            <Tooltip
              defaultIndex={props.tooltipIndex}
              formatter={(_value: unknown, name: unknown, item: any) => {
                const part = LEAD_TIME_PARTS.find(p => p.key === item?.dataKey);
                return [
                  formatDurationIn(part ? breakdown[part.key] : null, unit),
                  String(name),
                ];
              }}
            />
            <Legend
              itemSorter={inOrder(LEAD_TIME_PARTS.map(part => part.label))}
            />
            {LEAD_TIME_PARTS.map(part => (
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
      )}
      <dl className={classes.list} aria-label="Lead time breakdown">
        {LEAD_TIME_PARTS.map(part => (
          <div key={part.key} style={{ display: 'contents' }}>
            <dt>
              {part.label}{' '}
              <Typography variant="caption" color="textSecondary">
                ({part.help})
              </Typography>
            </dt>
            <dd>{formatDurationIn(breakdown[part.key], unit)}</dd>
          </div>
        ))}
      </dl>
    </ChartFigure>
  );
}

/** A tiny line without axes, e.g. deployments per bucket in a table row; gaps stay gaps. */
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
            type="linear"
            dataKey="value"
            stroke={color}
            dot={false}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartBox>
    </div>
  );
}
