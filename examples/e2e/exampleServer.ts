import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';
/** The static token of examples/app-config.yaml. */
export const API_TOKEN = process.env.DORA_API_TOKEN ?? 'local-dev-token';

const REPO_ROOT = path.resolve(__dirname, '../..');

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function portInUse(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** GETs a DORA API path with the static token; throws on a non-2xx answer. */
export async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${BACKEND_URL}/api/dora${pathAndQuery}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  if (!response.ok) {
    throw new Error(
      `${pathAndQuery} answered ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

/** POSTs JSON to a DORA API path with the static token; throws on a non-2xx answer. */
export async function apiPost<T>(
  pathAndQuery: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${BACKEND_URL}/api/dora${pathAndQuery}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${API_TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `POST ${pathAndQuery} answered ${response.status}: ${await response.text()}`,
    );
  }
  return (await response.json()) as T;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(2000);
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

export interface RunningExample {
  stop(): Promise<void>;
}

/**
 * Starts an example exactly as a newcomer does (`npm start`, or `npm run
 * start:legacy`) and waits until the app answers, the demo data is in and the
 * scorecards are graded.
 */
export async function startExample(script: string): Promise<RunningExample> {
  for (const port of [3000, 7007]) {
    if (await portInUse(port)) {
      throw new Error(
        `Port ${port} is taken: stop the running example (npm start) before npm run test:e2e`,
      );
    }
  }
  const child: ChildProcess = spawn('npm', ['run', script], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none', DORA_API_TOKEN: API_TOKEN },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const group = child.pid!;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-group, name);
    } catch {
      // The whole group has exited already.
    }
  };
  // The next app starts on the same ports: wait until they are free.
  const stop = async () => {
    signal('SIGTERM');
    const killAt = Date.now() + 20_000;
    while ((await portInUse(3000)) || (await portInUse(7007))) {
      if (Date.now() > killAt + 10_000) {
        throw new Error(`npm run ${script} still holds port 3000 or 7007`);
      }
      if (Date.now() > killAt) signal('SIGKILL');
      await sleep(500);
    }
  };
  try {
    await waitFor(
      'the demo data and its scorecard results',
      async () => {
        const results = await api<{ items: unknown[] }>(
          '/v1/scorecards/results?entityRef=component:default/payments-api',
        );
        return results.items.length > 0;
      },
      6 * 60_000,
    );
    await waitFor(
      `the app at ${APP_URL}`,
      async () => (await fetch(APP_URL)).ok,
      6 * 60_000,
    );
  } catch (error) {
    await stop();
    throw new Error(
      `${error}\n--- npm run ${script} output (tail) ---\n${output}`,
    );
  }
  return { stop };
}
