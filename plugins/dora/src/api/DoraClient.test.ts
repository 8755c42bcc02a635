import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  compliance,
  entityMetrics,
  explainedItems,
  groupMetrics,
  PAYMENTS,
  resultRecord,
  scorecardEntries,
  TEAM,
} from '../__testUtils__/fixtures';
import { DoraClient } from './DoraClient';

const baseUrl = 'http://localhost:7007/api/dora';

describe('DoraClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new DoraClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Answers one GET route with a body and records each request's URL. */
  function answer(path: string, body: unknown, status = 200) {
    const seen: URL[] = [];
    server.use(
      http.get(`${baseUrl}${path}`, ({ request }) => {
        seen.push(new URL(request.url));
        return HttpResponse.json(body as any, { status });
      }),
    );
    return seen;
  }

  it('reads an entity’s metrics with the window, timezone and bucket in the query', async () => {
    const body = entityMetrics(PAYMENTS);
    const seen = answer('/v1/metrics', body);
    const result = await client.getEntityMetrics(PAYMENTS, {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
      timezone: 'Europe/Berlin',
      bucket: 'day',
    });
    expect(result).toEqual(body);
    expect(Object.fromEntries(seen[0].searchParams)).toEqual({
      entityRef: PAYMENTS,
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T00:00:00.000Z',
      timezone: 'Europe/Berlin',
      bucket: 'day',
    });
  });

  it('leaves out query parameters that are not given', async () => {
    const seen = answer('/v1/metrics', entityMetrics(PAYMENTS));
    await client.getEntityMetrics(PAYMENTS);
    expect([...seen[0].searchParams.keys()]).toEqual(['entityRef']);
  });

  it('reads a team rollup from the group’s namespace and name', async () => {
    const body = groupMetrics(TEAM);
    const seen = answer('/v1/groups/default/commerce/metrics', body);
    const result = await client.getGroupMetrics(TEAM, { bucket: 'month' });
    expect(result.groupRef).toBe(TEAM);
    expect(result.entities).toHaveLength(3);
    expect(seen[0].searchParams.get('bucket')).toBe('month');
  });

  it('accepts a short group ref and escapes odd names', async () => {
    const seen = answer('/v1/groups/ops/a%20b/metrics', groupMetrics(TEAM));
    await client.getGroupMetrics('ops/a b');
    expect(seen).toHaveLength(1);
  });

  it('sends include as one sorted comma-separated parameter, none without it (issue 15)', async () => {
    const seen = answer(
      '/v1/groups/default/commerce/metrics',
      groupMetrics(TEAM),
    );
    await client.getGroupMetrics(
      TEAM,
      {},
      {
        include: ['subTeams', 'previous', 'entitySeries'],
      },
    );
    // Same includes in another order: the cached answer, no request.
    await client.getGroupMetrics(
      TEAM,
      {},
      {
        include: ['previous', 'entitySeries', 'subTeams'],
      },
    );
    await client.getGroupMetrics(TEAM, { bucket: 'day' });
    expect(seen).toHaveLength(2);
    expect(seen[0].searchParams.get('include')).toBe(
      'entitySeries,previous,subTeams',
    );
    expect(seen[1].searchParams.has('include')).toBe(false);
  });

  it('reads many groups with groupRef repeated, 100 per request, and joins the answers (issue 15)', async () => {
    const seenUrls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/v1/groups/metrics`, ({ request }) => {
        const url = new URL(request.url);
        seenUrls.push(url);
        const refs = url.searchParams.getAll('groupRef');
        return HttpResponse.json({
          items: refs.slice(1).map(groupRef => ({ groupRef })),
          notFound: refs.slice(0, 1),
        } as any);
      }),
    );
    const refs = Array.from({ length: 150 }, (_, i) => `group:default/t${i}`);
    const result = await client.getGroupsMetrics(refs, { bucket: 'week' });
    expect(seenUrls.map(u => u.searchParams.getAll('groupRef').length)).toEqual(
      [100, 50],
    );
    expect(seenUrls[0].searchParams.get('bucket')).toBe('week');
    expect(result.notFound).toEqual([refs[0], refs[100]]);
    expect(result.items).toHaveLength(148);
  });

  it('reads every scorecard’s compliance in one request and unwraps the items (issue 15)', async () => {
    const body = compliance(TEAM);
    const seen = answer('/v1/scorecards/compliance', { items: [body] });
    await expect(
      client.getScorecardsCompliance({ groupRef: TEAM }),
    ).resolves.toEqual([body]);
    expect(seen[0].searchParams.get('groupRef')).toBe(TEAM);
  });

  it("reads a team's compliance and its initiatives from one request (issue 16)", async () => {
    const body = compliance(TEAM);
    const initiatives = [{ initiative: { id: 'gold-by-june' } }];
    const seen = answer('/v1/scorecards/compliance', {
      items: [body],
      initiatives,
    });
    client.clearCache();
    const [items, listed] = await Promise.all([
      client.getScorecardsCompliance({ groupRef: TEAM }),
      client.getInitiatives({ groupRef: TEAM }),
    ]);
    expect(items).toEqual([body]);
    expect(listed).toEqual(initiatives);
    expect(seen).toHaveLength(1);
    expect(seen[0].searchParams.get('include')).toBe('initiatives');
  });

  it('pages the drill-down events with kind, limit and cursor', async () => {
    const items = explainedItems({ entityRef: PAYMENTS, kind: 'deployment' });
    const seen = answer('/v1/events', {
      items: items.slice(0, 2),
      nextCursor: 'abc',
    });
    const page = await client.getEvents({
      entityRef: PAYMENTS,
      kind: 'deployment',
      limit: 2,
      cursor: 'xyz',
    });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBe('abc');
    expect(Object.fromEntries(seen[0].searchParams)).toEqual({
      entityRef: PAYMENTS,
      kind: 'deployment',
      limit: '2',
      cursor: 'xyz',
    });
  });

  it('sends the drill-down filters and order, the ids joined by commas (one parameter)', async () => {
    const seen = answer('/v1/events', { items: [], nextCursor: null });
    await client.getEvents({
      groupRef: TEAM,
      kind: 'deployment',
      order: 'newest',
      show: 'failed',
      environment: 'production',
      service: PAYMENTS,
      ids: ['deploy-1', 'deploy-2'],
    });
    expect(Object.fromEntries(seen[0].searchParams)).toEqual({
      groupRef: TEAM,
      kind: 'deployment',
      order: 'newest',
      show: 'failed',
      environment: 'production',
      service: PAYMENTS,
      ids: 'deploy-1,deploy-2',
    });
  });

  it('leaves out an empty list of ids', async () => {
    const seen = answer('/v1/events', { items: [], nextCursor: null });
    await client.getEvents({ entityRef: PAYMENTS, kind: 'change', ids: [] });
    expect(seen[0].searchParams.has('ids')).toBe(false);
  });

  it('lists scorecards and unwraps the items', async () => {
    answer('/v1/scorecards', { items: scorecardEntries });
    await expect(client.getScorecards()).resolves.toEqual(scorecardEntries);
  });

  it('reads the latest scorecard results of an entity or a team', async () => {
    const records = [resultRecord(PAYMENTS)];
    const seen = answer('/v1/scorecards/results', { items: records });
    await expect(
      client.getScorecardResults({ groupRef: TEAM, scorecardId: 'delivery' }),
    ).resolves.toEqual(records);
    expect(Object.fromEntries(seen[0].searchParams)).toEqual({
      groupRef: TEAM,
      scorecardId: 'delivery',
    });
  });

  it('reads a scorecard’s history for an entity', async () => {
    const records = [resultRecord(PAYMENTS)];
    const seen = answer('/v1/scorecards/delivery/history', { items: records });
    await expect(
      client.getScorecardHistory('delivery', {
        entityRef: PAYMENTS,
        from: '2026-01-01T00:00:00Z',
      }),
    ).resolves.toEqual(records);
    expect(seen[0].searchParams.get('entityRef')).toBe(PAYMENTS);
    expect(seen[0].searchParams.get('from')).toBe('2026-01-01T00:00:00Z');
  });

  it('reads a scorecard’s compliance, for everyone or a team', async () => {
    const body = compliance(TEAM);
    const seen = answer('/v1/scorecards/delivery/compliance', body);
    await expect(
      client.getScorecardCompliance('delivery', { groupRef: TEAM }),
    ).resolves.toEqual(body);
    await client.getScorecardCompliance('delivery');
    expect(seen[0].searchParams.get('groupRef')).toBe(TEAM);
    expect(seen[1].searchParams.has('groupRef')).toBe(false);
  });

  it('turns an error response into a ResponseError with the server’s message', async () => {
    answer(
      '/v1/metrics',
      {
        error: { name: 'NotFoundError', message: 'No entity component:x/y' },
        response: { statusCode: 404 },
      },
      404,
    );
    const error = await client.getEntityMetrics('component:x/y').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('No entity component:x/y');
  });

  it('sends requests through the fetchApi (which carries the credentials)', async () => {
    answer('/v1/scorecards', { items: [] });
    const fetchApi = {
      fetch: jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, init),
      ),
    };
    const withAuth = new DoraClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi,
    });
    await withAuth.getScorecards();
    expect(fetchApi.fetch).toHaveBeenCalledWith(`${baseUrl}/v1/scorecards`);
  });

  it('asks once for the same URL within the cache lifetime, again after clearCache (issue 15)', async () => {
    const seen = answer('/v1/scorecards', { items: scorecardEntries });
    const fresh = new DoraClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    const [first, second] = await Promise.all([
      fresh.getScorecards(),
      fresh.getScorecards(),
    ]);
    await fresh.getScorecards();
    expect(first).toEqual(scorecardEntries);
    expect(second).toEqual(scorecardEntries);
    expect(seen).toHaveLength(1);
    fresh.clearCache();
    await fresh.getScorecards();
    expect(seen).toHaveLength(2);
  });
});
