import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { doraApiRef } from '../../api/DoraApi';
import { ScorecardResultsQuery } from '../../api/types';

/** The scorecards and the latest results of an entity or a team. */
export function useScorecardResults(query: ScorecardResultsQuery) {
  const api = useApi(doraApiRef);
  return useAsyncRetry(async () => {
    const [scorecards, records] = await Promise.all([
      api.getScorecards(),
      api.getScorecardResults(query),
    ]);
    return { scorecards, records };
  }, [api, query.entityRef, query.groupRef, query.scorecardId]);
}
