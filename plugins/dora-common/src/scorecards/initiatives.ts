import { z } from 'zod';
import { deploymentEventSchema, isStorableText } from '../events/schemas';
import { scorecardFilterSchema } from './schema';

/*
 * An initiative: a goal with a date ("80 % of the payments department's
 * services at silver by 30 June"), owned by someone, over a scope of the
 * catalog. It names a scorecard level or one rule; progress is measured on
 * weekly snapshots (see initiativeProgress.ts), so it can be told as "paid
 * down 12 of 30 since the start".
 */

// The events' instant: a real calendar day with a UTC offset, 1970–2099.
const instant = deploymentEventSchema.shape.finishedAt;

const text = (max: number) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      isStorableText,
      'must not contain NUL characters or unpaired UTF-16 surrogates',
    );

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

/** A share written as `80%` or `0.8`. */
const share = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = typeof value === 'string' ? PERCENT.exec(value) : null;
  let n = typeof value === 'number' ? value : NaN;
  if (match) n = Number(match[1]) / 100;
  if (!(n > 0 && n <= 1)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `${JSON.stringify(value)} is not a share above 0 and at most 100%, such as 80% or 0.8`,
    });
    return z.NEVER;
  }
  return n;
});

export const initiativeTargetSchema = z.union(
  [
    z.object({ scorecardId: text(63), level: text(63) }).strict(),
    z.object({ scorecardId: text(63), ruleId: text(63) }).strict(),
  ],
  {
    errorMap: () => ({
      message:
        'must name a scorecard level, {"scorecardId": "delivery", "level": "silver"}, or a rule, {"scorecardId": "delivery", "ruleId": "first-review"}',
    }),
  },
);

export const initiativeSchema = z
  .object(
    {
      id: text(63),
      title: text(255),
      description: text(2000).optional(),
      target: initiativeTargetSchema,
      /** Which services it is about; `owners` include their subtrees. */
      scope: scorecardFilterSchema,
      /** The share of the scope that should meet the target: `80%` or `0.8`. */
      targetShare: share,
      /** A group or user ref. */
      owner: text(255),
      startsAt: instant,
      deadline: instant,
    },
    { required_error: 'is required', invalid_type_error: 'must be an object' },
  )
  .strict()
  .superRefine((value, ctx) => {
    if (Date.parse(value.deadline) <= Date.parse(value.startsAt)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['deadline'],
        message: `must be after startsAt (${value.startsAt})`,
      });
    }
  });

/** An initiative as written. */
export type InitiativeInput = z.input<typeof initiativeSchema>;
/** A validated initiative: `targetShare` in (0, 1]. */
export type Initiative = z.output<typeof initiativeSchema>;
export type InitiativeTarget = z.output<typeof initiativeTargetSchema>;

/** Validates an initiative; every problem with its path, e.g. `deadline: must be after startsAt (…)`. */
export function parseInitiative(
  raw: unknown,
): { ok: true; initiative: Initiative } | { ok: false; problems: string[] } {
  const parsed = initiativeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, initiative: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap(i => {
      if (i.code === 'unrecognized_keys') {
        return i.keys.map(
          k => `${[...i.path, k].join('.')}: is not a known field`,
        );
      }
      return [i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message];
    }),
  };
}
