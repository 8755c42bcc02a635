import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { ScorecardEntry } from '../../api/types';
import { ScorecardLookup } from './initiativeText';

/**
 * The scorecards, for the titles of the levels and rules initiatives name.
 * The client caches the list, so every initiative view can ask for it.
 */
export function useScorecards(): {
  entries: ScorecardEntry[];
  lookup: ScorecardLookup;
  error?: Error;
} {
  const api = useApi(doraApiRef);
  const { value, error } = useAsync(() => api.getScorecards(), [api]);
  const entries = value ?? [];
  return {
    entries,
    lookup: id => entries.find(e => e.scorecard.id === id)?.scorecard,
    error,
  };
}
