import { DemoEvent } from './demoEvents';
import { ServiceProfile, serviceProfiles } from './profiles';
import { Random, deriveSeed } from './random';
import { ServiceSimulation } from './serviceSimulation';
import { IdRegistry } from './simulationContext';
import { DAY } from './workingTime';

/**
 * Generates a plausible delivery history for every service of the example
 * catalog: pull requests, staging and production deployments (with failed
 * runs, redeploys, rollbacks and hotfixes) and incidents, in the ingest
 * shape of `POST /api/dora/v1/events`. A pure function of its options: the
 * same `now` and `seed` always give the same events.
 */

export interface GenerateDemoEventsOptions {
  /** The end of the generated history (exclusive). */
  now: Date;
  /** How many days before `now` the history starts. */
  days: number;
  seed: number;
  /** Defaults to every profile of the example catalog. */
  profiles?: ServiceProfile[];
}

/** The instant that orders an event in the output. */
function definingInstant(event: DemoEvent): string {
  switch (event.kind) {
    case 'deployment':
      return event.finishedAt;
    case 'change':
      return event.mergedAt ?? event.openedAt ?? event.firstCommitAt;
    default:
      return event.openedAt;
  }
}

/**
 * Events for every profile from the start of the UTC day `days` before `now`
 * up to `now`, ordered by their defining instant. Deterministic for the same
 * `now` and `seed`.
 */
export function generateDemoEvents(
  options: GenerateDemoEventsOptions,
): DemoEvent[] {
  const to = options.now.getTime();
  // The simulation plans working days from midnight (UTC).
  const from = Math.floor((to - options.days * DAY) / DAY) * DAY;
  if (!Number.isFinite(to) || !(options.days > 0)) {
    throw new Error('generateDemoEvents needs a valid now and days > 0');
  }
  const ids = new IdRegistry();
  const events: DemoEvent[] = [];
  for (const profile of options.profiles ?? serviceProfiles) {
    const rng = new Random(deriveSeed(options.seed, profile.name));
    events.push(
      ...new ServiceSimulation(profile, from, to, rng, ids).simulate(),
    );
  }
  const keyed = events.map(event => ({
    event,
    key: `${definingInstant(event)}\u0000${event.kind}\u0000${event.source}\u0000${event.id}`,
  }));
  keyed.sort((a, b) => {
    if (a.key === b.key) return 0;
    return a.key < b.key ? -1 : 1;
  });
  return keyed.map(k => k.event);
}
