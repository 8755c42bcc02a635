// The seeded generator of the engine benchmark (a bench file, not exported by the package).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  CHANGES_PER_DEPLOYMENT,
  DEPLOYMENTS_PER_INCIDENT,
  DEPLOYMENTS_PER_SCALE,
  generateEvents,
  mulberry32,
} from '../../dora-common/bench/generateEvents';
import { smallName } from './benchCatalog';
import {
  BATCH,
  BIG_REF,
  BIG_SCALE,
  SEED,
  SMALL_ENTITIES,
  SMALL_SCALE,
  Window,
  YEAR,
} from './benchConfig';

export type RawEvent = Record<string, unknown>;

/** A prepared POST /v1/events body. */
export interface Batch {
  body: Buffer;
  events: number;
}

/** The events of one entity, as the generator makes them for a window. */
export function entityEvents(
  name: string,
  scale: number,
  seed: number,
  window: Window = YEAR,
): RawEvent[] {
  return generateEvents({
    entityRef: `component:default/${name}`,
    ...window,
    scale,
    seed,
  });
}

/**
 * Every entity's events, in entity order, cut into bodies of BATCH events
 * (a body may hold the end of one entity and the start of the next),
 * serialized up front so that the client's work stays out of the timings.
 */
export function toBatches(
  entityCount: number,
  eventsOf: (index: number) => RawEvent[],
): Batch[] {
  const batches: Batch[] = [];
  let buffer: RawEvent[] = [];
  const flush = (events: RawEvent[]) =>
    batches.push({
      body: Buffer.from(JSON.stringify({ events })),
      events: events.length,
    });
  for (let i = 0; i < entityCount; i++) {
    buffer.push(...eventsOf(i));
    while (buffer.length >= BATCH) {
      flush(buffer.slice(0, BATCH));
      buffer = buffer.slice(BATCH);
    }
  }
  if (buffer.length > 0) flush(buffer);
  return batches;
}

export const countEvents = (batches: Batch[]) =>
  batches.reduce((sum, b) => sum + b.events, 0);

/** Index 0: the entity-year; then the smaller entities. */
export function mainEvents(index: number): RawEvent[] {
  if (index === 0) {
    return generateEvents({
      entityRef: BIG_REF,
      ...YEAR,
      scale: BIG_SCALE,
      seed: SEED,
    });
  }
  return entityEvents(smallName(index), SMALL_SCALE, SEED + index);
}

export const MAIN_ENTITIES = 1 + SMALL_ENTITIES;

/** Events the generator makes per deployment, on average. */
const EVENTS_PER_DEPLOYMENT =
  1 + CHANGES_PER_DEPLOYMENT + 1 / DEPLOYMENTS_PER_INCIDENT;

/**
 * A generator scale per service so that the services have about
 * `totalEvents` events together, sizes spread log-normally (sigma 1, as
 * seeded): a few services have ~20 times the median, many a few hundred.
 */
export function organisationScales(
  services: number,
  totalEvents: number,
): number[] {
  const random = mulberry32(SEED + 7);
  const weights = Array.from({ length: services }, () => {
    // Box-Muller: a standard normal draw.
    const u = 1 - random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.exp(z);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const deployments = totalEvents / EVENTS_PER_DEPLOYMENT;
  return weights.map(
    w =>
      Math.max(2, Math.round((deployments * w) / sum)) / DEPLOYMENTS_PER_SCALE,
  );
}
