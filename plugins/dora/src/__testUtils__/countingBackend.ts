/*
 * The real DoraClient over a fake `fetch` that answers from the fixtures and
 * counts every request per route, so tests can count what a page asks for.
 */
import { DoraClient } from '../api/DoraClient';
import { createFakeDoraApi } from './fixtures';

const BASE = 'http://localhost/api/dora';

/** A route name from a path, ids replaced: `/v1/scorecards/:id/compliance`. */
export function routeOf(url: string): string {
  const path = new URL(url).pathname.slice('/api/dora'.length);
  return path
    .replace(
      /^\/v1\/groups\/[^/]+\/[^/]+\/(metrics|trend)$/,
      '/v1/groups/:ns/:name/$1',
    )
    .replace(
      /^\/v1\/scorecards\/(?!results$|compliance$)[^/]+\/(compliance|history)$/,
      '/v1/scorecards/:id/$1',
    );
}

async function answer(url: URL): Promise<unknown> {
  const fake = createFakeDoraApi();
  const q = Object.fromEntries(url.searchParams.entries()) as Record<
    string,
    any
  >;
  const path = url.pathname.slice('/api/dora'.length);
  if (path === '/v1/groups/metrics') {
    const { groupRef: _refs, ...window } = q;
    return fake.getGroupsMetrics(url.searchParams.getAll('groupRef'), window);
  }
  const group = path.match(/^\/v1\/groups\/([^/]+)\/([^/]+)\/metrics$/);
  if (group) {
    const ref = `group:${decodeURIComponent(group[1])}/${decodeURIComponent(group[2])}`;
    const { include, ...window } = q;
    return fake.getGroupMetrics(ref, window, {
      include: include ? include.split(',') : undefined,
    });
  }
  const trend = path.match(/^\/v1\/groups\/([^/]+)\/([^/]+)\/trend$/);
  if (trend) {
    const ref = `group:${decodeURIComponent(trend[1])}/${decodeURIComponent(trend[2])}`;
    return fake.getGroupTrend(ref, { ...q, count: q.count && Number(q.count) });
  }
  const byId = path.match(/^\/v1\/scorecards\/([^/]+)\/(compliance|history)$/);
  if (byId && byId[1] !== 'results') {
    const id = decodeURIComponent(byId[1]);
    return byId[2] === 'compliance'
      ? fake.getScorecardCompliance(id, { groupRef: q.groupRef })
      : { items: await fake.getScorecardHistory(id, q as any) };
  }
  switch (path) {
    case '/v1/metrics':
      return fake.getEntityMetrics(q.entityRef, q);
    case '/v1/movers':
      return fake.getMovers(q);
    case '/v1/events':
      return fake.getEvents({ ...q, limit: q.limit && Number(q.limit) } as any);
    case '/v1/scorecards':
      return { items: await fake.getScorecards() };
    case '/v1/scorecards/compliance':
      return {
        items: await fake.getScorecardsCompliance(q),
        ...(q.include === 'initiatives'
          ? { initiatives: await fake.getInitiatives(q) }
          : {}),
      };
    case '/v1/scorecards/results':
      return { items: await fake.getScorecardResults(q) };
    default:
      throw new Error(`no fake route for ${path}`);
  }
}

export interface CountingBackend {
  client: DoraClient;
  /** Every URL asked for, in order. */
  urls: string[];
  /** How many requests each route got. */
  counts(): Record<string, number>;
  total(): number;
  /** Forgets what was counted so far (not what the client cached). */
  reset(): void;
}

export function createCountingBackend(): CountingBackend {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    const body = await answer(new URL(url));
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  const client = new DoraClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  return {
    client,
    urls,
    counts: () =>
      urls.reduce<Record<string, number>>((acc, url) => {
        const route = routeOf(url);
        acc[route] = (acc[route] ?? 0) + 1;
        return acc;
      }, {}),
    total: () => urls.length,
    reset: () => {
      urls.length = 0;
    },
  };
}
