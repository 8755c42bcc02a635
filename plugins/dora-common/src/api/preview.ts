import { z } from 'zod';

/*
 * The HTTP contract of `POST /v1/scorecards/preview`: a draft scorecard
 * graded over past windows, week by week, for every entity in its scope.
 * It writes nothing. Each week is graded as the evaluator would have graded
 * it at that week's end (the scorecard's window ending then, the exemptions
 * of that instant), every rule as if it counted; the level changes are those
 * saving the draft would make now, its stages applied.
 */

/** The most weeks one preview covers. */
export const MAX_PREVIEW_WEEKS = 26;

/** Body of `POST /v1/scorecards/preview`. */
export const scorecardPreviewRequestSchema = z
  .object(
    {
      /** The draft, as `POST /v1/scorecards` takes it (staging fields allowed); checked the same way. */
      scorecard: z.unknown(),
      /** How many weeks back from now; default 12. */
      weeks: z
        .number({ invalid_type_error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(MAX_PREVIEW_WEEKS, `must be at most ${MAX_PREVIEW_WEEKS}`)
        .optional(),
      /** Only the entities of this team (nested groups included). */
      groupRef: z.string().min(1).optional(),
    },
    { required_error: 'is required', invalid_type_error: 'must be an object' },
  )
  .strict();
export type ScorecardPreviewRequest = z.input<
  typeof scorecardPreviewRequestSchema
>;

/** A rule's outcome over one week's graded entities. */
export interface PreviewRuleWeek {
  ruleId: string;
  pass: number;
  warn: number;
  fail: number;
  noData: number;
  exempt: number;
}

/** One week of the preview. */
export interface PreviewWeek {
  /** ISO-8601: the graded window is [from, to), its length the scorecard's window. */
  from: string;
  to: string;
  /** Entities graded that week. */
  entities: number;
  /** Per level, how many reach it (or a higher one). */
  levels: Array<{ level: string; reached: number }>;
  /** Entities that reach no level. */
  noLevel: number;
  /** Every rule, graded as if it counted that week (a staged rule is previewed for how it would have done). */
  rules: PreviewRuleWeek[];
}

/** An entity whose level the draft changes, at the latest week. */
export interface PreviewLevelChange {
  entityRef: string;
  /** Under the saved version; `null` when it reaches no level. */
  current: string | null;
  draft: string | null;
  /** `up`, `down`: by the draft's level order. `new`: the saved version does not grade it (or there is none). */
  direction: 'up' | 'down' | 'new' | 'gone';
}

/** An entity whose threshold for a rule an override changes, and what it does to the result at the latest week. */
export interface PreviewOverrideEffect {
  entityRef: string;
  ruleId: string;
  /** Where the override comes from: the entity's annotation, or a group (the nearest owner first). */
  source: 'entity' | 'group';
  /** The group ref when `source` is `group`. */
  groupRef?: string;
  threshold: number;
  defaultThreshold: number;
  status: string;
  /** The status the rule would have without the override. */
  statusWithoutOverride: string;
}

/** Response of `POST /v1/scorecards/preview`. */
export interface ScorecardPreview {
  scorecardId: string;
  /** ISO-8601 instant the latest week ends at. */
  evaluatedAt: string;
  /** The saved version compared with; `null` when the scorecard is new. */
  currentVersion: number | null;
  /** Oldest first. */
  weeks: PreviewWeek[];
  /** Entities whose level at the latest week differs from the saved version's. */
  levelChanges: PreviewLevelChange[];
  overrides: PreviewOverrideEffect[];
  /** Overrides that could not be read, as the evaluator reports them. */
  problems: string[];
  /** Milliseconds the preview took on the server. */
  tookMs: number;
}
