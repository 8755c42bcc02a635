import { DemoChangeEvent } from './demoEvents';
import { mergesPerWeek } from './profileFacts';
import { SimulationContext } from './simulationContext';
import {
  DAY,
  HOUR,
  WORK_END_HOUR,
  WORK_START_HOUR,
  iso,
  isWorkingTime,
  nextWorkingStart,
} from './workingTime';

export interface ChangeRecord {
  event: DemoChangeEvent;
  /** Epoch millis of the merge, `null` when not merged (yet). */
  mergedAt: number | null;
}

export type ChangeKind = 'normal' | 'hotfix' | 'revert';

const VERBS = [
  'Add',
  'Fix',
  'Refactor',
  'Speed up',
  'Harden',
  'Clean up',
  'Log more detail in',
  'Add tests for',
  'Simplify',
  'Retry',
];

/** Every this many pull requests, one is a dependency bump by a bot. */
const BOT_EVERY = 12;
const BUMPED = ['express', 'axios', 'pg', 'zod', 'undici'];

/**
 * Turns a drawn pull request into dependabot's bump of one of its topics,
 * after the random draws, so the rest of the demo stays as it was. The
 * example's `dora.exclusions` leaves these out of lead time and the
 * pull-request metrics; the drill-down marks them.
 */
function asBotBump(event: DemoChangeEvent, number: number): void {
  const dependency = BUMPED[(number / BOT_EVERY) % BUMPED.length];
  event.title = `Bump ${dependency} from 4.1.${number % 9} to 4.1.${(number % 9) + 1}`;
  event.author = 'dependabot[bot]';
  event.authorKind = 'bot';
  event.labels = ['dependencies'];
}

/** Writes one service's pull requests and direct commits. */
export class ChangeWriter {
  private prNumber: number;

  constructor(private readonly sim: SimulationContext) {
    this.prNumber = sim.rng.int(100, 2000);
  }

  /** Pull requests (and direct commits) started over the whole window. */
  normalChanges(): ChangeRecord[] {
    const perWeek = mergesPerWeek(this.sim.profile);
    // Weekdays get the work; weekends a tenth of a weekday.
    const perWeekday = perWeek / 5.2;
    const records: ChangeRecord[] = [];
    for (let day = this.sim.from; day < this.sim.to; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      const lambda =
        weekday === 0 || weekday === 6 ? perWeekday * 0.1 : perWeekday;
      const count = this.sim.rng.poisson(lambda);
      const starts: number[] = [];
      for (let i = 0; i < count; i++) {
        const start =
          day +
          WORK_START_HOUR * HOUR +
          this.sim.rng.float(0, (WORK_END_HOUR - WORK_START_HOUR) * HOUR);
        if (start < this.sim.to) starts.push(start);
      }
      starts.sort((a, b) => a - b);
      for (const start of starts) {
        const record = this.change(start, 'normal');
        if (record) records.push(record);
      }
    }
    return records;
  }

  /** Moves an instant into working hours, most of the time (people also work late). */
  private duringWork(millis: number): number {
    if (isWorkingTime(millis) || this.sim.rng.chance(0.12)) return millis;
    return nextWorkingStart(millis) + this.sim.rng.float(0, 2 * HOUR);
  }

  private title(kind: ChangeKind, reverted?: DemoChangeEvent): string {
    const { topics } = this.sim.profile;
    if (kind === 'revert' && reverted) return `Revert "${reverted.title}"`;
    if (kind === 'hotfix') {
      return `Hotfix: ${this.sim.rng.pick(['restore', 'guard', 'roll forward'])} ${this.sim.rng.pick(topics)}`;
    }
    return `${this.sim.rng.pick(VERBS)} ${this.sim.rng.pick(topics)}`;
  }

