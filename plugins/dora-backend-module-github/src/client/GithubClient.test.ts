import { FAKE_TOKEN, FakeGithub } from '../__testUtils__/fakeGithub';
import { createTestClock } from '@dora-metrics/plugin-dora-node/testUtils';
import {
  GithubApiError,
  GithubClient,
  githubRateLimitGate,
} from './GithubClient';
import { nextPageUrl } from './links';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitError,
} from '@dora-metrics/plugin-dora-node';
import { retryDecision } from './rateLimit';

const START = '2026-03-20T00:00:00Z';
const startSeconds = Date.parse(START) / 1000;

describe('GithubClient', () => {
  const github = new FakeGithub();
  let clock: ReturnType<typeof createTestClock>;
  const client = (maxWaitMs = DEFAULT_RATE_LIMIT_POLICY.maxWaitMs) =>
    new GithubClient({
      apiBaseUrl: github.url,
      getHeaders: async () => ({ Authorization: `Bearer ${FAKE_TOKEN}` }),
      gate: githubRateLimitGate(clock.sleep, clock.now, {
        ...DEFAULT_RATE_LIMIT_POLICY,
        maxWaitMs,
      }),
    });

  beforeAll(() => github.start());
  afterAll(() => github.stop());
  beforeEach(() => {
    clock = createTestClock(START);
    github.repos['acme/api'] = {
      items: [1, 2, 3, 4, 5].map(id => ({ id })),
      'actions/workflows/deploy.yml/runs': {
        total_count: 3,
        workflow_runs: [{ id: 1 }, { id: 2 }, { id: 3 }],
      },
    };
  });

  it('follows Link rel="next" through every page', async () => {
    const all = await client().getAll<{ id: number }>('repos/acme/api/items');
    expect(all.map(i => i.id)).toEqual([1, 2, 3, 4, 5]);
    const pages = [];
    for await (const page of client().pages<{ workflow_runs: unknown[] }>(
      'repos/acme/api/actions/workflows/deploy.yml/runs',
    )) {
      pages.push(page.workflow_runs.length);
    }
    expect(pages).toEqual([2, 1]);
  });

  it('primary limit exhausted: the next request waits until x-ratelimit-reset (+1 s)', async () => {
    github.once('/repos/acme/api/items', {
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(startSeconds + 120),
      },
    });
    await client().getAll('repos/acme/api/items');
    expect(clock.sleeps).toEqual([121_000]);
  });

  it('an exhausted search limit does not pause the other API requests', async () => {
    github.once('/repos/acme/api/items', {
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(startSeconds + 60),
        'x-ratelimit-resource': 'search',
      },
    });
    await client().getAll('repos/acme/api/items');
    expect(clock.sleeps).toEqual([]);
  });

  it('a 403 with retry-after (secondary limit) waits that long and retries', async () => {
    github.once('/repos/acme/api/items', {
      status: 403,
      headers: { 'retry-after': '30' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const all = await client().getAll('repos/acme/api/items');
    expect(all).toHaveLength(5);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('a secondary limit without retry-after backs off exponentially from one minute', async () => {
    for (let i = 0; i < 2; i++) {
      github.once('/repos/acme/api/items', {
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit.' },
      });
    }
    await client().getAll('repos/acme/api/items');
    expect(clock.sleeps).toEqual([60_000, 120_000]);
  });

  it('a wait longer than the cap fails with RateLimitError instead of blocking', async () => {
    github.once('/repos/acme/api/items', {
      status: 429,
      headers: { 'retry-after': '3600' },
      body: { message: 'rate limited' },
    });
    await expect(client(60_000).getAll('repos/acme/api/items')).rejects.toThrow(
      RateLimitError,
    );
    expect(clock.sleeps).toEqual([]);
  });

  it('a 5xx is retried with backoff, then fails with the status; a 404 is not retried', async () => {
    github.broken['acme/down'] = {
      status: 502,
      body: { message: 'Bad gateway' },
    };
    const before = github.requests.length;
    await expect(
      client().getJson('repos/acme/down/pulls'),
    ).rejects.toMatchObject({
      status: 502,
      message: 'GET /repos/acme/down/pulls answered 502: Bad gateway',
    });
    expect(github.requests.length - before).toBe(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);

    const error = (await client()
      .getJson('repos/acme/nothing/pulls')
      .catch(e => e)) as GithubApiError;
    expect(error).toBeInstanceOf(GithubApiError);
    expect(error.status).toBe(404);
    expect(error.message).not.toContain(FAKE_TOKEN);
  });

  it('a forbidden answer that is not a rate limit is not retried', async () => {
    github.once('/repos/acme/api/items', {
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    await expect(
      client().getJson('repos/acme/api/items'),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(clock.sleeps).toEqual([]);
  });

  it('never follows a next link to another host (the token would go there)', async () => {
    github.once('/repos/acme/api/items', {
      status: 200,
      headers: { link: '<https://evil.example/steal?page=2>; rel="next"' },
      body: [{ id: 1 }],
    });
    await expect(client().getAll('repos/acme/api/items')).rejects.toThrow(
      /another host/,
    );
  });
});

describe('nextPageUrl', () => {
  it('reads rel="next" among other relations', () => {
    expect(
      nextPageUrl(
        '<https://api.github.com/repositories/1/pulls?page=3>; rel="next", <https://api.github.com/repositories/1/pulls?page=9>; rel="last"',
      ),
    ).toBe('https://api.github.com/repositories/1/pulls?page=3');
    expect(
      nextPageUrl('<https://api.github.com/x?page=1>; rel="first"'),
    ).toBeUndefined();
    expect(nextPageUrl(null)).toBeUndefined();
  });
});

describe('retryDecision', () => {
  const headers = (h: Record<string, string>) => ({
    get: (name: string) => h[name] ?? null,
  });
  const decide = (status: number, h: Record<string, string>, attempt = 0) =>
    retryDecision({
      status,
      headers: headers(h),
      message: '',
      attempt,
      nowMs: startSeconds * 1000,
      policy: DEFAULT_RATE_LIMIT_POLICY,
    });

  it('a 403 with x-ratelimit-remaining 0 waits for the reset', () => {
    expect(
      decide(403, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(startSeconds + 10),
      }),
    ).toMatchObject({ retry: true, waitMs: 11_000 });
  });

  it('a 429 without headers backs off as a secondary limit', () => {
    expect(decide(429, {}, 1)).toMatchObject({ retry: true, waitMs: 120_000 });
  });

  it('gives up after maxRetries', () => {
    expect(decide(502, {}, DEFAULT_RATE_LIMIT_POLICY.maxRetries)).toEqual({
      retry: false,
    });
  });
});
