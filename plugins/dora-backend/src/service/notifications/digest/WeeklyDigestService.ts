import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DAY_MS,
  DigestLevelChange,
  EntityMetrics,
  Exemption,
  ScorecardEntry,
  expiringExemptions,
  isoWeekStart,
  moversReport,
  normalizeGroupRef,
  weeklyDigest,
} from '@dora-metrics/plugin-dora-common';
import { DigestRunStore } from '../../../database/DigestRunStore';
import { StoredLevelChange } from '../../../database/ScorecardStore';
import { EntityCatalog } from '../../EntityCatalog';
import { GroupTree } from '../../GroupTree';
import { InitiativeService } from '../../initiatives/InitiativeService';
import { MeasuredEntity, MetricsService } from '../../MetricsService';
import { ScorecardService } from '../../ScorecardService';
import { ExemptionSource } from '../../scorecards/approvedExemptions';
import { NotificationsConfig } from '../notificationsConfig';
import { DigestTeam, digestTeams } from './digestTeams';

/** The level changes a digest tells: those of the last week. */
const LEVEL_CHANGE_DAYS = 7;

export interface WeeklyDigestDeps {
  catalog: EntityCatalog;
  metrics: Pick<MetricsService, 'measured' | 'metricsOfWindows'>;
  scorecards: Pick<ScorecardService, 'list' | 'levelChanges'>;
  /** Where exemptions are read (the exemption store). */
  exemptions: ExemptionSource;
  initiatives: Pick<InitiativeService, 'list'>;
  runs: DigestRunStore;
  notifications: NotificationService;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
  /** The kinds whose owners are teams (`dora.rollup.kinds`). */
  rollupKinds: string[];
  digest: NotificationsConfig['digest'];
}

/** What one run did, by team ref. */
export interface DigestRun {
  sent: string[];
  /** Already sent this ISO week (by an earlier run or another replica). */
  alreadySent: string[];
  failed: string[];
}

