import { isStorableText } from '../events/schemas';
import { z, ZodIssue } from 'zod';
import { normalizeGroupRef } from './matchEntity';
import { isLooser, scorecardOverrideAnnotation } from './overrides';
import { findScorecardMetric, scorecardMetrics } from './scorecardMetrics';
import { formatThreshold, parseThreshold } from './thresholds';
import {
  ParsedScorecard,
  ParsedScorecardRule,
  ScorecardFilter,
  ScorecardOperator,
  scorecardOperators,
} from './types';

/** Lower-case letters and digits in groups joined by single hyphens, e.g. `delivery-agreements`. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WINDOW = /^\s*(\d+)\s*([dw])\s*$/i;
/** Kubernetes-style annotation key names are at most 63 characters. */
const ANNOTATION_NAME_MAX = 63;

const slug = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a string',
  })
  .max(63, 'must be at most 63 characters')
  .regex(
    SLUG,
    'must be lower-case letters, digits and single hyphens, e.g. delivery-agreements',
  );

const text = (max: number) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isStorableText, {
      message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
    });

const names = z.array(text(255), {
  invalid_type_error: 'must be a list of strings',
});

const levelName = z
  .string({ invalid_type_error: 'must be a level name' })
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters');

const thresholdValue = z.union([z.string(), z.number()], {
  errorMap: (_issue, ctx) => ({
    message:
      ctx.data === undefined
        ? 'is required'
        : 'must be a threshold such as 24h, 15%, 400 or 1/week',
  }),
});

/** The window of a scorecard in days: `30d` → 30, `4w` → 28; `undefined` when not one. */
export function parseScorecardWindow(window: string): number | undefined {
  const match = WINDOW.exec(window);
  if (!match) return undefined;
  const days = Number(match[1]) * (match[2].toLowerCase() === 'w' ? 7 : 1);
  return days > 0 ? days : undefined;
}

export const DEFAULT_SCORECARD_WINDOW = '30d';

export const scorecardFilterSchema = z
  .object(
    {
      kinds: names.optional(),
      /** `spec.type` */
      types: names.optional(),
      /** `spec.lifecycle` */
      lifecycles: names.optional(),
      tags: names.optional(),
      owners: names.optional(),
    },
    { invalid_type_error: 'must be an object' },
  )
  .strict();

export const scorecardRuleSchema = z
  .object(
    {
      id: slug,
      title: text(255),
      description: text(2000).optional(),
      /** A path of the scorecard metric catalog, e.g. `leadTime.median`. */
      metric: z.string({
        required_error: 'is required',
        invalid_type_error: 'must be a metric path such as leadTime.median',
      }),
      operator: z.enum(scorecardOperators, {
        errorMap: () => ({ message: 'must be one of <, <=, >, >=' }),
      }),
      /** Written the way people say it: `24h`, `15%`, `400`, `1/week`. */
      threshold: thresholdValue,
      /** Same operator, looser than `threshold`: failing the threshold but passing this is a warn. */
      warn: thresholdValue.optional(),
      /** Fewer samples than this behind the value is `no-data`. */
      minSampleSize: z
        .number({ invalid_type_error: 'must be a number' })
        .int('must be a whole number')
        .nonnegative('must not be negative')
        .optional(),
      /** One of the scorecard's levels. */
      level: z.string({
        required_error: 'is required',
        invalid_type_error: 'must be a level name',
      }),
    },
    { invalid_type_error: 'must be an object' },
  )
  .strict();

/**
 * The shape of a scorecard. `parseScorecard` adds what a shape cannot say:
 * catalog metrics, thresholds, warn looser than threshold, levels, unique ids.
 */
export const scorecardSchema = z
  .object(
    {
      id: slug,
      title: text(255),
      description: text(2000).optional(),
      filter: scorecardFilterSchema.optional(),
      /** Days or weeks of metrics each evaluation looks back on: `30d`, `4w`. Default `30d`. */
      window: z
        .string({ invalid_type_error: 'must be a string such as 30d or 4w' })
        .refine(
          w => parseScorecardWindow(w) !== undefined,
          'must be a number of days or weeks such as 30d or 4w',
        )
        .optional(),
      /** Level names, lowest first, e.g. `['bronze', 'silver', 'gold']`. */
      levels: z
        .array(levelName, {
          required_error: 'is required',
          invalid_type_error: 'must be a list of level names, lowest first',
        })
        .min(1, 'must name at least one level, lowest first'),
      rules: z
        .array(scorecardRuleSchema, {
          required_error: 'is required',
          invalid_type_error: 'must be a list of rules',
        })
        .min(1, 'must have at least one rule'),
    },
    {
      required_error: 'a scorecard is required',
      invalid_type_error: 'a scorecard must be an object',
    },
  )
  .strict();

export type ScorecardParseResult =
  { ok: true; scorecard: ParsedScorecard } | { ok: false; problems: string[] };

function pathText(path: (string | number)[]): string {
  let where = '';
  for (const part of path) {
    if (typeof part === 'number') where += `[${part}]`;
    else where += where ? `.${part}` : part;
  }
  return where;
}

function formatIssue(issue: ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      key => `${pathText([...issue.path, key])}: is not a known field`,
    );
  }
  const where = pathText(issue.path);
  return [where ? `${where}: ${issue.message}` : issue.message];
}

const quote = (value: unknown) => JSON.stringify(value);

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Loose)
    : undefined;
}

