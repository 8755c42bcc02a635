import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraEvent, validateEvent } from '@dora-metrics/plugin-dora-common';
import { DoraEventSink } from '@dora-metrics/plugin-dora-node';

/**
 * Writes events in batches no larger than the sink accepts. An event that
 * would not validate is logged and left out instead of failing the whole
 * batch, which would otherwise block the repository's cursor forever.
 * Repeated ids of one entity (an object seen on two pages) are written
 * once, the last copy; a monorepo's change goes once to each of its entities.
 */
export async function ingestInBatches(
  sink: DoraEventSink,
  events: DoraEvent[],
  options: { batchSize: number; logger: LoggerService; label: string },
): Promise<number> {
  const byId = new Map<string, DoraEvent>();
  events.forEach((event, index) => {
    const checked = validateEvent(event, index);
    if ('problem' in checked) {
      options.logger.warn(
        `GitHub ${options.label}: skipped an event that does not validate: ${checked.problem.message}`,
      );
      return;
    }
    byId.set(`${event.kind}:${event.id}:${event.entityRef ?? ''}`, event);
  });

  const valid = [...byId.values()];
  let accepted = 0;
  for (let start = 0; start < valid.length; start += options.batchSize) {
    const result = await sink.ingest(
      valid.slice(start, start + options.batchSize),
    );
    accepted += result.accepted;
  }
  return accepted;
}
