import { AddressInfo } from 'node:net';
import http from 'node:http';

/**
 * Recorded response bodies of one repository, keyed by the path after
 * `repos/{owner}/{repo}/`. `pulls` answers the closed list the collector
 * reads; `pulls?state=open` the open ones (oldest first, as asked with
 * `sort=created&direction=asc`).
 */
export type RepoFixture = Record<string, unknown>;

/** A canned answer; without `body` the normal answer is sent with the extra headers. */
export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const FAKE_TOKEN = 'ghp_fakeTokenForTests000000000000000000';

/**
 * A local stand-in for the GitHub REST API (no network): serves fixtures,
 * paginates arrays with `Link` headers (`pageSize` per page), sends
 * rate-limit headers, checks the token, and can answer with canned
 * responses (once, or always for a repository).
 */
export class FakeGithub {
  /** `GET /path?query` of every request, in order. */
  readonly requests: string[] = [];
  readonly repos: Record<string, RepoFixture> = {};
  /** Whole repositories that always answer this (e.g. a 502). */
  readonly broken: Record<string, CannedResponse> = {};
  /** Search results, by the `q` parameter. */
  readonly searches: Record<string, unknown[]> = {};
  pageSize = 2;
  private readonly onceQueue: Array<{
    match: string | RegExp;
    response: CannedResponse;
  }> = [];
  private remaining = 5000;
  private server?: http.Server;
  url = '';

  /** Answers the next request whose `path?query` starts with (or matches) `match` with `response`. */
  once(match: string | RegExp, response: CannedResponse) {
    this.onceQueue.push({ match, response });
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server?.close(resolve));
  }

  /** Requests made since `from` (an index into `requests`). */
  requestsSince(from: number): string[] {
    return this.requests.slice(from);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const target = `${url.pathname}${url.search}`;
    this.requests.push(`${req.method} ${target}`);
    this.remaining = Math.max(1, this.remaining - 1);
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(this.remaining),
        'x-ratelimit-used': String(5000 - this.remaining),
        'x-ratelimit-reset': '1773964800',
        'x-ratelimit-resource': 'core',
        'x-github-api-version-selected': '2022-11-28',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };

    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) {
      send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
      return;
    }

    const canned = this.takeOnce(target);
    if (canned?.body !== undefined) {
      send(canned.status ?? 200, canned.body, canned.headers);
      return;
    }

    const answer = this.answer(url);
    send(answer.status, answer.body, {
      ...answer.headers,
      ...canned?.headers,
    });
  }

  private takeOnce(target: string): CannedResponse | undefined {
    const index = this.onceQueue.findIndex(o =>
      typeof o.match === 'string'
        ? target.startsWith(o.match)
        : o.match.test(target),
    );
    if (index < 0) return undefined;
    return this.onceQueue.splice(index, 1)[0].response;
  }

  private answer(url: URL): {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  } {
    if (url.pathname === '/search/issues') {
      const items = this.searches[url.searchParams.get('q') ?? ''] ?? [];
      return {
        status: 200,
        body: { total_count: items.length, incomplete_results: false, items },
      };
    }
    const match = /^\/repos\/([^/]+\/[^/]+)\/(.+)$/.exec(url.pathname);
    const repo = match && this.repos[match[1]];
    const broken = match && this.broken[match[1]];
    if (broken) {
      return { status: broken.status ?? 502, body: broken.body };
    }
    const path = decodeURIComponent(match![2]);
    const key =
      path === 'pulls' && url.searchParams.get('state') === 'open'
        ? 'pulls?state=open'
        : path;
    const body = repo?.[key];
    if (!repo || body === undefined) {
      return {
        status: 404,
        body: {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        },
      };
    }
    return this.paginate(url, body);
  }

  /** Arrays (and `{ workflow_runs: [] }`) are served `pageSize` at a time. */
  private paginate(url: URL, body: unknown) {
    const wrapped =
      body && typeof body === 'object' && 'workflow_runs' in body
        ? (body as { workflow_runs: unknown[]; total_count: number })
        : undefined;
    const items = wrapped ? wrapped.workflow_runs : body;
    if (!Array.isArray(items)) return { status: 200, body };

    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(items.length / this.pageSize));
    const slice = items.slice((page - 1) * this.pageSize, page * this.pageSize);
    const link = (n: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(n));
      return next.toString();
    };
    const links = [];
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`);
    links.push(`<${link(last)}>; rel="last"`);
    if (page > 1) links.push(`<${link(1)}>; rel="first"`);
    return {
      status: 200,
      body: wrapped
        ? { total_count: wrapped.total_count, workflow_runs: slice }
        : slice,
      headers: { link: links.join(', ') },
    };
  }
}
