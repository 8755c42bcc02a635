import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitGate,
  RateLimitPolicy,
  Sleep,
  realSleep,
} from '@dora-metrics/plugin-dora-node';
import { exhaustedLimitWait, retryDecision } from './rateLimit';

/** A non-success answer from the GitLab API (after any retries). */
export class GitlabApiError extends Error {
  readonly name = 'GitlabApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The pause of one GitLab host once its limit is used up; shared by the
 * clients of all its projects.
 */
export function gitlabRateLimitGate(
  sleep: Sleep,
  now: () => number,
  policy: RateLimitPolicy,
): RateLimitGate {
  return new RateLimitGate({
    source: 'GitLab',
    sleep,
    now,
    policy,
    exhaustedReason: 'rate limit used up',
    exhaustedWait: exhaustedLimitWait,
  });
}

export interface GitlabClientOptions {
  /** e.g. `https://gitlab.com/api/v4`, the integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  /** The integration's token; never logged. */
  token: string;
  gate?: RateLimitGate;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | undefined>;

/** The `next` URL of a `Link` header, if any. */
export function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

/** Minimal GitLab REST v4 client: JSON, paging (`Link` or `x-next-page`), rate limits, retries. */
export class GitlabClient {
  private readonly base: URL;
  private readonly gate: RateLimitGate;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GitlabClientOptions) {
    this.base = new URL(`${options.apiBaseUrl.replace(/\/+$/, '')}/`);
    this.gate =
      options.gate ??
      gitlabRateLimitGate(realSleep, Date.now, DEFAULT_RATE_LIMIT_POLICY);
    this.fetch = options.fetch ?? fetch;
  }

  async getJson<T>(path: string, query?: Query): Promise<T> {
    return (await this.send<T>(this.url(path, query))).data;
  }

  async getAll<T>(path: string, query?: Query): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages<T>(path, query)) all.push(...page);
    return all;
  }

  /** The pages of a list endpoint, 100 per page. */
  async *pages<T>(path: string, query?: Query): AsyncGenerator<T[]> {
    let url: URL | undefined = this.url(path, { per_page: 100, ...query });
    while (url) {
      const { data, headers }: { data: T[]; headers: Headers } =
        await this.send<T[]>(url);
      yield data;
      url = this.nextPage(url, headers);
    }
  }

  private nextPage(current: URL, headers: Headers): URL | undefined {
    const link = nextLink(headers.get('link'));
    if (link) {
      const url = new URL(link, this.base);
      // Credentials go to the API host only.
      if (url.origin !== this.base.origin) {
        throw new GitlabApiError(
          `GitLab pagination pointed to another host (${url.origin})`,
          0,
        );
      }
      return url;
    }
    // Keyset-less offset paging without Link (large lists omit it): x-next-page.
    const nextPage = headers.get('x-next-page');
    if (!nextPage) return undefined;
    const url = new URL(current);
    url.searchParams.set('page', nextPage);
    return url;
  }

  private url(path: string, query?: Query): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  private async send<T>(url: URL): Promise<{ data: T; headers: Headers }> {
    const label = `GET ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      await this.gate.beforeRequest();
      const response = await this.fetch(url, {
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.options.token}`,
          'User-Agent': 'backstage-dora-gitlab',
        },
      });
      this.gate.observe(response.headers);
      if (response.ok) {
        return {
          data: (await response.json()) as T,
          headers: response.headers,
        };
      }
      const message = await errorMessage(response);
      const decision = retryDecision({
        status: response.status,
        headers: response.headers,
        attempt,
        nowMs: this.gate.now(),
        policy: this.gate.policy,
      });
      if (!decision.retry) {
        throw new GitlabApiError(
          `${label} answered ${response.status}${message ? `: ${message}` : ''}`,
          response.status,
        );
      }
      await this.gate.wait(decision.waitMs, `${decision.reason} on ${label}`);
    }
  }
}

/** GitLab's `{ "message": ... }` or `{ "error": ... }`, or the start of the body. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (typeof message === 'string') return message;
    if (message) return JSON.stringify(message);
  } catch {
    // not JSON
  }
  return text.slice(0, 200).trim();
}
