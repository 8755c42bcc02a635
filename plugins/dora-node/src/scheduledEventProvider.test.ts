import { ManualScheduler } from './testUtils/manualScheduler';
import { RecordingLogger } from './testUtils/recordingLogger';
import { DoraEventSink } from './eventProviders';
import {
  ScheduledEventProvider,
  ScheduledEventProviderOptions,
} from './scheduledEventProvider';

describe('ScheduledEventProvider', () => {
  const sink: DoraEventSink = {
    ingest: async events => ({ accepted: events.length }),
  };

  function provider(collect: ScheduledEventProviderOptions['collect']) {
    const scheduler = new ManualScheduler();
    const logger = new RecordingLogger();
    const scheduled = new ScheduledEventProvider({
      name: 'example',
      taskId: 'dora-example-collect',
      scheduler,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
      logger,
      collect,
    });
    return { scheduled, scheduler, logger };
  }

  it('schedules nothing until the dora backend connects its sink', async () => {
    const { scheduled, scheduler } = provider(async () => 'done');
    expect(scheduled.getProviderName()).toBe('example');
    expect(scheduler.tasks.size).toBe(0);
  });

  it('schedules one global task on connect, which collects into the sink and logs its summary', async () => {
    const seen: DoraEventSink[] = [];
    const { scheduled, scheduler, logger } = provider(async given => {
      seen.push(given);
      return 'Example collection done: 2 repositories';
    });
    await scheduled.connect(sink);
    const task = scheduler.tasks.get('dora-example-collect');
    expect(task?.scope).toBe('global');
    expect(task?.frequency).toEqual({ minutes: 30 });
    expect(seen).toEqual([]);

    await scheduler.run('dora-example-collect');
    expect(seen).toEqual([sink]);
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'Example collection done: 2 repositories',
        meta: undefined,
      },
    ]);
  });

  it('lets a failing collection fail its task, so the scheduler reports it', async () => {
    const { scheduled, scheduler } = provider(async () => {
      throw new Error('source unreachable');
    });
    await scheduled.connect(sink);
    await expect(scheduler.run('dora-example-collect')).rejects.toThrow(
      'source unreachable',
    );
  });
});
