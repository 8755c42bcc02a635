import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DoraEventProvider, DoraEventSink } from './eventProviders';

/** What a collector that runs on a schedule tells {@link ScheduledEventProvider}. */
export interface ScheduledEventProviderOptions {
  /** The provider's name, e.g. `github`. */
  name: string;
  /** The scheduled task's id, e.g. `dora-github-collect`. */
  taskId: string;
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  /** One collection into the sink; returns the line to log when it is done. */
  collect(sink: DoraEventSink, signal: AbortSignal): Promise<string>;
}

/**
 * An event provider that collects on a schedule once the dora backend hands
 * over its sink. The task is global: with several replicas, one at a time
 * collects.
 */
export class ScheduledEventProvider implements DoraEventProvider {
  constructor(private readonly options: ScheduledEventProviderOptions) {}

  getProviderName(): string {
    return this.options.name;
  }

  async connect(sink: DoraEventSink): Promise<void> {
    const { scheduler, schedule, taskId, logger, collect } = this.options;
    await scheduler.scheduleTask({
      id: taskId,
      ...schedule,
      scope: 'global',
      fn: async signal => {
        logger.info(await collect(sink, signal));
      },
    });
  }
}