function isThresholdValue(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/**
 * What a shape cannot check, read leniently from the raw input so that it is
 * reported together with the shape's problems. Returns the parsed thresholds
 * by rule index.
 */
function checkMeaning(
  raw: Loose,
  problems: string[],
): Map<number, { threshold: number; warn: number | null }> {
  const parsed = new Map<number, { threshold: number; warn: number | null }>();
  const levels = Array.isArray(raw.levels)
    ? raw.levels.filter((l): l is string => typeof l === 'string')
    : undefined;
  if (Array.isArray(raw.levels)) {
    const written: unknown[] = raw.levels;
    written.forEach((level, i) => {
      const first = written.indexOf(level);
      if (typeof level === 'string' && first < i) {
        problems.push(`levels[${i}]: ${quote(level)} repeats levels[${first}]`);
      }
    });
  }
  if (!Array.isArray(raw.rules)) return parsed;
  const ruleIndexById = new Map<string, number>();
  const scorecardId = typeof raw.id === 'string' ? raw.id : undefined;
  raw.rules.forEach((item, i) => {
    const rule = asObject(item);
    if (!rule) return;
    const at = `rules[${i}]`;
    if (typeof rule.id === 'string') {
      const first = ruleIndexById.get(rule.id);
      if (first !== undefined) {
        problems.push(`${at}.id: ${quote(rule.id)} repeats rules[${first}].id`);
      } else {
        ruleIndexById.set(rule.id, i);
      }
      if (scorecardId !== undefined) {
        const key = scorecardOverrideAnnotation(scorecardId, rule.id, 'warn');
        const name = key.slice(key.indexOf('/') + 1);
        if (name.length > ANNOTATION_NAME_MAX) {
          problems.push(
            `${at}.id: the override annotation ${key} would be longer than the catalog allows (${name.length} > ${ANNOTATION_NAME_MAX} characters after the slash); shorten the scorecard or rule id`,
          );
        }
      }
    }
    if (typeof rule.level === 'string' && levels && levels.length > 0) {
      if (!levels.includes(rule.level)) {
        problems.push(
          `${at}.level: ${quote(rule.level)} is not one of the levels ${levels.join(', ')}`,
        );
      }
    }
    if (typeof rule.metric !== 'string') return;
    const metric = findScorecardMetric(rule.metric);
    if (!metric) {
      problems.push(
        `${at}.metric: ${quote(rule.metric)} is not a scorecard metric; use one of ${scorecardMetrics.map(m => m.path).join(', ')}`,
      );
      return;
    }
    if (!isThresholdValue(rule.threshold)) return;
    const threshold = parseThreshold(rule.threshold, metric);
    if (typeof threshold === 'string') {
      problems.push(`${at}.threshold: ${threshold}`);
    }
    let warn: number | null = null;
    if (isThresholdValue(rule.warn)) {
      const parsedWarn = parseThreshold(rule.warn, metric);
      if (typeof parsedWarn === 'string') {
        problems.push(`${at}.warn: ${parsedWarn}`);
        return;
      }
      warn = parsedWarn;
      const operator = rule.operator as ScorecardOperator;
      if (
        typeof threshold === 'number' &&
        scorecardOperators.includes(operator) &&
        !isLooser(operator, threshold, warn)
      ) {
        const side = operator.startsWith('<') ? 'above' : 'below';
        problems.push(
          `${at}.warn: ${formatThreshold(warn, metric)} must be looser than the threshold ${formatThreshold(threshold, metric)}: with ${operator}, ${side} it`,
        );
      }
    }
    if (typeof threshold === 'number') parsed.set(i, { threshold, warn });
  });
  return parsed;
}

function normalizeFilter(filter: ScorecardFilter | undefined): ScorecardFilter {
  const normalized: ScorecardFilter = {};
  if (!filter) return normalized;
  for (const key of ['kinds', 'types', 'lifecycles', 'tags'] as const) {
    const list = filter[key];
    if (list && list.length) normalized[key] = [...list];
  }
  if (filter.owners && filter.owners.length) {
    normalized.owners = filter.owners.map(normalizeGroupRef);
  }
  return normalized;
}

/**
 * Validates a scorecard from app-config or the API. Every problem is
 * returned at once, each naming its path, e.g.
 * `rules[2].threshold: "24x" is not a duration such as 24h or 2d`.
 */
export function parseScorecard(raw: unknown): ScorecardParseResult {
  const shape = scorecardSchema.safeParse(raw);
  const problems = shape.success ? [] : shape.error.issues.flatMap(formatIssue);
  const object = asObject(raw);
  const thresholds = object ? checkMeaning(object, problems) : new Map();
  if (!shape.success || problems.length) return { ok: false, problems };

  const data = shape.data;
  const window = (data.window ?? DEFAULT_SCORECARD_WINDOW).trim();
  const rules: ParsedScorecardRule[] = data.rules.map((rule, i) => {
    const { threshold, warn } = thresholds.get(i)!;
    return {
      id: rule.id,
      title: rule.title,
      ...(rule.description !== undefined && { description: rule.description }),
      metric: rule.metric,
      operator: rule.operator,
      threshold,
      warn,
      ...(rule.minSampleSize !== undefined && {
        minSampleSize: rule.minSampleSize,
      }),
      level: rule.level,
    };
  });
  return {
    ok: true,
    scorecard: {
      id: data.id,
      title: data.title,
      ...(data.description !== undefined && { description: data.description }),
      filter: normalizeFilter(data.filter),
      window,
      windowDays: parseScorecardWindow(window)!,
      levels: data.levels,
      rules,
    },
  };
}