  /**
   * A change whose first commit is at `start`. Normal changes follow the
   * profile's review habits; hotfixes and reverts are rushed through.
   * Returns `null` when the pull request would open after the window.
   */
  change(
    start: number,
    kind: ChangeKind,
    reverted?: DemoChangeEvent,
  ): ChangeRecord | null {
    const { rng, profile } = this.sim;
    const p = profile.changes;
    const urgent = kind !== 'normal';
    const direct = !urgent && rng.chance(p.directCommitRate);
    const sha = rng.hex(40);

    let additions: number;
    let deletions: number;
    if (reverted) {
      additions = reverted.deletions;
      deletions = reverted.additions;
    } else {
      const size = Math.max(
        1,
        Math.round(
          rng.lognormal(urgent ? p.size.median / 4 : p.size.median, 0.8),
        ),
      );
      additions = Math.max(1, Math.round(size * rng.float(0.45, 0.9)));
      deletions = Math.max(0, size - additions);
    }

    const labels: string[] = [];
    if (kind === 'hotfix') labels.push('hotfix', 'bug');
    else if (kind === 'revert') labels.push('revert');
    else if (rng.chance(0.15)) labels.push('bug');
    else if (rng.chance(0.2)) labels.push('feature');
    else if (rng.chance(0.08)) labels.push('dependencies');

    const base = {
      kind: 'change' as const,
      source: 'github',
      ...(rng.chance(p.omitEntityRefRate)
        ? {}
        : { entityRef: this.sim.entityRef }),
      repository: profile.repository,
    };
    const author = rng.pick(profile.authors);

    if (direct) {
      // A commit pushed to the default branch: no pull request, no review.
      const pushedAt = start + rng.duration({ medianMinutes: 20, spread: 0.8 });
      if (pushedAt >= this.sim.to) return null;
      const event: DemoChangeEvent = {
        ...base,
        id: this.sim.ids.claim('github', () => `${profile.repository}@${sha}`),
        title: this.title(kind, reverted),
        author,
        firstCommitAt: iso(start),
        mergedAt: iso(pushedAt),
        mergeCommitSha: sha,
        additions,
        deletions,
        reviewCount: 0,
        labels,
      };
      return this.keep(event, pushedAt);
    }

    const opened = urgent
      ? start + rng.duration({ medianMinutes: 12, spread: 0.5 })
      : this.duringWork(start + rng.duration(p.coding));
    if (opened >= this.sim.to) return null;
    const number = this.prNumber++;
    const event: DemoChangeEvent = {
      ...base,
      id: this.sim.ids.claim('github', () => `${profile.repository}#${number}`),
      number,
      title: this.title(kind, reverted),
      author,
      firstCommitAt: iso(start),
      openedAt: iso(opened),
      additions,
      deletions,
      reviewCount: 0,
      labels,
      ...(reverted ? { revertOf: reverted.id } : {}),
    };
    if (kind === 'normal' && number % BOT_EVERY === 0) asBotBump(event, number);
    const unreviewed = rng.chance(urgent ? 0.3 : p.unreviewedRate);
    let mergedAt: number;
    if (unreviewed) {
      mergedAt = urgent
        ? opened + rng.duration({ medianMinutes: 4, spread: 0.5 })
        : this.duringWork(opened + rng.duration(p.merge));
    } else {
      const firstReview = urgent
        ? opened + rng.duration({ medianMinutes: 6, spread: 0.6 })
        : this.duringWork(opened + rng.duration(p.pickup));
      if (firstReview >= this.sim.to) return this.keep(event, null);
      event.firstReviewAt = iso(firstReview);
      event.reviewCount = 1;
      const approved = urgent
        ? firstReview + rng.duration({ medianMinutes: 5, spread: 0.6 })
        : this.duringWork(firstReview + rng.duration(p.review));
      if (approved >= this.sim.to) return this.keep(event, null);
      event.approvedAt = iso(approved);
      event.reviewCount = Math.min(5, 1 + rng.poisson(urgent ? 0.2 : 0.7));
      mergedAt = urgent
        ? approved + rng.duration({ medianMinutes: 2, spread: 0.5 })
        : this.duringWork(approved + rng.duration(p.merge));
    }
    if (!urgent && rng.chance(p.abandonRate)) {
      // Closed without merging.
      return this.keep(event, null);
    }
    if (mergedAt >= this.sim.to) return this.keep(event, null);
    event.mergedAt = iso(mergedAt);
    event.mergeCommitSha = sha;
    return this.keep(event, mergedAt);
  }

  private keep(event: DemoChangeEvent, mergedAt: number | null): ChangeRecord {
    this.sim.events.push(event);
    return { event, mergedAt };
  }
}
