import { AddressInfo } from 'node:net';
import http from 'node:http';

/** Recorded response bodies, keyed by the API path after `/api/v4/` (as sent, e.g. `projects/acme%2Fweb`). */
export type GitlabFixture = Record<string, unknown>;

/** A canned answer; without `body` the normal answer is sent with the extra headers. */
export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const FAKE_TOKEN = 'glpat-fakeTokenForTests0000';

/**
 * A local stand-in for the GitLab REST API v4 (no network): serves
 * fixtures, filters lists by `updated_after` as GitLab does, pages arrays
 * (`pageSize` per page) with `x-next-page` (and `Link` when `linkHeaders`),
 * sends `RateLimit-*` headers, checks the token, and answers canned
 * responses once or always for a path prefix.
 */
export class FakeGitlab {
  readonly requests: string[] = [];
  readonly routes: GitlabFixture = {};
  /** Path prefixes that always answer this (e.g. a 502). */
  readonly broken: Record<string, CannedResponse> = {};
  pageSize = 2;
  linkHeaders = false;
  private readonly onceQueue: Array<{
    match: string | RegExp;
    response: CannedResponse;
  }> = [];
  private server?: http.Server;
  url = '';

  get apiBaseUrl() {
    return `${this.url}/api/v4`;
  }

  add(fixture: GitlabFixture) {
    Object.assign(this.routes, fixture);
  }

  /** Answers the next request whose `path?query` (after `/api/v4/`) starts with or matches `match`. */
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

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname.replace(/^\/api\/v4\//, '');
    const target = `${path}${url.search}`;
    this.requests.push(`${req.method} ${target}`);
    const send = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'ratelimit-limit': '2000',
        'ratelimit-observed': '1',
        'ratelimit-remaining': '1999',
        'ratelimit-reset': '1773964800',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) {
      send(401, { message: '401 Unauthorized' });
      return;
    }
    const canned = this.takeOnce(target);
    if (canned?.body !== undefined) {
      send(canned.status ?? 200, canned.body, canned.headers);
      return;
    }
    const broken = Object.entries(this.broken).find(([prefix]) =>
      path.startsWith(prefix),
    );
    if (broken) {
      send(
        broken[1].status ?? 502,
        broken[1].body ?? { message: '502 Bad Gateway' },
      );
      return;
    }
    const body = this.routes[path];
    if (body === undefined) {
      send(404, { message: '404 Not found' });
      return;
    }
    const answer = this.paginate(url, body);
    send(200, answer.body, { ...answer.headers, ...canned?.headers });
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

  private paginate(url: URL, body: unknown) {
    if (!Array.isArray(body)) return { body, headers: {} };
    const after = url.searchParams.get('updated_after');
    const search = url.searchParams.get('search');
    const items = body.filter(
      (item: { updated_at?: string; title?: string }) =>
        (!after ||
          !item.updated_at ||
          Date.parse(item.updated_at) >= Date.parse(after)) &&
        (!search || item.title?.includes(search)),
    );
    const perPage = Math.min(
      this.pageSize,
      Number(url.searchParams.get('per_page') ?? this.pageSize),
    );
    const page = Number(url.searchParams.get('page') ?? '1');
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(last),
      'x-next-page': page < last ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    if (this.linkHeaders && page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    return {
      body: items.slice((page - 1) * perPage, page * perPage),
      headers,
    };
  }
}