/** What every team's digest is built from, read once for all teams. */
interface DigestInputs {
  credentials: BackstageCredentials;
  tree: GroupTree;
  levelChanges: Map<string, StoredLevelChange[]>;
  scorecardsById: Map<string, ScorecardEntry>;
  bodies: {
    current: Map<string, EntityMetrics>;
    previous: Map<string, EntityMetrics>;
  };
  windows: {
    current: { from: number; to: number };
    previous: { from: number; to: number };
  };
  measured: Map<string, MeasuredEntity>;
  expiring: Exemption[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Once a week, each team (a group owning entities of the rollup kinds) gets
 * one notification: its level changes of the week, the biggest movers among
 * its services, its exemptions about to expire and the initiatives that
 * concern it. A team's digest is claimed in the database before it is sent,
 * so it goes out once per ISO week however often and wherever the task runs.
 */
export class WeeklyDigestService {
  constructor(private readonly deps: WeeklyDigestDeps) {}

  async sendDigests(now: number): Promise<DigestRun> {
    const run: DigestRun = { sent: [], alreadySent: [], failed: [] };
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const tree = await this.deps.catalog.groupTree(credentials);
    const teams = digestTeams(
      await this.deps.catalog.entitiesOfKinds(
        this.deps.rollupKinds,
        credentials,
      ),
      tree,
    );
    if (teams.length === 0) return run;
    const inputs = await this.readInputs(teams, tree, credentials, now);
    const weekStart = isoWeekStart(now);
    // One team at a time: a failing team is logged and the others still get theirs.
    for (const team of teams) {
      let claimed = false;
      try {
        claimed = await this.deps.runs.claim(team.groupRef, weekStart, now);
        if (!claimed) {
          run.alreadySent.push(team.groupRef);
          continue;
        }
        await this.send(team, inputs, now);
        run.sent.push(team.groupRef);
      } catch (error) {
        run.failed.push(team.groupRef);
        this.deps.logger.error(
          `DORA weekly digest of ${team.groupRef} not sent: ${(error as Error).message}`,
        );
        if (claimed) {
          await this.deps.runs
            .release(team.groupRef, weekStart)
            .catch(release =>
              this.deps.logger.error(
                `DORA weekly digest claim of ${team.groupRef} not released: ${(release as Error).message}`,
              ),
            );
        }
      }
    }
    return run;
  }

  /** The level changes, the metrics of both windows and the exemptions of every team, each read once. */
  private async readInputs(
    teams: DigestTeam[],
    tree: GroupTree,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<DigestInputs> {
    const scorecards = await this.deps.scorecards.list();
    const changes = await this.deps.scorecards.levelChanges({
      from: now - LEVEL_CHANGE_DAYS * DAY_MS,
      to: now,
    });
    const levelChanges = new Map<string, StoredLevelChange[]>();
    for (const change of changes) {
      levelChanges.set(change.entityRef, [
        ...(levelChanges.get(change.entityRef) ?? []),
        change,
      ]);
    }

    const span = this.deps.digest.windowDays * DAY_MS;
    const windows = {
      current: { from: now - span, to: now },
      previous: { from: now - 2 * span, to: now - span },
    };
    const measured = new Map<string, MeasuredEntity>();
    for (const entity of teams.flatMap(t => t.entities)) {
      const m = this.deps.metrics.measured(entity, tree);
      measured.set(m.key, m);
    }
    const [current, previous] = await this.deps.metrics.metricsOfWindows(
      [...measured.values()],
      [windows.current, windows.previous],
      { timezone: 'UTC', bucket: 'week' },
    );

    const exemptions: Exemption[] = [];
    for (const { scorecard } of scorecards) {
      exemptions.push(
        ...(await this.deps.exemptions.listExemptions(scorecard.id, {})),
      );
    }
    return {
      credentials,
      tree,
      levelChanges,
      scorecardsById: new Map(scorecards.map(s => [s.scorecard.id, s])),
      bodies: { current, previous },
      windows,
      measured,
      expiring: expiringExemptions(
        exemptions,
        now,
        this.deps.digest.expiringWithinDays,
      ),
    };
  }

  private async send(team: DigestTeam, inputs: DigestInputs, now: number) {
    const keys = team.entities.map(e => lower(stringifyEntityRef(e)));
    const levelChanges: DigestLevelChange[] = keys.flatMap(key =>
      (inputs.levelChanges.get(key) ?? []).map(change => {
        const entry = inputs.scorecardsById.get(change.scorecardId);
        return {
          entityRef: change.entityRef,
          scorecardId: change.scorecardId,
          scorecardTitle: entry?.scorecard.title,
          levels: entry?.scorecard.levels ?? [],
          from: change.from,
          to: change.to,
          at: change.evaluatedAt,
        };
      }),
    );
    const { windows } = inputs;
    const movers = moversReport({
      window: { from: iso(windows.current.from), to: iso(windows.current.to) },
      previousWindow: {
        from: iso(windows.previous.from),
        to: iso(windows.previous.to),
      },
      teams: [],
      services: team.entities.map((entity, i) => ({
        ref: inputs.measured.get(keys[i])!.entityRef,
        title: entity.metadata.title,
        current: inputs.bodies.current.get(keys[i])!,
        previous: inputs.bodies.previous.get(keys[i])!,
      })),
    });
    // Exemptions of its entities, and of the team or a group above it (they apply to its entities).
    const inTeam = new Set(keys);
    const above = new Set(
      inputs.tree.chainUp(team.groupRef).map(g => g.groupRef),
    );
    const expiring = inputs.expiring.filter(e =>
      e.scope.kind === 'entity'
        ? inTeam.has(lower(e.scope.entityRef))
        : above.has(normalizeGroupRef(e.scope.groupRef)),
    );
    const initiatives = await this.deps.initiatives.list(
      { groupRef: team.groupRef },
      now,
      inputs.credentials,
    );
    const digest = weeklyDigest({
      team: { ref: team.groupRef, title: team.title },
      at: now,
      levelChanges,
      movers,
      moversShown: this.deps.digest.moversShown,
      expiringExemptions: expiring,
      initiatives,
    });
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef: team.groupRef },
      payload: {
        title: digest.title,
        description: digest.description,
        link: digest.link,
        topic: digest.topic,
        scope: digest.scope,
        severity: 'normal',
      },
    });
  }
}
