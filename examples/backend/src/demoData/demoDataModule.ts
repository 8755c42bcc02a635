import {
  DEFAULT_MAX_EVENTS_PER_REQUEST,
  chunks,
} from '@dora-metrics/plugin-dora-common';
import {
  LoggerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { SCORECARD_EVALUATION_TASK } from '@dora-metrics/plugin-dora-backend';
import {
  DoraEventProvider,
  DoraEventSink,
} from '@dora-metrics/plugin-dora-node';
import { DemoEvent } from './demoEvents';
import { createDemoInitiative } from './demoInitiative';
import { generateDemoEvents } from './generateDemoEvents';
import { HttpEventSink, IngestRefusedError } from './httpEventSink';
import { DAY, HOUR } from './workingTime';

/** Events per call to the sink: what the ingest takes unless configured otherwise. */
const MAX_BATCH = DEFAULT_MAX_EVENTS_PER_REQUEST;

export interface DemoDataProviderOptions {
  logger: LoggerService;
  /** Where the history ends; default: the start of the current UTC hour. */
  now?: () => Date;
  days?: number;
  seed?: number;
  /** How often, and how far apart, batches the catalog cannot resolve yet are retried. */
  retry?: { attempts: number; delayMs: number };
  /** Called once every event is stored (the example evaluates scorecards then). */
  onLoaded?: () => Promise<void>;
}

/** The start of the UTC hour of `date`. */
export function startOfUtcHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR) * HOUR);
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * A refused batch whose every problem is an event the catalog cannot
 * resolve (yet): the backend marks those `unresolved-entity`, so the batch
 * is worth sending again once the catalog has caught up.
 */
function isUnresolvedEntity(error: unknown, batch: DemoEvent[]): boolean {
  return (
    error instanceof IngestRefusedError &&
    error.statusCode === 400 &&
    error.problems.length > 0 &&
    error.problems.every(
      problem =>
        problem.code === 'unresolved-entity' &&
        batch[problem.index] !== undefined,
    )
  );
}

/**
 * Feeds a year of generated delivery history into the dora plugin. The
 * history ends at the start of the current UTC hour, so the latest chart
 * buckets are filled and a start within the hour gives the same events
 * (seed 42 by default; `dora.demoData.endsAt` pins the end).
 */
export class DemoDataProvider implements DoraEventProvider {
  private readonly logger: LoggerService;

  constructor(private readonly options: DemoDataProviderOptions) {
    this.logger = options.logger;
  }

  getProviderName(): string {
    return 'demo-data';
  }

  async connect(sink: DoraEventSink): Promise<void> {
    // Never block the backend's startup: the catalog is still loading.
    void this.load(sink)
      .then(() => this.options.onLoaded?.())
      .catch(error =>
        this.logger.error(`DORA demo data could not be ingested: ${error}`),
      );
  }

  /** Generates and ingests the events; resolves when all are stored. */
  async load(sink: DoraEventSink): Promise<number> {
    const now = this.options.now?.() ?? startOfUtcHour(new Date());
    const events = generateDemoEvents({
      now,
      days: this.options.days ?? 365,
      seed: this.options.seed ?? 42,
    });
    // Events that name their entity go first; the others need the catalog
    // (github.com/project-slug, pagerduty.com/service-id) to have loaded.
    const direct = events.filter(e => e.entityRef);
    const viaCatalog = events.filter(e => !e.entityRef);

    let accepted = 0;
    for (const batch of chunks(direct, MAX_BATCH)) {
      accepted += (await sink.ingest(batch)).accepted;
    }
    for (const batch of chunks(viaCatalog, MAX_BATCH)) {
      accepted += await this.ingestWhenResolvable(sink, batch);
    }
    this.logger.info(
      `Ingested ${accepted} DORA demo events (${direct.length} with entityRef, ${viaCatalog.length} resolved through the catalog) for ${new Date(now.getTime() - (this.options.days ?? 365) * DAY).toISOString()} to ${now.toISOString()}`,
    );
    return accepted;
  }

  private async ingestWhenResolvable(
    sink: DoraEventSink,
    batch: DemoEvent[],
  ): Promise<number> {
    const { attempts, delayMs } = this.options.retry ?? {
      attempts: 30,
      delayMs: 2000,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return (await sink.ingest(batch)).accepted;
      } catch (error) {
        if (!isUnresolvedEntity(error, batch) || attempt >= attempts) {
          throw error;
        }
        this.logger.debug(
          `DORA demo data: the catalog cannot resolve every entity yet (try ${attempt} of ${attempts}); retrying in ${delayMs} ms`,
        );
        await sleep(delayMs);
      }
    }
  }
}

/** Whether to load demo data, how many days of it, and where it ends. */
export function readDemoDataSettings(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): { enabled: boolean; days?: number; endsAt?: Date } {
  const endsAtText = config.getOptionalString('dora.demoData.endsAt');
  const endsAt = endsAtText === undefined ? undefined : new Date(endsAtText);
  if (endsAt && Number.isNaN(endsAt.getTime())) {
    throw new Error(
      `dora.demoData.endsAt must be an ISO instant such as 2026-11-23T12:00:00Z, got "${endsAtText}"`,
    );
  }
  return {
    enabled:
      env.DORA_DEMO_DATA !== 'off' &&
      config.getOptionalBoolean('dora.demoData.enabled') !== false,
    days: config.getOptionalNumber('dora.demoData.days'),
    endsAt,
  };
}

/**
 * Loads the demo history once the backend has started, by posting it to the
 * public ingest API. Turn it off with `DORA_DEMO_DATA=off` or
 * `dora.demoData.enabled: false`; `dora.demoData.days` sets its length (365).
 */
export const doraModuleDemoData = createBackendModule({
  pluginId: 'dora',
  moduleId: 'demo-data',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ auth, config, discovery, lifecycle, logger, scheduler }) {
        const { enabled, days, endsAt } = readDemoDataSettings(config);
        if (!enabled) {
          logger.info('DORA demo data is off');
          return;
        }
        const provider = new DemoDataProvider({
          logger,
          days,
          now: endsAt ? () => endsAt : undefined,
          // Grade the services on their data now rather than at the next
          // hourly run, and show an initiative measured on that history.
          onLoaded: async () => {
            await scheduler.triggerTask(SCORECARD_EVALUATION_TASK);
            await createDemoInitiative({
              discovery,
              auth,
              logger,
              now: endsAt ?? new Date(),
            }).catch(error =>
              logger.warn(`DORA demo initiative not created: ${error}`),
            );
          },
        });
        // The routes answer once every plugin has started.
        lifecycle.addStartupHook(() =>
          provider.connect(new HttpEventSink(discovery, auth)),
        );
      },
    });
  },
});

export default doraModuleDemoData;
