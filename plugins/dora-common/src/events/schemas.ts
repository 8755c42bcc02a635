import { z } from 'zod';

/**
 * Zod schemas of the three ingested event kinds, exactly as in the HTTP
 * contract (`POST /api/dora/v1/events`). Optional fields may be omitted or
 * `null`. Unknown fields are dropped, so producers may send more.
 */

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The instants accepted: from 1970 up to, not including, 2100 (UTC). */
export const EARLIEST_INSTANT = '1970-01-01T00:00:00Z';
export const LATEST_INSTANT = '2100-01-01T00:00:00Z';
const earliest = Date.parse(EARLIEST_INSTANT);
const latest = Date.parse(LATEST_INSTANT);

/**
 * A real calendar day (rejects 2024-02-30, which `Date.parse` would roll
 * over) in the accepted range: a year 0 or 1000 is a producer's bug.
 */
function isInstant(value: string): boolean {
  const match = ISO_INSTANT.exec(value);
  if (!match) return false;
  const [year, month, day] = [1, 2, 3].map(i => Number(match[i]));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return false;
  }
  const millis = Date.parse(value);
  return millis >= earliest && millis < latest;
}

/** The largest whole number the databases store in a count column (32-bit). */
export const MAX_COUNT = 2_147_483_647;

// NUL cannot be stored by PostgreSQL; a lone UTF-16 surrogate is stored as
// U+FFFD by PostgreSQL and as is by SQLite, so two ids could become one.
const NUL = String.fromCharCode(0);
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string can be stored the same way by both databases. */
export function isStorableText(value: string): boolean {
  return !value.includes(NUL) && !LONE_SURROGATE.test(value);
}

// A precompiled check: zod 3's `.datetime()` builds its regex on every call,
// which made validation the slowest step of ingestion.
const instant = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be an ISO-8601 instant string',
  })
  .refine(isInstant, {
    message:
      'must be an ISO-8601 instant with a UTC offset between 1970 and 2099, e.g. 2026-03-02T10:07:00Z',
  });

const text = (max: number) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isStorableText, {
      message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
    });

const optionalText = (max: number) => text(max).nullish();
const optionalInstant = instant.nullish();
const count = z
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .nonnegative('must not be negative')
  .max(MAX_COUNT, `must be at most ${MAX_COUNT}`)
  .nullish();

/** The longest link accepted, as browsers and proxies reliably pass on. */
export const MAX_URL_LENGTH = 2048;

function isWebLink(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A tool's link as the event schemas accept it (http or https, at most
 * MAX_URL_LENGTH characters, storable), else null: source modules pass on
 * only links that cannot make a whole batch refused.
 */
export function acceptedUrl(value: unknown): string | null {
  return typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_URL_LENGTH &&
    isStorableText(value) &&
    isWebLink(value)
    ? value
    : null;
}

/** A link to the event in its tool (pull request, run, incident page). */
const url = text(MAX_URL_LENGTH)
  .refine(isWebLink, { message: 'must be an http or https URL' })
  .nullish();

const common = {
  source: text(255),
  id: text(255),
  entityRef: optionalText(512),
  url,
};

export const deploymentStatuses = ['success', 'failure', 'aborted'] as const;
export const deploymentKinds = ['normal', 'hotfix', 'rollback'] as const;

export const deploymentEventSchema = z.object({
  kind: z.literal('deployment'),
  ...common,
  entityRef: text(512),
  environment: text(255),
  status: z.enum(deploymentStatuses, {
    errorMap: () => ({ message: 'must be one of success, failure, aborted' }),
  }),
  startedAt: optionalInstant,
  finishedAt: instant,
  version: optionalText(255),
  commitSha: optionalText(255),
  changeIds: z
    .array(text(255), { invalid_type_error: 'must be an array of change ids' })
    .nullish(),
  rollbackOf: optionalText(255),
  deploymentKind: z
    .enum(deploymentKinds, {
      errorMap: () => ({ message: 'must be one of normal, hotfix, rollback' }),
    })
    .nullish(),
});

export const authorKinds = ['bot', 'human'] as const;
/** The most paths one change lists; a larger change lists its directories. */
export const MAX_PATHS = 3000;

export const changeEventSchema = z
  .object({
    kind: z.literal('change'),
    ...common,
    repository: optionalText(512),
    number: count,
    title: optionalText(2000),
    author: optionalText(255),
    firstCommitAt: optionalInstant,
    openedAt: optionalInstant,
    firstReviewAt: optionalInstant,
    approvedAt: optionalInstant,
    mergedAt: optionalInstant,
    mergeCommitSha: optionalText(255),
    additions: count,
    deletions: count,
    reviewCount: count,
    revertOf: optionalText(255),
    labels: z
      .array(text(255), { invalid_type_error: 'must be an array of strings' })
      .nullish(),
    /** Whether a bot or a person wrote it, where the source says so. */
    authorKind: z
      .enum(authorKinds, {
        errorMap: () => ({ message: 'must be one of bot, human' }),
      })
      .nullish(),
    /**
     * The repository paths it touched: files, or directories ending in `/`
     * (a very large change's top-level ones). Monorepos attribute changes
     * by them (`dora/paths`).
     */
    paths: z
      .array(text(1024), { invalid_type_error: 'must be an array of paths' })
      .max(MAX_PATHS, `must list at most ${MAX_PATHS} paths`)
      .nullish(),
  })
  .refine(e => e.entityRef || e.repository, {
    message: 'needs entityRef, or a repository to resolve it from the catalog',
    path: ['entityRef'],
  });

export const incidentEventSchema = z
  .object({
    kind: z.literal('incident'),
    ...common,
    serviceId: optionalText(255),
    title: optionalText(2000),
    openedAt: instant,
    resolvedAt: optionalInstant,
    severity: optionalText(64),
    deploymentId: optionalText(255),
    changeId: optionalText(255),
    causedByDeployment: z
      .boolean({ invalid_type_error: 'must be true, false or null' })
      .nullish(),
  })
  .refine(e => e.entityRef || e.serviceId, {
    message:
      'needs entityRef, or a serviceId to resolve it from the catalog (pagerduty.com/service-id)',
    path: ['entityRef'],
  });

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;
export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type IncidentEvent = z.infer<typeof incidentEventSchema>;
export type DoraEvent = DeploymentEvent | ChangeEvent | IncidentEvent;
export type DoraEventKind = DoraEvent['kind'];
export type DeploymentStatus = (typeof deploymentStatuses)[number];
export type DeploymentKind = (typeof deploymentKinds)[number];
export type AuthorKind = (typeof authorKinds)[number];

export const eventKinds: readonly DoraEventKind[] = [
  'deployment',
  'change',
  'incident',
];

export const eventSchemaByKind = {
  deployment: deploymentEventSchema,
  change: changeEventSchema,
  incident: incidentEventSchema,
} as const;
