import { ChangeRecord } from './changes';
import { DemoDeploymentEvent } from './demoEvents';
import { SimulationContext } from './simulationContext';
import { iso } from './workingTime';

export interface Release {
  version: string;
  commitSha: string;
  changeIds: string[];
}

/** Fields of a deployment the pipeline copies from one environment to the next. */
type ReleaseFields = Omit<
  DemoDeploymentEvent,
  | 'kind'
  | 'source'
  | 'id'
  | 'entityRef'
  | 'startedAt'
  | 'finishedAt'
  | 'environment'
  | 'status'
>;

/**
 * One service's deployment pipeline: versions, run ids and which release is
 * in production (and which one a rollback returns to).
 */
export class ReleasePipeline {
  private run: number;
  private minor: number;
  private patch = 0;
  private current: Release | null = null;
  private previous: Release | null = null;

  constructor(private readonly sim: SimulationContext) {
    this.run = sim.rng.int(1000, 20000);
    this.minor = sim.rng.int(1, 40);
  }

  /** Whether a version is in production (something to redeploy). */
  get hasRelease(): boolean {
    return this.current !== null;
  }

  /** Whether production can roll back to an earlier version. */
  get canRollBack(): boolean {
    return this.previous !== null;
  }

  private nextRunId(): string {
    const d = this.sim.profile.deployments!;
    return this.sim.ids.claim(
      d.source,
      () => `${this.sim.profile.name}-${this.run++}`,
    );
  }

  private deployment(
    fields: Omit<
      DemoDeploymentEvent,
      'kind' | 'source' | 'id' | 'entityRef' | 'startedAt' | 'finishedAt'
    >,
    startedAt: number,
    finishedAt: number,
  ): DemoDeploymentEvent {
    const d = this.sim.profile.deployments!;
    const event: DemoDeploymentEvent = {
      kind: 'deployment',
      source: d.source,
      id: this.nextRunId(),
      entityRef: this.sim.entityRef,
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
    this.sim.events.push(event);
    return event;
  }

  /**
   * Runs the pipeline for a batch starting at `start`: staging (unless
   * urgent), then production with failed or aborted runs before the
   * successful one, then the other production environments. Returns the
   * successful primary production deployment, or `null` when it would
   * finish after the window.
   */
  release(
    start: number,
    batch: ChangeRecord[],
    kind: 'normal' | 'hotfix',
    urgent: boolean,
  ): DemoDeploymentEvent | null {
    const d = this.sim.profile.deployments!;
    const { rng } = this.sim;
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
        if (end >= this.sim.to) return null;
        this.deployment(
          { ...common, environment: d.stagingEnvironment, status: 'failure' },
          t,
          end,
        );
        t = end + rng.duration(d.retryDelay);
      }
      const end = t + runFor();
      if (end >= this.sim.to) return null;
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
      if (end >= this.sim.to) return null;
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
      if (end >= this.sim.to) return null;
      this.deployment(
        { ...common, environment: primary, status: 'aborted' },
        t,
        end,
      );
      t = end + rng.duration({ medianMinutes: 10, spread: 0.5 });
    }
    const end = t + runFor();
    if (end >= this.sim.to) return null;
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
    fields: ReleaseFields,
  ): void {
    let t = after;
    for (const environment of environments) {
      const start =
        t +
        this.sim.rng.duration({
          medianMinutes: 15,
          spread: 0.5,
          maxMinutes: 60,
        });
      const end =
        start +
        this.sim.rng.duration(this.sim.profile.deployments!.runDuration);
      if (end >= this.sim.to) return;
      this.deployment(
        { ...fields, environment, status: 'success' },
        start,
        end,
      );
      t = end;
    }
  }

  /** Re-deploys the current version to production; returns when it finished. */
  redeploy(start: number): number | null {
    if (!this.current) return null;
    const d = this.sim.profile.deployments!;
    const end = start + this.sim.rng.duration(d.runDuration);
    if (end >= this.sim.to) return null;
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
  rollback(
    start: number,
    bad: DemoDeploymentEvent,
  ): DemoDeploymentEvent | null {
    const d = this.sim.profile.deployments!;
    const target = this.previous!;
    const end = start + this.sim.rng.duration(d.runDuration);
    if (end >= this.sim.to) return null;
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
}
