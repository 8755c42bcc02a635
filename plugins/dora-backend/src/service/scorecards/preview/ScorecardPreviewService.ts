import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ParsedScorecard,
  ScorecardEntry,
  ScorecardStaging,
  ScorecardPreview,
  parseStagedScorecard,
  scorecardPreviewRequestSchema,
} from '@dora-metrics/plugin-dora-common';
import { EntityCatalog } from '../../EntityCatalog';
import { levelChanges } from './levelChanges';
import { overrideEffects } from './overrideEffects';
import { DEFAULT_PREVIEW_WEEKS, previewInstants } from './previewWeeks';
import { weekSummary } from './weekSummary';
import { WeeklyGrading } from './WeeklyGrading';

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
    const saved = await this.savedVersion(scorecard.id);
    // The weeks grade every rule as if it counted: a rule staged to count
    // next month is previewed for how it would have done, not left out.
    // The level changes are those saving it would make now, stages applied,
    // against the saved version, all from the same reads.
    const everyRuleCounts: ScorecardStaging = { rules: {} };
    const [graded, staged, current] = await this.grading.gradeEach(
      [
        { scorecard, staging: everyRuleCounts, instants, groupRef },
        { scorecard, staging, instants: [now], groupRef },
        ...(saved ? [{ ...saved.parsed, instants: [now], groupRef }] : []),
      ],
      credentials,
    );
    const latest = graded[graded.length - 1].results;
    return {
      scorecardId: scorecard.id,
      evaluatedAt: iso(now),
      currentVersion: saved?.version ?? null,
      weeks: graded.map(week => weekSummary(scorecard, everyRuleCounts, week)),
      levelChanges: levelChanges(
        scorecard.levels,
        staged[0].results,
        current?.[0].results,
      ),
      overrides: overrideEffects(scorecard, latest),
      problems: [...new Set(latest.flatMap(r => r.problems))],
      tookMs: Date.now() - started,
    };
  }

  /** The saved scorecard of the id, parsed; undefined when there is none. */
  private async savedVersion(id: string): Promise<
    | {
        version: number;
        parsed: { scorecard: ParsedScorecard; staging: ScorecardStaging };
      }
    | undefined
  > {
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
    // Entries stored before versions were counted are the first version.
    return { version: entry.version ?? 1, parsed };
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
