import { nextPageUrl } from './links';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitGate,
  RateLimitPolicy,
  Sleep,
  realSleep,
} from '@dora-metrics/plugin-dora-node';
import { primaryLimitWait, retryDecision } from './rateLimit';

/** A non-success answer from the GitHub API (after any retries). */
export class GithubApiError extends Error {
  readonly name = 'GithubApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The pause of one GitHub API host once its primary limit is used up;
 * shared by the clients of all its repositories.
 */
export function githubRateLimitGate(
  sleep: Sleep,
  now: () => number,
  policy: RateLimitPolicy,
): RateLimitGate {
  return new RateLimitGate({
    source: 'GitHub',
    sleep,
    now,
    policy,
    exhaustedReason: 'primary rate limit',
    // The search API has its own small limit; its 403s are retried alone.
    exhaustedWait: (headers, nowMs) =>
      headers.get('x-ratelimit-resource') === 'search'
        ? 0
        : primaryLimitWait(headers, nowMs),
  });
}

export interface GithubClientOptions {
  /** e.g. `https://api.github.com`, from the integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  /** Authorization headers (from `@backstage/integration`); never logged. */
  getHeaders: () => Promise<Record<string, string>>;
  gate?: RateLimitGate;
  fetch?: typeof fetch;
}

/** Minimal GitHub REST client: JSON, `Link` pagination, rate limits, retries. */
export class GithubClient {
  private readonly base: URL;
  private readonly gate: RateLimitGate;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GithubClientOptions) {
    this.base = new URL(`${options.apiBaseUrl.replace(/\/+$/, '')}/`);
    this.gate =
      options.gate ??
      githubRateLimitGate(realSleep, Date.now, DEFAULT_RATE_LIMIT_POLICY);
    this.fetch = options.fetch ?? fetch;
  }

  /** Every element of an array list endpoint, all pages. */
  async getAll<T>(path: string, query?: Record<string, string | number>) {
    const all: T[] = [];
    for await (const page of this.pages<T[]>(path, {
      per_page: 100,
      ...query,
    })) {
      all.push(...page);
    }
    return all;
  }

  /** One JSON document, e.g. `getJson('repos/acme/api/pulls/12')`. */
  async getJson<T>(path: string, query?: Record<string, string | number>) {
    const { data } = await this.send<T>(this.url(path, query));
    return data;
  }

  /**
   * The pages of a list endpoint (each page's JSON body: an array, or an
   * object such as `{ workflow_runs: [...] }`), following `Link: rel="next"`.
   * Stop early by breaking out of the loop.
   */
  async *pages<P>(
    path: string,
    query?: Record<string, string | number>,
  ): AsyncGenerator<P> {
    let url: URL | undefined = this.url(path, query);
    while (url) {
      const page: { data: P; next?: string } = await this.send<P>(url);
      const { data, next } = page;
      yield data;
      url = next ? this.sameOrigin(next) : undefined;
    }
  }

  private url(path: string, query?: Record<string, string | number>): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** A `next` link must stay on the API host: credentials go nowhere else. */
  private sameOrigin(next: string): URL {
    const url = new URL(next, this.base);
    if (url.origin !== this.base.origin) {
      throw new GithubApiError(
        `GitHub pagination pointed to another host (${url.origin})`,
        0,
      );
    }
    return url;
  }

  private async send<T>(url: URL): Promise<{ data: T; next?: string }> {
    const label = `GET ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      await this.gate.beforeRequest();
      const response = await this.fetch(url, {
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'backstage-dora-github',
          ...(await this.options.getHeaders()),
        },
      });
      this.gate.observe(response.headers);
      if (response.ok) {
        return {
          data: (await response.json()) as T,
          next: nextPageUrl(response.headers.get('link')),
        };
      }

      const message = await errorMessage(response);
      const decision = retryDecision({
        status: response.status,
        headers: response.headers,
        message,
        attempt,
        nowMs: this.gate.now(),
        policy: this.gate.policy,
      });
      if (!decision.retry) {
        throw new GithubApiError(
          `${label} answered ${response.status}${message ? `: ${message}` : ''}`,
          response.status,
        );
      }
      await this.gate.wait(decision.waitMs, `${decision.reason} on ${label}`);
    }
  }
}

/** GitHub's `{ "message": ... }`, or the start of a non-JSON body. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON, e.g. a proxy's HTML error page
  }
  return text.slice(0, 200).trim();
}
