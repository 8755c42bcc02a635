import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Initiative,
  InitiativeProgress,
  InitiativeSnapshot,
  initiativeProgress,
  initiativeStanding,
} from '@dora-metrics/plugin-dora-common';
import { createHash } from 'crypto';
import { GradingInputs } from './gradingInputs';
import { GradableScorecard, InitiativeView } from './InitiativeView';
import { PastSnapshotsCache } from './PastSnapshotsCache';
import { snapshotInstants } from './snapshotInstants';
import { WeeklyGrader } from './WeeklyGrader';

/** An initiative's progress, and its snapshot now (who is in scope and how each stands). */
export interface MeasuredInitiative {
  progress: InitiativeProgress;
  /** Lower-cased refs of the entities in scope now. */
  scope: string[];
  now: InitiativeSnapshot['entities'];
}

/**
 * Measures an initiative: grades its scorecard at the end of each week from
 * the start to now for the entities in scope now, tells each entity's
 * standing against the target, and hands the snapshots to the model's
 * `initiativeProgress`.
 *
 * Grading a year of weeks takes seconds, so the weeks before now are kept
 * for the rest of the UTC day, keyed by the initiative's version, its
 * scorecard's definition, the scope and what grading reads (the facts'
 * generations, the exemptions); later reads that day grade only now. Nothing
 * is kept while an entity's facts are being rebuilt.
 */
export class InitiativeProgressReader {
  private readonly cache = new PastSnapshotsCache();

  constructor(
    private readonly grader: WeeklyGrader,
    /** What grading reads besides definitions; by default nothing that changes. */
    private readonly gradingInputs: GradingInputs = async () => '',
  ) {}

  async measure(
    stored: { initiative: Initiative; updatedAt: number },
    view: InitiativeView,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<MeasuredInitiative> {
    const { initiative } = stored;
    const scorecard = view.scorecardOf(initiative);
    const scope = view.scopeOf(initiative);
    const instants = snapshotInstants(Date.parse(initiative.startsAt), now);
    let snapshots: InitiativeSnapshot[];
    if (!scorecard) {
      // Its scorecard is gone: nothing to measure on.
      snapshots = [];
    } else if (scope.length === 0) {
      snapshots = instants.map(at => ({
        at: new Date(at).toISOString(),
        entities: [],
      }));
    } else {
      const inputs = await this.gradingInputs(scorecard.scorecard.id, scope);
      const key =
        inputs === undefined
          ? undefined
          : createHash('sha256')
              .update(
                JSON.stringify([
                  initiative.id,
                  stored.updatedAt,
                  scorecard.definitionKey,
                  scope,
                  inputs,
                ]),
              )
              .digest('base64url');
      const past = key === undefined ? undefined : this.cache.get(key, now);
      if (past) {
        const latest = await this.snapshotsAt(
          initiative,
          scorecard,
          scope,
          [now],
          credentials,
        );
        snapshots = [...past, ...latest];
      } else {
        snapshots = await this.snapshotsAt(
          initiative,
          scorecard,
          scope,
          instants,
          credentials,
        );
        if (key !== undefined) {
          this.cache.set(key, now, snapshots.slice(0, -1));
        }
      }
    }
    const progress = initiativeProgress(initiative, snapshots, now);
    const last = snapshots[snapshots.length - 1];
    return { progress, scope, now: last?.entities ?? [] };
  }

  private async snapshotsAt(
    initiative: Initiative,
    scorecard: GradableScorecard,
    scope: string[],
    instants: number[],
    credentials: BackstageCredentials,
  ): Promise<InitiativeSnapshot[]> {
    const inScope = new Set(scope);
    const graded = await this.grader.gradeAt(
      {
        scorecard: scorecard.scorecard,
        staging: scorecard.staging,
        instants,
        entityRefs: scope,
      },
      credentials,
    );
    return graded.map(week => ({
      at: new Date(week.at).toISOString(),
      entities: week.results
        .filter(r => inScope.has(r.entityRef.toLocaleLowerCase('en-US')))
        .map(r => ({
          entityRef: r.entityRef,
          ...initiativeStanding(initiative.target, r.result),
        })),
    }));
  }
}
