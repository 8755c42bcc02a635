import {
  DEFAULT_RATE_LIMIT_POLICY,
  RateLimitError,
  RateLimitPolicy,
  exhaustedLimitWait,
  retryDecision,
} from './rateLimit';

/** Waits; injectable so tests do not really wait. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = ms =>
  new Promise(resolve => setTimeout(resolve, ms));

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
 * The pause every request to one GitLab host respects once GitLab said the
 * limit is used up. Shared by the clients of all projects of that host.
 */
export class RateLimitGate {
  private resumeAt = 0;

  constructor(
    readonly sleep: Sleep,
    readonly now: () => number,
    readonly policy: RateLimitPolicy,
  ) {}

  observe(headers: Headers) {
    const wait = exhaustedLimitWait(headers, this.now());
    if (wait > 0) this.resumeAt = Math.max(this.resumeAt, this.now() + wait);
  }

  async beforeRequest() {
    const wait = this.resumeAt - this.now();
    this.resumeAt = 0;
    await this.wait(wait, 'rate limit used up');
  }

  async wait(ms: number, reason: string) {
    if (ms <= 0) return;
    if (ms > this.policy.maxWaitMs) {
      throw new RateLimitError(
        `GitLab ${reason}: would wait ${Math.ceil(ms / 1000)} s, more than the allowed ${Math.ceil(this.policy.maxWaitMs / 1000)} s`,
        ms,
      );
    }
    await this.sleep(ms);
  }
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
      new RateLimitGate(realSleep, Date.now, DEFAULT_RATE_LIMIT_POLICY);
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
