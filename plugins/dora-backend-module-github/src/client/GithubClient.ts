import { nextPageUrl } from './links';
import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitError,
  RateLimitPolicy,
  primaryLimitWait,
  retryDecision,
} from './rateLimit';

/** Waits; injectable so tests do not really wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = ms =>
  new Promise(resolve => setTimeout(resolve, ms));

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
 * The pause every request of one API host respects once GitHub said the
 * primary limit is exhausted. Shared by the clients of all repositories.
 */
export class RateLimitGate {
  private resumeAt = 0;

  constructor(
    readonly sleep: Sleep,
    readonly now: () => number,
    readonly policy: RateLimitPolicy,
  ) {}

  /** Remember the reset instant when the answer exhausted the limit. */
  observe(headers: Headers) {
    // The search API has its own small limit; its 403s are retried alone.
    if (headers.get('x-ratelimit-resource') === 'search') return;
    const wait = primaryLimitWait(headers, this.now());
    if (wait > 0) this.resumeAt = Math.max(this.resumeAt, this.now() + wait);
  }

  /** Wait out an exhausted limit before sending (once: the next answer says more). */
  async beforeRequest() {
    const wait = this.resumeAt - this.now();
    this.resumeAt = 0;
    await this.wait(wait, 'primary rate limit');
  }

  async wait(ms: number, reason: string) {
    if (ms <= 0) return;
    if (ms > this.policy.maxWaitMs) {
      throw new RateLimitError(
        `GitHub ${reason}: would wait ${Math.ceil(ms / 1000)} s, more than the allowed ${Math.ceil(this.policy.maxWaitMs / 1000)} s`,
        ms,
      );
    }
    await this.sleep(ms);
  }
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
      new RateLimitGate(realSleep, Date.now, DEFAULT_RATE_LIMIT_POLICY);
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
