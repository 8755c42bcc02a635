import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  Initiative,
  InitiativeProgress,
  InitiativeSnapshot,
  ParsedScorecard,
  ScorecardEntry,
  ScorecardStaging,
  initiativeProgress,
  initiativeStanding,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../EntityCatalog';
import { GroupTree } from '../GroupTree';
import { entitiesInScope, gradedKinds } from './initiativeScope';
import { snapshotInstants } from './snapshotInstants';
import { WeeklyGrader } from './WeeklyGrader';

/** What initiatives read of the scorecards: a definition by id (404 when unknown). */
export interface InitiativeScorecards {
  get(id: string): Promise<ScorecardEntry>;
}

/** A scorecard ready to grade with. */
interface GradableScorecard {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
}

/** An initiative's progress, and its snapshot now (who is in scope and how each stands). */
export interface MeasuredInitiative {
  progress: InitiativeProgress;
  /** Lower-cased refs of the entities in scope now. */
  scope: string[];
  now: InitiativeSnapshot['entities'];
}

/**
 * The catalog and scorecards as one request sees them: read once, then
 * shared by every initiative the request measures.
 */
export class InitiativeView {
  private constructor(
    private readonly scorecards: Map<string, GradableScorecard | undefined>,
    private readonly tree: GroupTree,
    private readonly entities: Entity[],
    private readonly defaultKinds: string[],
    /** Every kind the scorecards grade, lower-cased. */
    readonly kinds: string[],
  ) {}

  static async load(
    initiatives: Initiative[],
    deps: {
      scorecards: InitiativeScorecards;
      catalog: EntityCatalog;
      defaultKinds: string[];
    },
    credentials: BackstageCredentials,
  ): Promise<InitiativeView> {
    const scorecards = new Map<string, GradableScorecard | undefined>();
    for (const id of new Set(initiatives.map(i => i.target.scorecardId))) {
      scorecards.set(id, await gradableScorecard(deps.scorecards, id));
    }
    const kinds = [
      ...new Set(
        [...scorecards.values()].flatMap(s =>
          s ? gradedKinds(s.scorecard, deps.defaultKinds) : [],
        ),
      ),
    ];
    const [tree, entities] = await Promise.all([
      deps.catalog.groupTree(credentials),
      kinds.length
        ? deps.catalog.entitiesOfKinds(kinds, credentials)
        : Promise.resolve([]),
    ]);
    return new InitiativeView(
      scorecards,
      tree,
      entities,
      deps.defaultKinds,
      kinds,
    );
  }

  /** The scorecard an initiative targets; undefined once it is gone. */
  scorecardOf(initiative: Initiative): GradableScorecard | undefined {
    return this.scorecards.get(initiative.target.scorecardId);
  }

  /** Lower-cased refs of the entities in the initiative's scope now. */
  scopeOf(initiative: Initiative): string[] {
    const target = this.scorecardOf(initiative);
    if (!target) return [];
    return entitiesInScope({
      entities: this.entities,
      tree: this.tree,
      scorecard: target.scorecard,
      scope: initiative.scope,
      defaultKinds: this.defaultKinds,
    });
  }
}

async function gradableScorecard(
  scorecards: InitiativeScorecards,
  id: string,
): Promise<GradableScorecard | undefined> {
  try {
    const parsed = parseStagedScorecard((await scorecards.get(id)).scorecard);
    return parsed.ok
      ? { scorecard: parsed.scorecard, staging: parsed.staging }
      : undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Measures an initiative: grades its scorecard at the end of each week from
 * the start to now for the entities in scope now, tells each entity's
 * standing against the target, and hands the snapshots to the model's
 * `initiativeProgress`.
 */
export class InitiativeProgressReader {
  constructor(private readonly grader: WeeklyGrader) {}

  async measure(
    initiative: Initiative,
    view: InitiativeView,
    now: number,
    credentials: BackstageCredentials,
  ): Promise<MeasuredInitiative> {
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
      snapshots = graded.map(week => ({
        at: new Date(week.at).toISOString(),
        entities: week.results
          .filter(r => inScope.has(r.entityRef.toLocaleLowerCase('en-US')))
          .map(r => ({
            entityRef: r.entityRef,
            ...initiativeStanding(initiative.target, r.result),
          })),
      }));
    }
    const progress = initiativeProgress(initiative, snapshots, now);
    const last = snapshots[snapshots.length - 1];
    return { progress, scope, now: last?.entities ?? [] };
  }
}
