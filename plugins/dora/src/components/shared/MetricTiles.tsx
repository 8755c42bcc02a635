import Card from '@material-ui/core/Card';
import CardActionArea from '@material-ui/core/CardActionArea';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import Remove from '@material-ui/icons/Remove';
import { Link } from '@backstage/core-components';
import { Band, MetricsBody } from '@dora-metrics/plugin-dora-common';
import { ReactNode } from 'react';
import {
  bandLabel,
  Change,
  compareWith,
  DurationUnit,
  formatCount,
  formatDeploymentFrequency,
  formatDuration,
  formatDurationIn,
  formatPercent,
  plural,
} from '../format';
import { ratingOf } from './caveats';
import { BandChip } from './Chips';
import {
  MetricKind,
  metricDocsHref,
  TileKind,
  whatCounts,
  whatCountsPipelineFailures,
} from './metricDocs';
import { useMetricsDocsUrl } from './Warnings';

export type { MetricKind, TileKind } from './metricDocs';

/**
 * Duration units chosen for the tiles (e.g. from their charts), keyed by tile
 * kind: `leadTime`, `timeToRestore`, `failedDeploymentRecoveryTime`,
 * `pullRequests` (the pull-request timings). A kind without one picks its own.
 */
export type TileUnits = Partial<Record<MetricKind, DurationUnit>>;

/** A duration in the tile's unit when one is given, else in its own best unit. */
function durationIn(
  units: TileUnits | undefined,
  kind: MetricKind,
): (seconds: number | null | undefined) => string {
  const unit = units?.[kind];
  return seconds =>
    unit ? formatDurationIn(seconds, unit) : formatDuration(seconds);
}

export const tileTitle: Record<TileKind, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore service',
};

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  action: { height: '100%', alignItems: 'stretch' },
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  value: { fontWeight: 600, margin: theme.spacing(1, 0, 0.5, 0) },
  change: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
  explain: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 2),
  },
  better: { color: theme.palette.success?.main ?? '#2e7d32' },
  worse: { color: theme.palette.error.main },
  same: { color: theme.palette.text.secondary },
}));

function ChangeLine(props: { change: Change; against: string }) {
  const classes = useStyles();
  const { change, against } = props;
  if (change.direction === null) {
    return (
      <Typography variant="caption" color="textSecondary" component="div">
        No value for the {against} to compare with
      </Typography>
    );
  }
  let icon = <Remove fontSize="inherit" />;
  if (change.direction !== 'same') {
    const up = change.text.startsWith('+') || change.text === 'new';
    icon = up ? (
      <ArrowUpward fontSize="inherit" />
    ) : (
      <ArrowDownward fontSize="inherit" />
    );
  }
  const verdict = change.direction === 'same' ? '' : ` (${change.direction})`;
  return (
    <Typography
      variant="caption"
      component="div"
      className={`${classes.change} ${classes[change.direction]}`}
    >
      {icon}
      <span>
        {change.text} vs the {against}
        {verdict}
      </span>
    </Typography>
  );
}

export interface MetricTileProps {
  title: string;
  value: string;
  detail?: ReactNode;
  band?: Band | null;
  /** Leave out for a metric without a band. */
  showBand?: boolean;
  /** A band the page withholds, and why (a doubted number never wears one). */
  notRated?: string;
  /** Which metric: its band limits, its "what counts" line and its docs section. */
  kind?: MetricKind;
  /** Overrides the "what counts" line of `kind`. */
  counts?: string;
  change?: Change;
  /** "previous 30 days" */
  against?: string;
  onOpen?: () => void;
}

/** What a tile counts, and a link to the section of the metric docs (`dora.docsUrl`) that says how. */
function Explanation(props: { kind: MetricKind; counts?: string }) {
  const classes = useStyles();
  const docsUrl = useMetricsDocsUrl();
  const { kind } = props;
  return (
    <div className={classes.explain}>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.counts ?? whatCounts[kind]}
      </Typography>
      {docsUrl && (
        <Typography variant="caption" component="p">
          <Link to={metricDocsHref(docsUrl, kind)}>How it is measured</Link>
        </Typography>
      )}
    </div>
  );
}

const DORA_KINDS: MetricKind[] = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];
const isTileKind = (kind?: MetricKind): kind is TileKind =>
  kind !== undefined && DORA_KINDS.includes(kind);

/** One metric: its value in human units, its band and its change. */
export function MetricTile(props: MetricTileProps) {
  const classes = useStyles();
  const {
    title,
    value,
    detail,
    band,
    showBand = true,
    notRated,
    kind,
    change,
    against,
  } = props;
  const content = (
    <CardContent>
      <div className={classes.header}>
        <Typography variant="subtitle2" component="h3">
          {title}
        </Typography>
        {showBand && (
          <BandChip
            band={band}
            notRated={notRated}
            metric={isTileKind(kind) ? kind : undefined}
          />
        )}
      </div>
      <Typography variant="h4" component="p" className={classes.value}>
        {value}
      </Typography>
      {detail && (
        <Typography variant="body2" color="textSecondary" component="div">
          {detail}
        </Typography>
      )}
      {notRated && (
        <Typography variant="body2" color="textSecondary" component="div">
          {notRated}
        </Typography>
      )}
      {change && (
        <ChangeLine change={change} against={against ?? 'previous window'} />
      )}
    </CardContent>
  );
  let bandText = '';
  if (showBand && notRated) bandText = ', not rated';
  else if (showBand)
    bandText = `, ${band ? `band ${bandLabel[band]}` : 'no band'}`;
  return (
    <Card variant="outlined" className={classes.card}>
      {props.onOpen ? (
        <CardActionArea
          className={classes.action}
          onClick={props.onOpen}
          aria-label={`${title}: ${value}${bandText}. Show the events behind it`}
        >
          {content}
        </CardActionArea>
      ) : (
        content
      )}
      {kind && <Explanation kind={kind} counts={props.counts} />}
    </Card>
  );
}

