import { ServiceProfile } from './profiles';
import { DemoEvent } from './demoEvents';
import { Random } from './random';

/** Hands out ids unique per source across all services. */
export class IdRegistry {
  private readonly used = new Map<string, Set<string>>();

  /** Draws ids from `draw` until one is new for `source`. */
  claim(source: string, draw: () => string): string {
    let ids = this.used.get(source);
    if (!ids) {
      ids = new Set();
      this.used.set(source, ids);
    }
    for (;;) {
      const id = draw();
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  }
}

/** What the parts of one service's simulation share. */
export interface SimulationContext {
  readonly profile: ServiceProfile;
  readonly entityRef: string;
  /** The simulated window, epoch millis: `[from, to)`. */
  readonly from: number;
  readonly to: number;
  readonly rng: Random;
  readonly ids: IdRegistry;
  /** Every event of the service so far, in the order it was made. */
  readonly events: DemoEvent[];
}
