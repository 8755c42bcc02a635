import { DAY_MS, InitiativeSnapshot } from '@dora-metrics/plugin-dora-common';

/** Enough for every initiative's current version; past it, the day starts over. */
const MAX_ENTRIES = 1000;

/**
 * An initiative's snapshots before now, kept until the UTC day ends. Only
 * the standings are kept (who meets the target, what they miss), not the
 * graded results, so a year of weeks of a large scope stays small.
 */
export class PastSnapshotsCache {
  private day = NaN;
  private readonly entries = new Map<string, InitiativeSnapshot[]>();

  /** The snapshots kept under `key` today, if all are before `now`. */
  get(key: string, now: number): InitiativeSnapshot[] | undefined {
    this.roll(now);
    const kept = this.entries.get(key);
    if (!kept || kept.some(s => Date.parse(s.at) >= now)) return undefined;
    return kept;
  }

  set(key: string, now: number, snapshots: InitiativeSnapshot[]): void {
    this.roll(now);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, snapshots);
  }

  private roll(now: number) {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.entries.clear();
      this.day = day;
    }
  }
}
