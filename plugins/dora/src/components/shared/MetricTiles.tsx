import Card from '@material-ui/core/Card';
import CardActionArea from '@material-ui/core/CardActionArea';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import Remove from '@material-ui/icons/Remove';
import { Band, MetricsBody } from '@dora-metrics/plugin-dora-common';
import { ReactNode } from 'react';
import {
  bandLabel,
  Change,
  compareWith,
  formatCount,
  formatDeploymentFrequency,
  formatDuration,
  formatPercent,
} from '../format';
import { BandChip } from './Chips';

/** The four DORA metrics, each of which opens the events behind it. */
export type TileKind =
  'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';

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
  change?: Change;
  /** "previous 30 days" */
  against?: string;
  onOpen?: () => void;
}

/** One metric: its value in human units, its band and its change. */
export function MetricTile(props: MetricTileProps) {
  const classes = useStyles();
  const {
    title,
    value,
    detail,
    band,
    showBand = true,
    change,
    against,
  } = props;
  const content = (
    <CardContent>
      <div className={classes.header}>
        <Typography variant="subtitle2" component="h3">
          {title}
        </Typography>
        {showBand && <BandChip band={band} />}
      </div>
      <Typography variant="h4" component="p" className={classes.value}>
        {value}
      </Typography>
      {detail && (
        <Typography variant="body2" color="textSecondary" component="div">
          {detail}
        </Typography>
      )}
      {change && (
        <ChangeLine change={change} against={against ?? 'previous window'} />
      )}
    </CardContent>
  );
  const bandText = showBand
    ? `, ${band ? `band ${bandLabel[band]}` : 'no band'}`
    : '';
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
    </Card>
  );
}

/** The four tiles of a metrics body, with changes against the previous window. */
export function DoraTiles(props: {
  metrics: MetricsBody;
  previous?: MetricsBody;
  against: string;
  onOpen?: (kind: TileKind) => void;
}) {
  const { metrics, previous, against, onOpen } = props;
  const df = metrics.deploymentFrequency;
  const lt = metrics.leadTime;
  const cfr = metrics.changeFailureRate;
  const ttr = metrics.timeToRestore;
  const open = (kind: TileKind) => (onOpen ? () => onOpen(kind) : undefined);
  const failedUnit = cfr.mode === 'pipeline' ? 'pipeline runs' : 'deployments';
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} lg={3}>
        <MetricTile
          title={tileTitle.deploymentFrequency}
          value={formatDeploymentFrequency(df)}
          band={df.band}
          detail={`${df.count} deployments on ${df.deploymentDays} days`}
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
          value={formatDuration(lt.median)}
          band={lt.band}
          detail={
            lt.sampleSize === 0
              ? 'No change shipped in this window'
              : `Median of ${lt.sampleSize} changes, p90 ${formatDuration(lt.p90)}`
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
          band={cfr.band}
          detail={`${cfr.failed} of ${cfr.total} ${failedUnit} failed`}
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
          value={formatDuration(ttr.median)}
          band={ttr.band}
          detail={
            ttr.source === null
              ? 'No incident source connected'
              : `Median of ${ttr.sampleSize} incidents, ${ttr.open} open`
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
}) {
  const { metrics, previous, against } = props;
  const fdrt = metrics.failedDeploymentRecoveryTime;
  const rework = metrics.reworkRate;
  const prs = metrics.pullRequests;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={6} lg={4}>
        <MetricTile
          title="Failed deployment recovery time"
          value={formatDuration(fdrt.median)}
          showBand={false}
          detail={
            fdrt.source === null
              ? 'Not measured: no incident source and no pipeline mode'
              : `Median of ${fdrt.sampleSize} failed deployments`
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
          detail={`${rework.rework} of ${rework.total} deployments were hotfixes, rollbacks or reverts`}
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
          detail={
            <>
              First review: median{' '}
              {formatDuration(prs.timeToFirstReview.median)}, p75{' '}
              {formatDuration(prs.timeToFirstReview.p75)}
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
