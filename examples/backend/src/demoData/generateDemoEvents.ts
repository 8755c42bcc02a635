import {
  ServiceProfile,
  entityRefOf,
  mergesPerWeek,
  serviceProfiles,
} from './profiles';
import { Random, deriveSeed } from './random';

/**
 * Generates a plausible delivery history for every service of the example
 * catalog: pull requests, staging and production deployments (with failed
 * runs, redeploys, rollbacks and hotfixes) and incidents, in the ingest
 * shape of `POST /api/dora/v1/events`. A pure function of its options: the
 * same `now` and `seed` always give the same events.
 */

export interface DemoDeploymentEvent {
  kind: 'deployment';
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: 'success' | 'failure' | 'aborted';
  startedAt: string;
  finishedAt: string;
  version: string;
  commitSha: string;
  changeIds?: string[];
  rollbackOf?: string;
  deploymentKind: 'normal' | 'hotfix' | 'rollback';
}

export interface DemoChangeEvent {
  kind: 'change';
  source: string;
  id: string;
  entityRef?: string;
  repository: string;
  number?: number;
  title: string;
  author: string;
  firstCommitAt: string;
  openedAt?: string;
  firstReviewAt?: string;
  approvedAt?: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  additions: number;
  deletions: number;
  reviewCount: number;
  revertOf?: string;
  labels: string[];
}

export interface DemoIncidentEvent {
  kind: 'incident';
  source: string;
  id: string;
  entityRef?: string;
  serviceId?: string;
  title: string;
  openedAt: string;
  resolvedAt?: string;
  severity: string;
  deploymentId?: string;
  changeId?: string;
  causedByDeployment?: boolean;
}

export type DemoEvent =
  DemoDeploymentEvent | DemoChangeEvent | DemoIncidentEvent;