/** The four tiles of a metrics body, with changes against the previous window. */
export function DoraTiles(props: {
  metrics: MetricsBody;
  previous?: MetricsBody;
  against: string;
  onOpen?: (kind: TileKind) => void;
  /** One duration unit per tile kind, e.g. the unit of the tile's chart. */
  units?: TileUnits;
}) {
  const { metrics, previous, against, onOpen, units } = props;
  const rating = (kind: TileKind) => {
    const { band, notRated } = ratingOf(metrics, kind);
    return { band, notRated, kind };
  };
  const leadTimeIn = durationIn(units, 'leadTime');
  const restoreIn = durationIn(units, 'timeToRestore');
  const df = metrics.deploymentFrequency;
  const lt = metrics.leadTime;
  const cfr = metrics.changeFailureRate;
  const ttr = metrics.timeToRestore;
  const open = (kind: TileKind) => (onOpen ? () => onOpen(kind) : undefined);
  const failedNoun = cfr.mode === 'pipeline' ? 'pipeline run' : 'deployment';
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          title={tileTitle.deploymentFrequency}
          value={formatDeploymentFrequency(df)}
          {...rating('deploymentFrequency')}
          detail={`${plural(df.count, 'deployment')} on ${plural(df.deploymentDays, 'day')}`}
          change={
            previous &&
            compareWith(
              df.perDay,
              previous.deploymentFrequency.perDay,
              'higher',
            )
          }
          against={against}
          onOpen={open('deploymentFrequency')}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          title={tileTitle.leadTime}
          value={leadTimeIn(lt.median)}
          {...rating('leadTime')}
          detail={
            lt.sampleSize === 0
              ? 'No change shipped in this window'
              : `Median of ${plural(lt.sampleSize, 'change')}, p90 ${leadTimeIn(lt.p90)}`
          }
          change={
            previous &&
            compareWith(lt.median, previous.leadTime.median, 'lower')
          }
          against={against}
          onOpen={open('leadTime')}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          title={tileTitle.changeFailureRate}
          value={formatPercent(cfr.ratio)}
          {...rating('changeFailureRate')}
          counts={
            cfr.mode === 'pipeline' ? whatCountsPipelineFailures : undefined
          }
          detail={`${cfr.failed} of ${plural(cfr.total, failedNoun)} failed`}
          change={
            previous &&
            compareWith(
              cfr.ratio,
              previous.changeFailureRate.ratio,
              'lower',
              'ratio',
            )
          }
          against={against}
          onOpen={open('changeFailureRate')}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          title={tileTitle.timeToRestore}
          value={restoreIn(ttr.median)}
          {...rating('timeToRestore')}
          detail={
            ttr.source === null
              ? 'No incident source connected'
              : `Median of ${plural(ttr.sampleSize ?? 0, 'incident')}, ${ttr.open} open`
          }
          change={
            previous &&
            compareWith(ttr.median, previous.timeToRestore.median, 'lower')
          }
          against={against}
          onOpen={open('timeToRestore')}
        />
      </Grid>
    </Grid>
  );
}

/** Failed-deployment recovery time, rework rate and pull-request habits. */
export function SecondaryTiles(props: {
  metrics: MetricsBody;
  previous?: MetricsBody;
  against: string;
  /** One duration unit per tile kind, e.g. the unit of the tile's chart. */
  units?: TileUnits;
}) {
  const { metrics, previous, against, units } = props;
  const recoveryIn = durationIn(units, 'failedDeploymentRecoveryTime');
  const reviewIn = durationIn(units, 'pullRequests');
  const fdrt = metrics.failedDeploymentRecoveryTime;
  const rework = metrics.reworkRate;
  const prs = metrics.pullRequests;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} lg={4}>
        <MetricTile
          title="Failed deployment recovery time"
          value={recoveryIn(fdrt.median)}
          showBand={false}
          kind="failedDeploymentRecoveryTime"
          detail={
            fdrt.source === null
              ? 'Not measured: no incident source and no pipeline mode'
              : `Median of ${plural(fdrt.sampleSize, 'failed deployment')}`
          }
          change={
            previous &&
            compareWith(
              fdrt.median,
              previous.failedDeploymentRecoveryTime.median,
              'lower',
            )
          }
          against={against}
        />
      </Grid>
      <Grid item xs={12} sm={6} lg={4}>
        <MetricTile
          title="Deployment rework rate"
          value={formatPercent(rework.ratio)}
          showBand={false}
          kind="reworkRate"
          detail={`${rework.rework} of ${plural(rework.total, 'deployment')} ${
            rework.rework === 1
              ? 'was a hotfix, rollback or revert'
              : 'were hotfixes, rollbacks or reverts'
          }`}
          change={
            previous &&
            compareWith(
              rework.ratio,
              previous.reworkRate.ratio,
              'lower',
              'ratio',
            )
          }
          against={against}
        />
      </Grid>
      <Grid item xs={12} sm={12} lg={4}>
        <MetricTile
          title="Pull requests"
          value={`${prs.merged} merged`}
          showBand={false}
          kind="pullRequests"
          detail={
            <>
              First review: median {reviewIn(prs.timeToFirstReview.median)}, p75{' '}
              {reviewIn(prs.timeToFirstReview.p75)}
              <br />
              Size (lines): median {formatCount(prs.size.median)}, p75{' '}
              {formatCount(prs.size.p75)}; without review{' '}
              {formatPercent(prs.unreviewedRatio)}
            </>
          }
        />
      </Grid>
    </Grid>
  );
}
