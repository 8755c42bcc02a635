import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ScheduledEventProvider } from '@dora-metrics/plugin-dora-node';
import { GitlabCollector } from './collector/GitlabCollector';

/** The id of the scheduled collection (global: one replica runs it at a time). */
export const GITLAB_COLLECT_TASK = 'dora-gitlab-collect';

/** Schedules the GitLab collection once the dora backend hands over its sink. */
export function gitlabEventProvider(
  collector: GitlabCollector,
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  logger: LoggerService,
): ScheduledEventProvider {
  return new ScheduledEventProvider({
    name: 'gitlab',
    taskId: GITLAB_COLLECT_TASK,
    scheduler,
    schedule,
    logger,
    collect: async (sink, signal) => {
      const report = await collector.collectAll(sink, signal);
      const failed = report.projects.filter(
        r => Object.keys(r.errors).length > 0,
      ).length;
      return `GitLab collection done: ${report.projects.length} projects, ${failed} with errors${report.stoppedBy ? `; stopped early: ${report.stoppedBy}` : ''}`;
    },
  });
}
