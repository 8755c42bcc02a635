import { DoraEventItem, EventsQuery } from '../../../api/types';
import { fetchAllEvents } from './allEvents';

/** A drill-down backend over `count` numbered items, paging like the real one. */
function pagedApi(count: number, maxLimit = 500) {
  const all = Array.from(
    { length: count },
    (_, i) => ({ event: { id: `d${i}` } }) as unknown as DoraEventItem,
  );
  const getEvents = jest.fn(async (query: EventsQuery) => {
    const start = query.cursor ? Number(query.cursor) : 0;
    const limit = Math.min(query.limit ?? 100, maxLimit);
    return {
      items: all.slice(start, start + limit),
      nextCursor: start + limit < count ? String(start + limit) : null,
      matching: count,
    };
  });
  return { getEvents };
}

const query: EventsQuery = {
  entityRef: 'component:default/a',
  kind: 'deployment',
};

describe('fetchAllEvents', () => {
  it('follows every cursor at the largest page size and keeps the query', async () => {
    const api = pagedApi(1234);
    const all = await fetchAllEvents(api, query);
    expect(all.items.map(i => i.event.id)).toEqual(
      Array.from({ length: 1234 }, (_, i) => `d${i}`),
    );
    expect(all.capped).toBe(false);
    expect(api.getEvents.mock.calls.map(([q]) => [q.limit, q.cursor])).toEqual([
      [500, undefined],
      [500, '500'],
      [500, '1000'],
    ]);
    expect(api.getEvents).toHaveBeenCalledWith(expect.objectContaining(query));
  });

  it('stops at the cap and says the list went on', async () => {
    const api = pagedApi(1234);
    const all = await fetchAllEvents(api, query, 600);
    expect(all.items).toHaveLength(600);
    expect(all.capped).toBe(true);
    expect(all.matching).toBe(1234);
    expect(api.getEvents.mock.calls.map(([q]) => q.limit)).toEqual([500, 100]);
  });

  it('is not capped when the last page ends exactly at the cap', async () => {
    const all = await fetchAllEvents(pagedApi(600), query, 600);
    expect(all.items).toHaveLength(600);
    expect(all.capped).toBe(false);
  });
});
