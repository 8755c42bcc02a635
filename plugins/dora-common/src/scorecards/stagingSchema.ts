import { z, ZodIssue } from 'zod';
import { deploymentEventSchema } from '../events/schemas';
import { parseScorecard, scorecardRuleSchema, scorecardSchema } from './schema';
import { StagedActivation, ScorecardStaging } from './staging';
import { ParsedScorecard } from './types';

/*
 * The staging fields as an extension of the scorecard schemas, kept apart so
 * `scorecardSchema` and `parseScorecard` read every existing input exactly as
 * before (they still refuse `announceAt`: a store that does not know stages
 * must not silently drop them). `parseStagedScorecard` is the entry point for
 * the routes that do.
 */

// The events' instant: a real calendar day with a UTC offset, 1970–2099.
const instant = deploymentEventSchema.shape.finishedAt;

const stagingFields = {
  /** From this instant the rule is shown with "counts from <activeFrom>". */
  announceAt: instant.optional(),
  /** From this instant the rule counts for levels and compliance. */
  activeFrom: instant.optional(),
};

function announcedBeforeActive(value: StagedActivation, ctx: z.RefinementCtx) {
  const { announceAt, activeFrom } = value;
  if (announceAt === undefined || activeFrom === undefined) return;
  if (Date.parse(announceAt) > Date.parse(activeFrom)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['announceAt'],
      message: `must not be after activeFrom (${activeFrom}): a rule is announced before it counts`,
    });
  }
}

/** `announceAt` and `activeFrom`, announceAt ≤ activeFrom. */
export const stagedActivationSchema = z
  .object(stagingFields, { invalid_type_error: 'must be an object' })
  .strict()
  .superRefine(announcedBeforeActive);

/** A rule with its staging fields. */
export const stagedScorecardRuleSchema = scorecardRuleSchema
  .extend(stagingFields)
  .superRefine(announcedBeforeActive);

/** A scorecard whose rules, and itself, may carry staging fields. */
export const stagedScorecardSchema = scorecardSchema
  .extend({
    ...stagingFields,
    rules: z
      .array(stagedScorecardRuleSchema, {
        required_error: 'is required',
        invalid_type_error: 'must be a list of rules',
      })
      .min(1, 'must have at least one rule'),
  })
  .superRefine(announcedBeforeActive);

export type StagedScorecard = z.infer<typeof stagedScorecardSchema>;

export type StagedScorecardParseResult =
  | { ok: true; scorecard: ParsedScorecard; staging: ScorecardStaging }
  | { ok: false; problems: string[] };

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function pathText(prefix: string, issue: ZodIssue): string {
  const field = issue.path.join('.');
  const where = [prefix, field].filter(Boolean).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Takes the staging fields out of an object, checking them; the rest is returned as is. */
function takeStaging(
  raw: Loose,
  prefix: string,
  problems: string[],
): { rest: Loose; staging: StagedActivation } {
  const { announceAt, activeFrom, ...rest } = raw;
  const picked: Loose = {};
  if (announceAt !== undefined) picked.announceAt = announceAt;
  if (activeFrom !== undefined) picked.activeFrom = activeFrom;
  const checked = stagedActivationSchema.safeParse(picked);
  if (!checked.success) {
    problems.push(...checked.error.issues.map(i => pathText(prefix, i)));
    return { rest, staging: {} };
  }
  return { rest, staging: checked.data };
}

/**
 * Validates a scorecard that may carry `announceAt` / `activeFrom` on itself
 * and on its rules: the staging problems (paths such as
 * `rules[1].announceAt: must not be after activeFrom (…)`) come together with
 * `parseScorecard`'s problems for the rest.
 */
export function parseStagedScorecard(raw: unknown): StagedScorecardParseResult {
  if (!isObject(raw)) {
    // Not an object: parseScorecard says so; nothing is staged.
    const plain = parseScorecard(raw);
    return plain.ok ? { ...plain, staging: { rules: {} } } : plain;
  }
  const problems: string[] = [];
  const card = takeStaging(raw, '', problems);
  const rules: Record<string, StagedActivation> = {};
  let stripped: Loose = card.rest;
  if (Array.isArray(raw.rules)) {
    const list = raw.rules.map((rule: unknown, i: number) => {
      if (!isObject(rule)) return rule;
      const taken = takeStaging(rule, `rules[${i}]`, problems);
      if (typeof rule.id === 'string' && Object.keys(taken.staging).length) {
        rules[rule.id] = taken.staging;
      }
      return taken.rest;
    });
    stripped = { ...card.rest, rules: list };
  }
  const parsed = parseScorecard(stripped);
  if (!parsed.ok)
    return { ok: false, problems: [...problems, ...parsed.problems] };
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    scorecard: parsed.scorecard,
    staging: { ...card.staging, rules },
  };
}