export interface GenerateDemoEventsOptions {
  /** The end of the generated history (exclusive). */
  now: Date;
  /** How many days before `now` the history starts. */
  days: number;
  seed: number;
  /** Defaults to every profile of the example catalog. */
  profiles?: ServiceProfile[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** Working hours (UTC) in which people commit, review and deploy. */
const WORK_START_HOUR = 8;
const WORK_END_HOUR = 18;

/** ISO-8601 in UTC with a `Z`, whole seconds. */
function iso(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

function isWorkingTime(millis: number): boolean {
  const date = new Date(millis);
  const weekday = date.getUTCDay();
  const hour = date.getUTCHours();
  return (
    weekday >= 1 &&
    weekday <= 5 &&
    hour >= WORK_START_HOUR &&
    hour < WORK_END_HOUR
  );
}

/** The start of the next working period at or after `millis`. */
function nextWorkingStart(millis: number): number {
  const date = new Date(millis);
  let day = Date.UTC(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
  );
  for (;;) {
    const start = day + WORK_START_HOUR * HOUR;
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && start + 10 * HOUR > millis) {
      return Math.max(start, millis);
    }
    day += DAY;
  }
}

/** Hands out ids unique per source across all services. */
class IdRegistry {
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

interface ChangeRecord {
  event: DemoChangeEvent;
  /** Epoch millis of the merge, `null` when not merged (yet). */
  mergedAt: number | null;
}

interface Release {
  version: string;
  commitSha: string;
  changeIds: string[];
}

type ChangeKind = 'normal' | 'hotfix' | 'revert';

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

/** Simulates one service over `[from, to)` and collects its events. */
class ServiceSimulation {
  readonly events: DemoEvent[] = [];
  private readonly entityRef: string;
  private prNumber: number;
  private run: number;
  private minor: number;
  private patch = 0;
  private incidentNumber = 0;
  private current: Release | null = null;
  private previous: Release | null = null;
  /** Normal deploy attempts wait until an incident or a redeploy is over. */
  private freezeUntil = -Infinity;
  /** Merged normal changes not yet shipped, in merge order. */
  private pending: ChangeRecord[] = [];
  private merged: ChangeRecord[] = [];
  private mergedCursor = 0;

  constructor(
    private readonly profile: ServiceProfile,
    private readonly from: number,
    private readonly to: number,
    private readonly rng: Random,
    private readonly ids: IdRegistry,
  ) {
    this.entityRef = entityRefOf(profile);
    this.prNumber = rng.int(100, 2000);
    this.run = rng.int(1000, 20000);
    this.minor = rng.int(1, 40);
  }

  simulate(): DemoEvent[] {
    const changes = this.normalChanges();
    this.merged = changes
      .filter(c => c.mergedAt !== null)
      .sort((a, b) => a.mergedAt! - b.mergedAt!);
    if (this.profile.deployments) {
      this.deploymentHistory();
    } else {
      this.pullRequestHistory();
    }
    this.backgroundIncidents();
    return this.events;
  }

  // ---- changes -------------------------------------------------------------

  /** Pull requests (and direct commits) started over the whole window. */
  private normalChanges(): ChangeRecord[] {
    const perWeek = mergesPerWeek(this.profile);
    // Weekdays get the work; weekends a tenth of a weekday.
    const perWeekday = perWeek / 5.2;
    const records: ChangeRecord[] = [];
    for (let day = this.from; day < this.to; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      const lambda =
        weekday === 0 || weekday === 6 ? perWeekday * 0.1 : perWeekday;
      const count = this.rng.poisson(lambda);
      const starts: number[] = [];
      for (let i = 0; i < count; i++) {
        const start =
          day +
          WORK_START_HOUR * HOUR +
          this.rng.float(0, (WORK_END_HOUR - WORK_START_HOUR) * HOUR);
        if (start < this.to) starts.push(start);
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
    if (isWorkingTime(millis) || this.rng.chance(0.12)) return millis;
    return nextWorkingStart(millis) + this.rng.float(0, 2 * HOUR);
  }

  private title(kind: ChangeKind, reverted?: DemoChangeEvent): string {
    const { topics } = this.profile;
    if (kind === 'revert' && reverted) return `Revert "${reverted.title}"`;
    if (kind === 'hotfix') {
      return `Hotfix: ${this.rng.pick(['restore', 'guard', 'roll forward'])} ${this.rng.pick(topics)}`;
    }
    return `${this.rng.pick(VERBS)} ${this.rng.pick(topics)}`;
  }

  /**
   * A change whose first commit is at `start`. Normal changes follow the
   * profile's review habits; hotfixes and reverts are rushed through.
   * Returns `null` when the pull request would open after the window.
   */
  private change(
    start: number,
    kind: ChangeKind,
    reverted?: DemoChangeEvent,
  ): ChangeRecord | null {
    const { rng, profile } = this;
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
      ...(rng.chance(p.omitEntityRefRate) ? {} : { entityRef: this.entityRef }),
      repository: profile.repository,
    };
    const author = rng.pick(profile.authors);

    if (direct) {
      // A commit pushed to the default branch: no pull request, no review.
      const pushedAt = start + rng.duration({ medianMinutes: 20, spread: 0.8 });
      if (pushedAt >= this.to) return null;
      const event: DemoChangeEvent = {
        ...base,
        id: this.ids.claim('github', () => `${profile.repository}@${sha}`),
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
    if (opened >= this.to) return null;
    const number = this.prNumber++;
    const event: DemoChangeEvent = {
      ...base,
      id: this.ids.claim('github', () => `${profile.repository}#${number}`),
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
      if (firstReview >= this.to) return this.keep(event, null);
      event.firstReviewAt = iso(firstReview);
      event.reviewCount = 1;
      const approved = urgent
        ? firstReview + rng.duration({ medianMinutes: 5, spread: 0.6 })
        : this.duringWork(firstReview + rng.duration(p.review));
      if (approved >= this.to) return this.keep(event, null);
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
    if (mergedAt >= this.to) return this.keep(event, null);
    event.mergedAt = iso(mergedAt);
    event.mergeCommitSha = sha;
    return this.keep(event, mergedAt);
  }

  private keep(event: DemoChangeEvent, mergedAt: number | null): ChangeRecord {
    this.events.push(event);
    return { event, mergedAt };
  }

  // ---- deployments ---------------------------------------------------------

  /** Deploy attempt times over the window. */
  private deployAttempts(): number[] {
    const d = this.profile.deployments!;
    const attempts: number[] = [];
    if (d.cadence === 'continuous' && d.deploysPerWeek < 5) {
      // Fewer than one a day: fairly regular gaps, not Poisson bursts and droughts.
      const spread = 0.5;
      const medianGap =
        (WEEK / d.deploysPerWeek) * Math.exp((-spread * spread) / 2);
      let t = this.from + this.rng.float(DAY, 2 * DAY);
      for (;;) {
        t = nextWorkingStart(t + this.rng.lognormal(medianGap, spread));
        t += this.rng.float(HOUR, 8 * HOUR);
        if (t >= this.to) break;
        attempts.push(t);
      }
      return attempts;
    }
    // Leave the first day for the first pull requests.
    for (let day = this.from + DAY; day < this.to; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      if (d.cadence === 'weekly') {
        // One release train a week, Thursday afternoon.
        if (weekday === 4 && !this.rng.chance(d.cancelledTrainRate ?? 0)) {
          attempts.push(day + 14 * HOUR + this.rng.float(-HOUR, HOUR));
        }
        continue;
      }
      const weekend = weekday === 0 || weekday === 6;
      const lambda = weekend ? d.deploysPerWeek * 0.01 : d.deploysPerWeek / 5;
      const count = this.rng.poisson(lambda);
      for (let i = 0; i < count; i++) {
        attempts.push(
          day + 9 * HOUR + this.rng.float(0, 8.5 * HOUR), // 09:00-17:30 UTC
        );
      }
    }
    return attempts.sort((a, b) => a - b);
  }

  /** Moves merged changes up to `until` into the pending queue. */
  private pullMerged(until: number): void {
    while (
      this.mergedCursor < this.merged.length &&
      this.merged[this.mergedCursor].mergedAt! <= until
    ) {
      this.pending.push(this.merged[this.mergedCursor++]);
    }
  }

  private deploymentHistory(): void {
    const d = this.profile.deployments!;
    for (const attempt of this.deployAttempts()) {
      if (attempt < this.freezeUntil) continue;
      this.pullMerged(attempt - 5 * MINUTE);
      if (!this.pending.length) {
        // Nothing new: now and then someone re-runs the last deployment.
        if (this.current && this.rng.chance(d.redeployRate * 3)) {
          this.redeploy(attempt);
        }
        continue;
      }
      const batch = this.pending.splice(0);
      const deployment = this.release(attempt, batch, 'normal', false);
      if (!deployment) break;
      const finishedAt = Date.parse(deployment.finishedAt);
      this.freezeUntil = finishedAt + MINUTE;
      if (this.rng.chance(d.redeployRate)) {
        const at = this.redeploy(
          finishedAt + this.rng.duration({ medianMinutes: 25, spread: 0.5 }),
        );
        if (at !== null) this.freezeUntil = at + MINUTE;
      }
      if (this.rng.chance(this.profile.failures.changeFailureRate)) {
        this.failure(
          deployment,
          batch.map(c => c.event),
        );
      }
    }
  }

  private nextRunId(): string {
    const d = this.profile.deployments!;
    return this.ids.claim(d.source, () => `${this.profile.name}-${this.run++}`);
  }

  private deployment(
    fields: Omit<
      DemoDeploymentEvent,
      'kind' | 'source' | 'id' | 'entityRef' | 'startedAt' | 'finishedAt'
    >,
    startedAt: number,
    finishedAt: number,
  ): DemoDeploymentEvent {
    const d = this.profile.deployments!;
    const event: DemoDeploymentEvent = {
      kind: 'deployment',
      source: d.source,
      id: this.nextRunId(),
      entityRef: this.entityRef,
      environment: fields.environment,
      status: fields.status,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
      version: fields.version,
      commitSha: fields.commitSha,
      ...(d.link === 'change-ids' && fields.changeIds
        ? { changeIds: fields.changeIds }
        : {}),
      ...(fields.rollbackOf ? { rollbackOf: fields.rollbackOf } : {}),
      deploymentKind: fields.deploymentKind,
    };
    this.events.push(event);
    return event;
  }

  /**
   * Runs the pipeline for a batch starting at `start`: staging (unless
   * urgent), then production with failed or aborted runs before the
   * successful one, then the other production environments. Returns the
   * successful primary production deployment, or `null` when it would
   * finish after the window.
   */
  private release(
    start: number,
    batch: ChangeRecord[],
    kind: 'normal' | 'hotfix',
    urgent: boolean,
  ): DemoDeploymentEvent | null {
    const d = this.profile.deployments!;
    const { rng } = this;
    const ordered = [...batch].sort((a, b) => a.mergedAt! - b.mergedAt!);
    if (kind === 'hotfix') {
      this.patch++;
    } else {
      this.minor++;
      this.patch = 0;
    }
    const release: Release = {
      version: `v1.${this.minor}.${this.patch}`,
      commitSha: ordered[ordered.length - 1].event.mergeCommitSha!,
      changeIds: ordered.map(c => c.event.id),
    };
    const common = {
      version: release.version,
      commitSha: release.commitSha,
      changeIds: release.changeIds,
      deploymentKind: kind,
    };

    let t = start;
    const runFor = () => rng.duration(d.runDuration);
    if (d.stagingEnvironment && !urgent) {
      if (rng.chance(d.pipelineFailureRate / 2)) {
        const end = t + runFor();
        if (end >= this.to) return null;
        this.deployment(
          { ...common, environment: d.stagingEnvironment, status: 'failure' },
          t,
          end,
        );
        t = end + rng.duration(d.retryDelay);
      }
      const end = t + runFor();
      if (end >= this.to) return null;
      this.deployment(
        { ...common, environment: d.stagingEnvironment, status: 'success' },
        t,
        end,
      );
      t =
        end + rng.duration({ medianMinutes: 10, spread: 0.6, maxMinutes: 90 });
    }

    const [primary, ...others] = d.productionEnvironments;
    let failureChance = d.pipelineFailureRate;
    while (rng.chance(failureChance)) {
      const end = t + runFor();
      if (end >= this.to) return null;
      this.deployment(
        { ...common, environment: primary, status: 'failure' },
        t,
        end,
      );
      t = end + rng.duration(d.retryDelay);
      failureChance = d.repeatFailureRate;
    }
    if (rng.chance(d.abortRate)) {
      const end = t + rng.duration({ medianMinutes: 3, spread: 0.5 });
      if (end >= this.to) return null;
      this.deployment(
        { ...common, environment: primary, status: 'aborted' },
        t,
        end,
      );
      t = end + rng.duration({ medianMinutes: 10, spread: 0.5 });
    }
    const end = t + runFor();
    if (end >= this.to) return null;
    const success = this.deployment(
      { ...common, environment: primary, status: 'success' },
      t,
      end,
    );
    this.previous = this.current;
    this.current = release;
    this.followOtherEnvironments(others, end, common);
    return success;
  }

  /** The other production regions get the same version a little later (redeploys). */
  private followOtherEnvironments(
    environments: string[],
    after: number,
    fields: Omit<
      DemoDeploymentEvent,
      | 'kind'
      | 'source'
      | 'id'
      | 'entityRef'
      | 'startedAt'
      | 'finishedAt'
      | 'environment'
      | 'status'
    >,
  ): void {
    let t = after;
    for (const environment of environments) {
      const start =
        t +
        this.rng.duration({ medianMinutes: 15, spread: 0.5, maxMinutes: 60 });
      const end =
        start + this.rng.duration(this.profile.deployments!.runDuration);
      if (end >= this.to) return;
      this.deployment(
        { ...fields, environment, status: 'success' },
        start,
        end,
      );
      t = end;
    }
  }

  /** Re-deploys the current version to production; returns when it finished. */
  private redeploy(start: number): number | null {
    if (!this.current) return null;
    const d = this.profile.deployments!;
    const end = start + this.rng.duration(d.runDuration);
    if (end >= this.to) return null;
    this.deployment(
      {
        environment: d.productionEnvironments[0],
        status: 'success',
        version: this.current.version,
        commitSha: this.current.commitSha,
        changeIds: this.current.changeIds,
        deploymentKind: 'normal',
      },
      start,
      end,
    );
    return end;
  }

  /** Rolls production back to the previous version. */
  private rollback(
    start: number,
    bad: DemoDeploymentEvent,
  ): DemoDeploymentEvent | null {
    const d = this.profile.deployments!;
    const target = this.previous!;
    const end = start + this.rng.duration(d.runDuration);
    if (end >= this.to) return null;
    const fields = {
      version: target.version,
      commitSha: target.commitSha,
      // A rollback ships no new change.
      changeIds: [],
      deploymentKind: 'rollback' as const,
    };
    const event = this.deployment(
      {
        ...fields,
        environment: d.productionEnvironments[0],
        status: 'success',
        rollbackOf: bad.id,
      },
      start,
      end,
    );
    this.current = target;
    this.previous = null;
    this.followOtherEnvironments(
      d.productionEnvironments.slice(1),
      end,
      fields,
    );
    return event;
  }

  /**
   * Ships a hotfix or revert change as soon as it is merged. With explicit
   * change lists only the fix ships; when deployments are linked by commit,
   * every change merged before it ships too, as the plugin will infer.
   */
  private shipFix(
    fix: ChangeRecord,
    kind: 'normal' | 'hotfix',
  ): DemoDeploymentEvent | null {
    const d = this.profile.deployments!;
    let batch = [fix];
    if (d.link === 'commit-sha') {
      this.pullMerged(fix.mergedAt!);
      batch = [...this.pending.splice(0), fix];
    }
    return this.release(
      fix.mergedAt! + this.rng.duration({ medianMinutes: 3, spread: 0.5 }),
      batch,
      kind,
      true,
    );
  }

  // ---- failures and incidents ----------------------------------------------

  /**
   * A deployment (or, in pull-request mode, a merge) that broke production:
   * an incident (when the service has an incident source) and a remediation.
   */
  private failure(
    bad: DemoDeploymentEvent | null,
    shipped: DemoChangeEvent[],
    mergedAt?: number,
  ): void {
    const { rng, profile } = this;
    const f = profile.failures;
    const releasedAt = bad ? Date.parse(bad.finishedAt) : mergedAt!;

    let remediation = rng.weighted(f.remediation);
    if (remediation === 'rollback' && (!bad || !this.previous)) {
      remediation = 'fixForward';
    }

    // The incident: how it names its cause decides when it may open.
    let incident: DemoIncidentEvent | null = null;
    let openedAt = releasedAt + rng.duration(f.detection);
    if (profile.incidents) {
      const link = rng.weighted(bad ? f.link : { ...f.link, deployment: 0 });
      const fields: Partial<DemoIncidentEvent> = {};
      if (link === 'deployment') {
        fields.deploymentId = bad!.id;
      } else if (link === 'change') {
        fields.changeId = rng.pick(shipped).id;
      } else if (rng.chance(0.25)) {
        // Known to be deployment-caused: the window does not limit it.
        fields.causedByDeployment = true;
        openedAt =
          releasedAt +
          rng.duration({
            medianMinutes: profile.attributionWindowMinutes * 1.5,
            spread: 0.4,
          });
      } else {
        // Neither link: blamed through the attribution window.
        openedAt = Math.min(
          openedAt,
          releasedAt + profile.attributionWindowMinutes * MINUTE * 0.9,
        );
      }
      if (openedAt >= this.to) return;
      incident = this.incident(openedAt, fields);
    }
    if (openedAt >= this.to) return;

    const reactAt = openedAt + rng.duration(f.reaction);
    let fixedAt: number | null = null;
    if (remediation === 'rollback') {
      const rollback = this.rollback(reactAt, bad!);
      fixedAt = rollback ? Date.parse(rollback.finishedAt) : null;
    } else if (remediation === 'hotfix' || remediation === 'revert') {
      const reverted = remediation === 'revert' ? rng.pick(shipped) : undefined;
      const fix = this.change(reactAt, remediation, reverted);
      if (fix?.mergedAt) {
        if (!profile.deployments) {
          // Pull-request mode: merged is deployed.
          fixedAt = fix.mergedAt;
        } else {
          const deployed = this.shipFix(
            fix,
            remediation === 'hotfix' ? 'hotfix' : 'normal',
          );
          fixedAt = deployed ? Date.parse(deployed.finishedAt) : null;
        }
      }
    } else {
      fixedAt =
        openedAt + rng.duration(profile.incidents?.duration ?? f.reaction);
    }

    const freezeDays = profile.deployments?.freezeDaysAfterFailure ?? 0;
    if (freezeDays && fixedAt !== null) {
      this.freezeUntil = Math.max(this.freezeUntil, fixedAt + freezeDays * DAY);
    }
    if (incident) {
      const resolvedAt =
        fixedAt === null
          ? null
          : fixedAt + rng.duration({ medianMinutes: 8, spread: 0.6 });
      if (resolvedAt !== null && resolvedAt < this.to) {
        incident.resolvedAt = iso(resolvedAt);
      }
      this.freezeUntil = Math.max(
        this.freezeUntil,
        (resolvedAt ?? this.to) + 10 * MINUTE,
      );
    } else {
      this.freezeUntil = Math.max(
        this.freezeUntil,
        (fixedAt ?? this.to) + 10 * MINUTE,
      );
    }
  }

  private incident(
    openedAt: number,
    fields: Partial<DemoIncidentEvent>,
  ): DemoIncidentEvent {
    const { rng, profile } = this;
    const p = profile.incidents!;
    let id: string;
    if (p.tool === 'pagerduty') {
      id = this.ids.claim('pagerduty', () => `Q${rng.alphanumeric(13)}`);
    } else if (p.tool === 'opsgenie') {
      id = this.ids.claim('opsgenie', () => {
        const h = rng.hex(32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      });
    } else {
      id = this.ids.claim(
        'webhook',
        () =>
          `${profile.name}-INC-${String(++this.incidentNumber).padStart(4, '0')}`,
      );
    }
    const omitEntityRef =
      p.serviceId !== undefined && rng.chance(p.omitEntityRefRate);
    const symptom = rng.pick([
      'Elevated 5xx on',
      'Latency spike in',
      'Errors in',
      'Degraded',
      'Timeouts in',
    ]);
    const event: DemoIncidentEvent = {
      kind: 'incident',
      source: p.tool,
      id,
      ...(omitEntityRef ? {} : { entityRef: this.entityRef }),
      ...(p.serviceId ? { serviceId: p.serviceId } : {}),
      title: `${symptom} ${rng.pick(profile.topics)}`,
      openedAt: iso(openedAt),
      severity: rng.pick(p.severities),
      ...fields,
    };
    this.events.push(event);
    return event;
  }

  /** Incidents no change caused (load, a dependency, a cloud outage), and a few still open. */
  private backgroundIncidents(): void {
    const p = this.profile.incidents;
    if (!p) return;
    const { rng } = this;
    const weeks = (this.to - this.from) / WEEK;
    const count = rng.poisson(p.backgroundPerWeek * weeks);
    for (let i = 0; i < count; i++) {
      const openedAt = rng.float(this.from, this.to);
      const resolvedAt = openedAt + rng.duration(p.duration);
      const incident = this.incident(
        openedAt,
        rng.chance(p.notCausedByDeploymentRate)
          ? { causedByDeployment: false }
          : {},
      );
      if (resolvedAt < this.to) incident.resolvedAt = iso(resolvedAt);
    }
    for (let i = 0; i < p.stillOpen; i++) {
      const openedAt = this.to - rng.float(2 * HOUR, 3 * DAY);
      this.incident(openedAt, { causedByDeployment: false });
    }
  }

  // ---- pull-request mode ---------------------------------------------------

  /** No deployments: each merge is a release, and some of them break things. */
  private pullRequestHistory(): void {
    for (const record of this.merged) {
      if (this.rng.chance(this.profile.failures.changeFailureRate)) {
        this.failure(null, [record.event], record.mergedAt!);
      }
    }
  }
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
