import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { MetricsQuery } from '../../api/types';
import { MoversSection } from './MoversSection';

/** The movers of every team and service of the catalog: one request per window. */
export function CatalogMovers(props: {
  query: MetricsQuery;
  timezone: string;
}) {
  const doraApi = useApi(doraApiRef);
  const { query, timezone } = props;
  const { value, loading, error } = useAsync(
    () => doraApi.getMovers(query),
    [doraApi, query],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? <MoversSection movers={value} timezone={timezone} /> : null;
}
