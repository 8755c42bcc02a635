import { ChangeRecord, ChangeWriter } from './changes';
import { deployAttempts } from './deployAttempts';
import {
  DemoChangeEvent,
  DemoDeploymentEvent,
  DemoEvent,
  DemoIncidentEvent,
} from './demoEvents';
import { IncidentWriter } from './incidents';
import { entityRefOf } from './profileFacts';
import { ServiceProfile } from './profiles';
import { Random } from './random';
import { ReleasePipeline } from './releasePipeline';
import { IdRegistry, SimulationContext } from './simulationContext';
import { DAY, MINUTE, iso } from './workingTime';

/**
 * Simulates one service over `[from, to)` and collects its events: merged
 * changes are shipped in batches, and some releases fail and are remediated.
 */
export class ServiceSimulation {
  private readonly sim: SimulationContext;
  private readonly changes: ChangeWriter;
  private readonly pipeline: ReleasePipeline;
  private readonly incidents: IncidentWriter;
  /** Normal deploy attempts wait until an incident or a redeploy is over. */
  private freezeUntil = -Infinity;
  /** Merged normal changes not yet shipped, in merge order. */
  private pending: ChangeRecord[] = [];
  private merged: ChangeRecord[] = [];
  private mergedCursor = 0;

  constructor(
    profile: ServiceProfile,
    from: number,
    to: number,
    rng: Random,
    ids: IdRegistry,
  ) {
    this.sim = {
      profile,
      entityRef: entityRefOf(profile),
      from,
      to,
      rng,
      ids,
      events: [],
    };
    // The order matters: each draws its first numbers from the stream.
    this.changes = new ChangeWriter(this.sim);
    this.pipeline = new ReleasePipeline(this.sim);
    this.incidents = new IncidentWriter(this.sim);
  }

  simulate(): DemoEvent[] {
    const changes = this.changes.normalChanges();
    this.merged = changes
      .filter(c => c.mergedAt !== null)
      .sort((a, b) => a.mergedAt! - b.mergedAt!);
    if (this.sim.profile.deployments) {
      this.deploymentHistory();
    } else {
      this.pullRequestHistory();
    }
    this.incidents.backgroundIncidents();
    return this.sim.events;
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
    const d = this.sim.profile.deployments!;
    for (const attempt of deployAttempts(this.sim)) {
      if (attempt < this.freezeUntil) continue;
      this.pullMerged(attempt - 5 * MINUTE);
      if (!this.pending.length) {
        // Nothing new: now and then someone re-runs the last deployment.
        if (
          this.pipeline.hasRelease &&
          this.sim.rng.chance(d.redeployRate * 3)
        ) {
          this.pipeline.redeploy(attempt);
        }
        continue;
      }
      const batch = this.pending.splice(0);
      const deployment = this.pipeline.release(attempt, batch, 'normal', false);
      if (!deployment) break;
      const finishedAt = Date.parse(deployment.finishedAt);
      this.freezeUntil = finishedAt + MINUTE;
      if (this.sim.rng.chance(d.redeployRate)) {
        const at = this.pipeline.redeploy(
          finishedAt +
            this.sim.rng.duration({ medianMinutes: 25, spread: 0.5 }),
        );
        if (at !== null) this.freezeUntil = at + MINUTE;
      }
      if (this.sim.rng.chance(this.sim.profile.failures.changeFailureRate)) {
        this.failure(
          deployment,
          batch.map(c => c.event),
        );
      }
    }
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
    const d = this.sim.profile.deployments!;
    let batch = [fix];
    if (d.link === 'commit-sha') {
      this.pullMerged(fix.mergedAt!);
      batch = [...this.pending.splice(0), fix];
    }
    return this.pipeline.release(
      fix.mergedAt! + this.sim.rng.duration({ medianMinutes: 3, spread: 0.5 }),
      batch,
      kind,
      true,
    );
  }

  /**
   * A deployment (or, in pull-request mode, a merge) that broke production:
   * an incident (when the service has an incident source) and a remediation.
   */
  private failure(
    bad: DemoDeploymentEvent | null,
    shipped: DemoChangeEvent[],
    mergedAt?: number,
  ): void {
    const { rng, profile } = this.sim;
    const f = profile.failures;
    const releasedAt = bad ? Date.parse(bad.finishedAt) : mergedAt!;

    let remediation = rng.weighted(f.remediation);
    if (remediation === 'rollback' && (!bad || !this.pipeline.canRollBack)) {
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
      if (openedAt >= this.sim.to) return;
      incident = this.incidents.incident(openedAt, fields);
    }
    if (openedAt >= this.sim.to) return;

    const reactAt = openedAt + rng.duration(f.reaction);
    let fixedAt: number | null = null;
    if (remediation === 'rollback') {
      const rollback = this.pipeline.rollback(reactAt, bad!);
      fixedAt = rollback ? Date.parse(rollback.finishedAt) : null;
    } else if (remediation === 'hotfix' || remediation === 'revert') {
      const reverted = remediation === 'revert' ? rng.pick(shipped) : undefined;
      const fix = this.changes.change(reactAt, remediation, reverted);
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
      if (resolvedAt !== null && resolvedAt < this.sim.to) {
        incident.resolvedAt = iso(resolvedAt);
      }
      this.freezeUntil = Math.max(
        this.freezeUntil,
        (resolvedAt ?? this.sim.to) + 10 * MINUTE,
      );
    } else {
      this.freezeUntil = Math.max(
        this.freezeUntil,
        (fixedAt ?? this.sim.to) + 10 * MINUTE,
      );
    }
  }

  /** No deployments: each merge is a release, and some of them break things. */
  private pullRequestHistory(): void {
    for (const record of this.merged) {
      if (this.sim.rng.chance(this.sim.profile.failures.changeFailureRate)) {
        this.failure(null, [record.event], record.mergedAt!);
      }
    }
  }
}
