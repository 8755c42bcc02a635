import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DRILL_DOWN_PARAMS,
  DrillDownView,
  readDrillDown,
  writeDrillDown,
} from './drillDownParams';

/**
 * The open drill-down and its filters, kept in the URL's search params (see
 * drillDownParams.ts) so a reload or a shared link reopens the same list.
 * `team`: the page is a team's, so a `service` filter applies.
 */
export function useDrillDownParams(options: { team: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  // Keyed on the drill-down's own params: another param changing must not
  // hand the dialog a new view (and refetch).
  const own = new URLSearchParams();
  DRILL_DOWN_PARAMS.forEach(name => {
    const value = searchParams.get(name);
    if (value !== null) own.set(name, value);
  });
  const key = own.toString();
  const { team } = options;
  const view = useMemo(
    () => readDrillDown(new URLSearchParams(key), { team }),
    [key, team],
  );

  // `replace`: filtering a list is not a step the back button should undo.
  const setView = useCallback(
    (next: DrillDownView | undefined) =>
      setSearchParams(current => writeDrillDown(next, current), {
        replace: true,
      }),
    [setSearchParams],
  );

  return { view, setView };
}
