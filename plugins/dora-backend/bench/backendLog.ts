/* eslint-disable no-console -- printing the figures is its job */
import {
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

/** A long bind list `($1, $2), ($3, $4), ..` shortened to `(..)`. */
const BINDS = /\(\$\d+(?:, \$\d+)*\)(?:, \(\$\d+(?:, \$\d+)*\))*/g;

const kindOf = (message: string) =>
  message
    .replace(BINDS, '(..)')
    .replace(/logId=\w+/g, 'logId=..')
    .replace(/attempt \d+/g, 'attempt N')
    .replace(/\s+/g, ' ')
    .slice(0, 240);

/**
 * The backend's log during the benchmark: errors and warnings counted by
 * kind (the first of each kind printed at once), summed up where the
 * benchmark asks, so that a flood of warnings does not bury the tables.
 */
export class BackendLog {
  private counts = new Map<string, { level: string; count: number }>();

  private record(level: 'error' | 'warn', message: string) {
    const kind = kindOf(message);
    const entry = this.counts.get(kind);
    if (entry) {
      entry.count++;
      return;
    }
    this.counts.set(kind, { level, count: 1 });
    console.log(`  (backend ${level}: ${kind})`);
  }

  logger(): RootLoggerService {
    const make = (): LoggerService => ({
      error: message => this.record('error', message),
      warn: message => this.record('warn', message),
      info: () => {},
      debug: () => {},
      child: () => make(),
    });
    return make();
  }

  /** Prints what was logged since the last report, if anything. */
  report(during: string): void {
    if (this.counts.size === 0) return;
    const lines = [...this.counts]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([kind, { level, count }]) => `${count} x ${level}: ${kind}`);
    console.log(`Backend log during ${during}: ${lines.join('; ')}.`);
    this.counts = new Map();
  }
}
