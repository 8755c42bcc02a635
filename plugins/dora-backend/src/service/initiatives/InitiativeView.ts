import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  Initiative,
  ParsedScorecard,
  ScorecardEntry,
  ScorecardStaging,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../EntityCatalog';
import { GroupTree } from '../GroupTree';
import { entitiesInScope, gradedKinds } from './initiativeScope';

/** What initiatives read of the scorecards: a definition by id (404 when unknown). */
export interface InitiativeScorecards {
  get(id: string): Promise<ScorecardEntry>;
}

/** A scorecard ready to grade with. */
export interface GradableScorecard {
  scorecard: ParsedScorecard;
  staging: ScorecardStaging;
  /** The definition as JSON: changes whenever the scorecard does. */
  definitionKey: string;
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
    const { scorecard } = await scorecards.get(id);
    const parsed = parseStagedScorecard(scorecard);
    return parsed.ok
      ? {
          scorecard: parsed.scorecard,
          staging: parsed.staging,
          definitionKey: JSON.stringify(scorecard),
        }
      : undefined;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
