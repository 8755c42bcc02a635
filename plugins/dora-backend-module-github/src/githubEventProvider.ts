import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DoraEventProvider,
  DoraEventSink,
} from '@dora-metrics/plugin-dora-node';
import { GithubCollector } from './collector/GithubCollector';

/** The id of the scheduled collection (global: one replica runs it at a time). */
export const GITHUB_COLLECT_TASK = 'dora-github-collect';

/** Schedules the GitHub collection once the dora backend hands over its sink. */
export class GithubEventProvider implements DoraEventProvider {
  constructor(
    private readonly collector: GithubCollector,
    private readonly scheduler: SchedulerService,
    private readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'github';
  }

  async connect(sink: DoraEventSink): Promise<void> {
    await this.scheduler.scheduleTask({
      id: GITHUB_COLLECT_TASK,
      ...this.schedule,
      // Global: with several replicas, one at a time collects.
      scope: 'global',
      fn: async signal => {
        const report = await this.collector.collectAll(sink, signal);
        const failed = report.repositories.filter(
          r => Object.keys(r.errors).length > 0,
        ).length;
        this.logger.info(
          `GitHub collection done: ${report.repositories.length} repositories, ${failed} with errors${report.stoppedBy ? `; stopped early: ${report.stoppedBy}` : ''}`,
        );
      },
    });
  }
}
