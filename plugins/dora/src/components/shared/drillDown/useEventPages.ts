import { useApi } from '@backstage/core-plugin-api';
import { DrillDownTotals } from '@dora-metrics/plugin-dora-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { doraApiRef } from '../../../api/DoraApi';
import { DoraEventItem, EventsQuery, MetricsQuery } from '../../../api/types';
import { DrillDownView } from './drillDownParams';

export interface EventPagesTarget {
  entityRef?: string;
  groupRef?: string;
  query: MetricsQuery;
  pageSize: number;
}

/** The `GET /events` query of a view, without the paging. */
export function eventsQuery(
  view: DrillDownView,
  target: Omit<EventPagesTarget, 'pageSize'>,
): EventsQuery {
  const { from, to, timezone } = target.query;
  return {
    entityRef: target.entityRef,
    groupRef: target.groupRef,
    kind: view.kind,
    from,
    to,
    timezone,
    order: view.order,
    show: view.show,
    environment: view.environment,
    service: view.service,
    ids: view.ids,
  };
}

/**
 * The events of a drill-down view, a page at a time: a new view starts over
 * from its first page (one request), "load more" appends the next. The
 * totals stay shown while the next view loads.
 */
export function useEventPages(view: DrillDownView, target: EventPagesTarget) {
  const doraApi = useApi(doraApiRef);
  const { entityRef, groupRef, pageSize } = target;
  const { from, to, timezone } = target.query;
  const [items, setItems] = useState<DoraEventItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [totals, setTotals] = useState<DrillDownTotals | undefined>();
  const [matching, setMatching] = useState<number | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const generation = useRef(0);
  // The view by value: a new object with the same filters is the same list.
  const viewKey = JSON.stringify(view);

  const load = useCallback(
    async (after: string | undefined, reset: boolean) => {
      const current = ++generation.current;
      const v: DrillDownView = JSON.parse(viewKey);
      setLoading(true);
      setError(undefined);
      try {
        const page = await doraApi.getEvents({
          ...eventsQuery(v, {
            entityRef,
            groupRef,
            query: { from, to, timezone },
          }),
          limit: pageSize,
          cursor: after,
        });
        if (current !== generation.current) return;
        setItems(previous =>
          reset ? page.items : [...previous, ...page.items],
        );
        setCursor(page.nextCursor);
        if (page.totals) setTotals(page.totals);
        setMatching(page.matching);
      } catch (e) {
        if (current === generation.current) setError(e as Error);
      } finally {
        if (current === generation.current) setLoading(false);
      }
    },
    [doraApi, entityRef, groupRef, viewKey, from, to, timezone, pageSize],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    load(undefined, true);
  }, [load]);

  const loadMore = useCallback(() => {
    if (cursor) load(cursor, false);
  }, [cursor, load]);

  return { items, cursor, totals, matching, loading, error, loadMore };
}
