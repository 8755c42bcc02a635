import Typography from '@material-ui/core/Typography';
import { MetricsBody } from '@dora-metrics/plugin-dora-common';
import { isPartialBucket } from '../format';
import { Sparkline } from '../shared/Charts';

/**
 * A service's series and the window it was cut for, or why there is none.
 * A team's body carries each service's series (`include=entitySeries`), so
 * the trend always goes with the numbers of its own window.
 */
export type ServiceTrend = Pick<MetricsBody, 'window' | 'series'> | Error;

/** Deployments per bucket of one service, drawn small. */
export function DeploymentsSparkline(props: { trend: ServiceTrend }) {
  const { trend } = props;
  if (trend instanceof Error) {
    return (
      <Typography variant="caption" color="error">
        Trend unavailable
      </Typography>
    );
  }
  const { timezone, bucket } = trend.window;
  // Too small to mark a bucket the window cuts: leave those out.
  const values = trend.series
    .filter(point => !isPartialBucket(point, timezone, bucket))
    .map(point => point.deployments);
  return (
    <Sparkline
      values={values}
      label={`Deployments per ${bucket}: ${values.join(', ')} (whole ${bucket}s only)`}
    />
  );
}
