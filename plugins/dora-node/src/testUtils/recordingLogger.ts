import {
  LoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/** A logger that keeps every line, so tests can read what was logged. */
export class RecordingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string; meta?: unknown }> =
    [];

  factory() {
    return createServiceFactory({
      service: coreServices.logger,
      deps: {},
      factory: () => this,
    });
  }

  /** Everything logged, as one text (for "never contains" checks). */
  text(): string {
    return this.lines
      .map(l => `${l.level} ${l.message} ${JSON.stringify(l.meta ?? {})}`)
      .join('\n');
  }

  error(message: string, meta?: Error | object) {
    this.lines.push({ level: 'error', message, meta });
  }
  warn(message: string, meta?: Error | object) {
    this.lines.push({ level: 'warn', message, meta });
  }
  info(message: string, meta?: Error | object) {
    this.lines.push({ level: 'info', message, meta });
  }
  debug(message: string, meta?: Error | object) {
    this.lines.push({ level: 'debug', message, meta });
  }
  child(): LoggerService {
    return this;
  }
}
