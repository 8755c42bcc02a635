import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraEvent, validateEvent } from '@dora-metrics/plugin-dora-common';
import { DoraEventSink } from '@dora-metrics/plugin-dora-node';

/**
 * Writes events in batches no larger than the sink accepts. An event that
 * would not validate is logged and left out instead of failing the batch,
 * which would block the project's cursor forever. Repeats of one
 * (kind, id, entity) are written once, the last copy.
 */
export async function ingestInBatches(
  sink: DoraEventSink,
  events: DoraEvent[],
  options: { batchSize: number; logger: LoggerService; label: string },
): Promise<number> {
  const unique = new Map<string, DoraEvent>();
  events.forEach((event, index) => {
    const checked = validateEvent(event, index);
    if ('problem' in checked) {
      options.logger.warn(
        `GitLab ${options.label}: skipped an event that does not validate: ${checked.problem.message}`,
      );
      return;
    }
    unique.set(`${event.kind}:${event.id}:${event.entityRef}`, event);
  });
  const valid = [...unique.values()];
  let accepted = 0;
  for (let start = 0; start < valid.length; start += options.batchSize) {
    const result = await sink.ingest(
      valid.slice(start, start + options.batchSize),
    );
    accepted += result.accepted;
  }
  return accepted;
}
