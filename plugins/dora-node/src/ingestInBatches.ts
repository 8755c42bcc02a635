import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraEvent, validateEvent } from '@dora-metrics/plugin-dora-common';
import { DoraEventSink } from './eventProviders';

/**
 * How a collecting module writes what it read: in batches no larger than
 * the sink accepts. An event that would not validate is logged (with the
 * `label`, e.g. `GitHub acme/api pulls`) and left out instead of failing its
 * batch, which would otherwise block the stream's cursor forever. An event
 * seen twice for one entity (an object on two pages) is written once, the
 * last copy. A monorepo's change comes once per entity it belongs to, and
 * all of those copies go in one batch: a write names every entity of a
 * change, and a batch naming only some would take it from the others.
 */
export async function ingestInBatches(
  sink: DoraEventSink,
  events: DoraEvent[],
  options: { batchSize: number; logger: LoggerService; label: string },
): Promise<number> {
  const groups = new Map<string, Map<string, DoraEvent>>();
  events.forEach((event, index) => {
    const checked = validateEvent(event, index);
    if ('problem' in checked) {
      options.logger.warn(
        `${options.label}: skipped an event that does not validate: ${checked.problem.message}`,
      );
      return;
    }
    const key = JSON.stringify([event.kind, event.source, event.id]);
    const copies = groups.get(key) ?? new Map<string, DoraEvent>();
    copies.set((event.entityRef ?? '').toLocaleLowerCase('en-US'), event);
    groups.set(key, copies);
  });

  let accepted = 0;
  let batch: DoraEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    accepted += (await sink.ingest(batch)).accepted;
    batch = [];
  };
  for (const copies of groups.values()) {
    if (batch.length + copies.size > options.batchSize) await flush();
    batch.push(...copies.values());
  }
  await flush();
  return accepted;
}
