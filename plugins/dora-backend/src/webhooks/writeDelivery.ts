import { DoraStore, ResolvedEvent } from '../database/DoraStore';
import { keepKnownChangeFields } from './changeFill';
import { keepLatestResolution } from './incidentOrder';

const key = (e: { source: string; id: string }) => `${e.source}\u0000${e.id}`;

async function storedByKey(
  store: DoraStore,
  kind: 'change' | 'incident',
  events: ResolvedEvent[],
): Promise<Map<string, ResolvedEvent>> {
  const keys = events.filter(e => e.kind === kind);
  if (keys.length === 0) return new Map();
  return new Map((await store.getEvents(kind, keys)).map(e => [key(e), e]));
}

/**
 * Writes a delivery's events after weighing them against what is stored
 * (inside the delivery's transaction): incidents keep a later resolution,
 * changes keep fields the delivery does not know.
 */
export async function writeDeliveryEvents(
  store: DoraStore,
  events: ResolvedEvent[],
  observedAt: (number | undefined)[],
): Promise<void> {
  const incidents = await storedByKey(store, 'incident', events);
  const changes = await storedByKey(store, 'change', events);
  const weighed = events.map((event, index) => {
    if (event.kind === 'incident') {
      const stored = incidents.get(key(event)) as typeof event | undefined;
      return keepLatestResolution(
        { event, observedAt: observedAt[index] },
        stored,
      );
    }
    if (event.kind === 'change') {
      const stored = changes.get(key(event)) as typeof event | undefined;
      return keepKnownChangeFields(event, stored);
    }
    return event;
  });
  await store.upsertEvents(weighed);
}
