import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DoraEventProvider,
  DoraEventSink,
} from '@dora-metrics/plugin-dora-node';
import { GitlabCollector } from './collector/GitlabCollector';

/** The id of the scheduled collection (global: one replica runs it at a time). */
export const GITLAB_COLLECT_TASK = 'dora-gitlab-collect';

/** Schedules the GitLab collection once the dora backend hands over its sink. */
export class GitlabEventProvider implements DoraEventProvider {
  constructor(
    private readonly collector: GitlabCollector,
    private readonly scheduler: SchedulerService,
    private readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'gitlab';
  }

  async connect(sink: DoraEventSink): Promise<void> {
    await this.scheduler.scheduleTask({
      id: GITLAB_COLLECT_TASK,
      ...this.schedule,
      // Global: with several replicas, one at a time collects.
      scope: 'global',
      fn: async signal => {
        const report = await this.collector.collectAll(sink, signal);
        const failed = report.projects.filter(
          p => Object.keys(p.errors).length > 0,
        ).length;
        this.logger.info(
          `GitLab collection done: ${report.projects.length} projects, ${failed} with errors${report.stoppedBy ? `; stopped early: ${report.stoppedBy}` : ''}`,
        );
      },
    });
  }
}
