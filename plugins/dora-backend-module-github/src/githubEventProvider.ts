import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ScheduledEventProvider } from '@dora-metrics/plugin-dora-node';
import { GithubCollector } from './collector/GithubCollector';

/** The id of the scheduled collection (global: one replica runs it at a time). */
export const GITHUB_COLLECT_TASK = 'dora-github-collect';

/** Schedules the GitHub collection once the dora backend hands over its sink. */
export function githubEventProvider(
  collector: GithubCollector,
  scheduler: SchedulerService,
  schedule: SchedulerServiceTaskScheduleDefinition,
  logger: LoggerService,
): ScheduledEventProvider {
  return new ScheduledEventProvider({
    name: 'github',
    taskId: GITHUB_COLLECT_TASK,
    scheduler,
    schedule,
    logger,
    collect: async (sink, signal) => {
      const report = await collector.collectAll(sink, signal);
      const failed = report.repositories.filter(
        r => Object.keys(r.errors).length > 0,
      ).length;
      return `GitHub collection done: ${report.repositories.length} repositories, ${failed} with errors${report.stoppedBy ? `; stopped early: ${report.stoppedBy}` : ''}`;
    },
  });
}
