import http from 'node:http';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { printTable } from '../../dora-common/bench/printTable';
import { RunningBackend } from './benchBackend';
import { QUICK, TOKEN, YEAR, lastDays } from './benchConfig';
import { queryString } from './httpClient';
import { Timing, ms, progress, summarize } from './timing';

/** Heavy reads sent at once, and light reads timed meanwhile. */
const STORM_REQUESTS = QUICK ? 50 : 200;
const LIGHT_READS = QUICK ? 10 : 40;

// A client of its own with enough sockets: the storm must reach the server
// at once, not queue in this process.
const stormAgent = new http.Agent({
  keepAlive: true,
  maxSockets: STORM_REQUESTS + 10,
});

function get(
  port: number,
  urlPath: string,
): Promise<{ status: number; ms: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        agent: stormAgent,
        headers: { authorization: `Bearer ${TOKEN}` },
      },
      res => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - start,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const metricsPath = (entityRef: string, window: { from: string; to: string }) =>
  `/api/dora/v1/metrics?${queryString({ entityRef, ...window })}`;

/**
 * Issue 12's storm: STORM_REQUESTS year-window reads of different services
 * at once (heavy reads: they take turns, the overflow is refused with 503
 * and Retry-After), while a light read (one service, 30 days) is timed one
 * after another. Reported: the light read's p50/p95 before and during the
 * storm, and what the storm's requests answered.
 */
export async function stormScenario(
  databaseName: string,
  backend: RunningBackend,
  services: string[],
): Promise<void> {
  const light = metricsPath(`component:default/${services[0]}`, lastDays(30));
  const timeLight = async (count: number): Promise<Timing> => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      times.push((await get(backend.port, light)).ms);
    }
    return summarize(times);
  };
  progress(`${databaseName}: storm of ${STORM_REQUESTS} year-window reads`);
  const before = await timeLight(LIGHT_READS);
  const storm = Promise.all(
    Array.from({ length: STORM_REQUESTS }, (_, i) =>
      get(
        backend.port,
        metricsPath(`component:default/${services[i % services.length]}`, YEAR),
      ),
    ),
  );
  const during = await timeLight(LIGHT_READS);
  const answers = await storm;
  const served = answers.filter(a => a.status === 200).map(a => a.ms);
  const shed = answers.filter(a => a.status === 503);
  const other = answers.filter(a => a.status !== 200 && a.status !== 503);
  const servedTiming = summarize(served);

  printTable(
    `\n${databaseName}: storm, ${STORM_REQUESTS} concurrent GET /metrics of a year (different services) while a light read (one service, 30 days) is timed ${LIGHT_READS} times`,
    ['what', 'count', 'p50 ms', 'p95 ms', 'note'],
    [
      [
        'light read before the storm',
        String(before.runs),
        ms(before.p50),
        ms(before.p95),
        '',
      ],
      [
        'light read during the storm',
        String(during.runs),
        ms(during.p50),
        ms(during.p95),
        'never queued: only heavy reads take turns',
      ],
      [
        'storm reads answered 200',
        String(served.length),
        served.length ? ms(servedTiming.p50) : '-',
        served.length ? ms(servedTiming.p95) : '-',
        'heavy: dora.heavyReads.maxRunning at once, maxQueued waiting',
      ],
      [
        'storm reads refused 503',
        String(shed.length),
        '-',
        '-',
        shed.length ? `Retry-After: ${shed[0].retryAfter ?? 'missing'}` : '',
      ],
      [
        'storm reads answered otherwise',
        String(other.length),
        '-',
        '-',
        other.map(a => a.status).join(', '),
      ],
    ],
  );
}
