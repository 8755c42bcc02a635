/* eslint-disable no-console -- printing the figures is its job */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { int, measure, ms } from './timing';

/** The machine, its load, and a yardstick to read the figures against. */
export async function printMachine(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const [load1, load5, load15] = os.loadavg();
  console.log(
    `DORA backend benchmark: Node ${process.version}, ${cpu} x ${os.cpus().length}, ` +
      `${int(os.totalmem() / 1024 ** 3)} GiB RAM, ${os.type()} ${os.release()}; ` +
      `load average ${load1.toFixed(2)} / ${load5.toFixed(2)} / ${load15.toFixed(2)} (1/5/15 min) at start.`,
  );
  // As the engine benchmark's: the least work any engine does with an
  // entity-year of events (make one object per event, index, sort).
  const yardstick = await measure(
    () => {
      const objects = [];
      for (let i = 0; i < 61_000; i++) {
        objects.push({ id: `e${i}`, at: (i * 7919) % 61_000, tags: [] });
      }
      const byId = new Map(objects.map(o => [o.id, o]));
      return objects.sort((a, b) => a.at - b.at).length + byId.size;
    },
    { warmUps: 3, runs: 15 },
  );
  console.log(`Code measured: ${codeState()}.`);
  console.log(
    `Machine yardstick: 61,000 objects made, indexed in a Map and sorted: median ${ms(
      yardstick.p50,
    )} ms.`,
  );
}

export function printLoadAtEnd(totalMs: number): void {
  const [load1] = os.loadavg();
  console.log(
    `\nLoad average ${load1.toFixed(2)} at the end; the whole benchmark took ${(
      totalMs / 1000
    ).toFixed(0)} s.`,
  );
}

/** The commit the code is at, and the source files changed since (not committed). */
function codeState(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: path.resolve(__dirname, '../../..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const head = git('log', '-1', '--format=%h %s').slice(0, 72);
    const changed = git('status', '--porcelain', '--', 'plugins')
      .split('\n')
      .map(line => line.slice(3))
      .filter(file => /^plugins\/[^/]+\/(src|migrations)\//.test(file));
    return `commit ${head}; ${
      changed.length === 0
        ? 'no uncommitted changes in plugins/*/src or migrations'
        : `UNCOMMITTED changes in ${changed.length} files (${changed.join(', ')})`
    }`;
  } catch {
    return 'unknown (no git)';
  }
}
