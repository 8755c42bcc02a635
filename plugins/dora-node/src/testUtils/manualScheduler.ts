import {
  SchedulerService,
  SchedulerServiceTaskDescriptor,
  SchedulerServiceTaskScheduleDefinition,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/** A task as scheduled: its schedule and its function. */
export type ManualSchedulerTask = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/**
 * A scheduler that runs nothing by itself: tests run a task with `run(id)`
 * and see its errors, and can read how it was scheduled.
 */
export class ManualScheduler implements SchedulerService {
  readonly tasks = new Map<string, ManualSchedulerTask>();

  factory() {
    return createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => this,
    });
  }

  async run(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`No task ${id} was scheduled`);
    await task.fn(new AbortController().signal);
  }

  async scheduleTask(task: ManualSchedulerTask): Promise<void> {
    this.tasks.set(task.id, task);
  }

  async triggerTask(id: string): Promise<void> {
    await this.run(id);
  }

  async cancelTask(): Promise<void> {}

  createScheduledTaskRunner(schedule: SchedulerServiceTaskScheduleDefinition) {
    return {
      run: async (task: SchedulerServiceTaskInvocationDefinition) =>
        this.scheduleTask({ ...task, ...schedule }),
    };
  }

  async getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]> {
    return [...this.tasks.values()].map(task => ({
      id: task.id,
      scope: task.scope ?? 'global',
      settings: { version: 1 },
    }));
  }
}
