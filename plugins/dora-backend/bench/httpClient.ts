import http from 'node:http';
import net from 'node:net';
import { TOKEN } from './benchConfig';
import { sleep } from './timing';

/** Enough sockets for the DORA page's 6 rollups in flight. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
let staleSocketRetries = 0;

/** How many requests went again on a new socket (see `call`). */
export const retriedRequests = () => staleSocketRetries;
export const closeClient = () => agent.destroy();

export interface Response {
  status: number;
  body: string;
  ms: number;
}

/**
 * One request over loopback with the static token; the time runs from the
 * request until the last byte of the response. No Accept-Encoding, as curl
 * and most CI clients send (no gzip).
 */
export function call(
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  body?: string | Buffer,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(body),
              }),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - start,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while idle (its keep-alive
      // timeout passed while this process was busy): the request never
      // reached the server, so send it again on a new socket.
      if (req.reusedSocket && error.code === 'ECONNRESET') {
        staleSocketRetries++;
        call(port, method, urlPath, body).then(resolve, reject);
      } else {
        reject(error);
      }
    });
    req.end(body);
  });
}

/** `call`, failing on anything but 200. */
export async function callOk(
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  body?: string | Buffer,
): Promise<Response> {
  const response = await call(port, method, urlPath, body);
  if (response.status !== 200) {
    throw new Error(
      `${method} ${urlPath} answered ${response.status}: ${response.body.slice(0, 500)}`,
    );
  }
  return response;
}

export const queryString = (params: Record<string, string>) =>
  new URLSearchParams(params).toString();

export interface PostResult {
  events: number;
  /** Requests answered 5xx and sent again (an upsert: safe to repeat). */
  retried: number;
  /** The first such answer. */
  firstError?: string;
  /** Each request's time, in order of completion. */
  requestMs: number[];
  /** From the first request until the last response. */
  wallMs: number;
}

/** Attempts of a POST /v1/events answered 5xx, before the benchmark stops. */
const MAX_ATTEMPTS = 3;

/**
 * Posts prepared `{ events }` bodies to /v1/events with `concurrency`
 * requests in flight; each body must be accepted whole. A 5xx answer is
 * counted and the body sent again (up to MAX_ATTEMPTS), as a collector would.
 */
export async function postBatches(
  port: number,
  batches: { body: Buffer; events: number }[],
  concurrency: number,
  onProgress?: (posted: number, events: number) => void,
): Promise<PostResult> {
  const requestMs: number[] = [];
  let events = 0;
  let next = 0;
  let retried = 0;
  let firstError: string | undefined;
  const post = async (body: Buffer): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      const response = await call(port, 'POST', '/api/dora/v1/events', body);
      if (response.status < 500 || attempt === MAX_ATTEMPTS) {
        if (response.status !== 200) {
          throw new Error(
            `POST /api/dora/v1/events answered ${response.status}: ${response.body.slice(0, 500)}`,
          );
        }
        return response;
      }
      retried++;
      firstError ??= `${response.status} ${response.body.slice(0, 200)}`;
    }
  };
  const start = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const response = await post(batch.body);
      const { accepted } = JSON.parse(response.body);
      if (accepted !== batch.events) {
        throw new Error(`accepted ${accepted} of ${batch.events} events`);
      }
      events += batch.events;
      requestMs.push(response.ms);
      onProgress?.(requestMs.length, events);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    events,
    requestMs,
    wallMs: performance.now() - start,
    retried,
    firstError,
  };
}

export interface FactCounts {
  current: number;
  stale: number;
}

export async function factCounts(port: number): Promise<FactCounts> {
  return JSON.parse((await callOk(port, 'GET', '/api/dora/v1/facts')).body);
}

/**
 * Polls GET /v1/facts every `pollMs` until no entity is stale; resolves
 * with the time it stopped (performance.now()) and the last counts.
 */
export async function waitForFacts(
  port: number,
  options: {
    pollMs?: number;
    timeoutMs?: number;
    onWait?: (counts: FactCounts) => void;
  } = {},
): Promise<{ at: number; counts: FactCounts; polls: number }> {
  const { pollMs = 25, timeoutMs = 3_600_000 } = options;
  const deadline = performance.now() + timeoutMs;
  let lastReport = performance.now();
  for (let polls = 1; ; polls++) {
    const counts = await factCounts(port);
    const at = performance.now();
    if (counts.stale === 0) return { at, counts, polls };
    if (at > deadline) {
      throw new Error(
        `facts still stale after ${timeoutMs} ms: ${JSON.stringify(counts)}`,
      );
    }
    if (options.onWait && at - lastReport > 15_000) {
      lastReport = at;
      options.onWait(counts);
    }
    await sleep(pollMs);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}
