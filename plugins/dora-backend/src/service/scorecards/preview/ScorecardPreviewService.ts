import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ScorecardEntry,
  ScorecardPreview,
  parseStagedScorecard,
  scorecardPreviewRequestSchema,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../../EntityCatalog';
import { levelChanges } from './levelChanges';
import { overrideEffects } from './overrideEffects';
import { DEFAULT_PREVIEW_WEEKS, previewInstants } from './previewWeeks';
import { weekSummary } from './weekSummary';
import { GradedEntity, WeeklyGrading } from './WeeklyGrading';

const iso = (ms: number) => new Date(ms).toISOString();

/** The saved scorecards, to compare a draft with (404 for an unknown id). */
export interface SavedScorecards {
  get(id: string): Promise<ScorecardEntry>;
}

/**
 * Previews a draft scorecard over past weeks without writing anything: each
 * week graded as the evaluator would have at its end, and at the latest
 * week the levels compared with the saved version of the same id and the
 * effect of every override.
 */
export class ScorecardPreviewService {
  constructor(
    private readonly grading: WeeklyGrading,
    private readonly saved: SavedScorecards,
    private readonly catalog: EntityCatalog,
  ) {}

  async preview(
    body: unknown,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<ScorecardPreview> {
    const started = Date.now();
    const request = scorecardPreviewRequestSchema.safeParse(body);
    if (!request.success) {
      throw new InputError(
        `Invalid preview request: ${request.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const { weeks = DEFAULT_PREVIEW_WEEKS, groupRef } = request.data;
    // The same checks and messages as POST /v1/scorecards.
    const draft = parseStagedScorecard(request.data.scorecard);
    if (!draft.ok) {
      throw new InputError(`Invalid scorecard: ${draft.problems.join('; ')}`);
    }
    if (groupRef !== undefined) await this.checkGroup(groupRef, credentials);

    const { scorecard, staging } = draft;
    const instants = previewInstants(now, weeks);
    const graded = await this.grading.gradeAt(
      { scorecard, staging, instants, groupRef },
      credentials,
    );
    const latest = graded[graded.length - 1].results;
    const current = await this.savedAt(
      scorecard.id,
      now,
      groupRef,
      credentials,
    );
    return {
      scorecardId: scorecard.id,
      evaluatedAt: iso(now),
      currentVersion: current?.version ?? null,
      weeks: graded.map(week => weekSummary(scorecard, staging, week)),
      levelChanges: levelChanges(scorecard.levels, latest, current?.results),
      overrides: overrideEffects(scorecard, latest),
      problems: [...new Set(latest.flatMap(r => r.problems))],
      tookMs: Date.now() - started,
    };
  }

  /** The saved version of the id graded at `now`; undefined when there is none. */
  private async savedAt(
    id: string,
    now: number,
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ version: number; results: GradedEntity[] } | undefined> {
    let entry: ScorecardEntry;
    try {
      entry = await this.saved.get(id);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
    const parsed = parseStagedScorecard(entry.scorecard);
    // A stored scorecard that no longer parses is not graded by the evaluator either.
    if (!parsed.ok) return undefined;
    const [graded] = await this.grading.gradeAt(
      { ...parsed, instants: [now], groupRef },
      credentials,
    );
    // Entries stored before versions were counted are the first version.
    return { version: entry.version ?? 1, results: graded.results };
  }

  /** A 400 naming groupRef when it is not a Group of the catalog. */
  private async checkGroup(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    let kind: string;
    try {
      kind = (await this.catalog.getEntity(groupRef, credentials)).kind;
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof InputError) {
        throw new InputError(
          `Invalid preview request: groupRef: ${error.message}`,
        );
      }
      throw error;
    }
    if (kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(
        `Invalid preview request: groupRef: ${groupRef} is not a Group`,
      );
    }
  }
}
