import { MAX_EVENTS_PAGE_SIZE } from '@dora-metrics/plugin-dora-common';
import { DoraApi } from '../../../api/DoraApi';
import { DoraEventItem, EventsQuery } from '../../../api/types';

/** The most events one download collects: 20 pages of the largest size. */
export const MAX_DOWNLOADED_EVENTS = 10_000;

/**
 * Every page of a drill-down query at the largest page size, up to `cap`
 * events; `capped` says the list went on.
 */
export async function fetchAllEvents(
  api: Pick<DoraApi, 'getEvents'>,
  query: EventsQuery,
  cap: number = MAX_DOWNLOADED_EVENTS,
): Promise<{ items: DoraEventItem[]; matching?: number; capped: boolean }> {
  const items: DoraEventItem[] = [];
  let cursor: string | undefined;
  let matching: number | undefined;
  for (;;) {
    const page = await api.getEvents({
      ...query,
      limit: Math.min(MAX_EVENTS_PAGE_SIZE, cap - items.length),
      cursor,
    });
    items.push(...page.items);
    matching = page.matching ?? matching;
    if (!page.nextCursor) return { items, matching, capped: false };
    if (items.length >= cap) return { items, matching, capped: true };
    cursor = page.nextCursor;
  }
}
