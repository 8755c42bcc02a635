import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityMetrics } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { MetricsQuery } from '../../api/types';
import { isPartialBucket } from '../format';
import { Sparkline } from '../shared/Charts';

/** A service's series, or why there is none (`undefined` while loading). */
export type ServiceTrend = EntityMetrics | Error | undefined;

const NONE = new Map<string, ServiceTrend>();

/**
 * Each service's metrics for the window, asked once here rather than by
 * each table cell: the table remounts its cells on every re-render.
 * (A team rollup's rows carry no series, so each service is one request.)
 */
export function useServiceTrends(
  entityRefs: string[],
  query: MetricsQuery,
): Map<string, ServiceTrend> {
  const api = useApi(doraApiRef);
  const key = entityRefs.join(',');
  const { value } = useAsync(async () => {
    const settled = await Promise.all(
      entityRefs.map(ref =>
        api.getEntityMetrics(ref, query).catch((e: Error) => e),
      ),
    );
    return {
      query,
      trends: new Map(entityRefs.map((ref, i) => [ref, settled[i]])),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, query]);
  // Another window's trends are not shown while this one's load.
  return value?.query === query ? value.trends : NONE;
}

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
  if (!trend) return <Progress />;
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
