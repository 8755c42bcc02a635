import {
  findScorecardMetric,
  parseStagedScorecard,
  readThresholdText,
  ScorecardMetric,
  scorecardMetrics,
  ScorecardOperator,
  StagedScorecard,
} from '@dora-metrics/plugin-dora-common';

/*
 * The editor's form state: every field as the text a person typed, so a
 * half-typed value stays on screen. `draftToScorecard` turns it into the body
 * `POST /v1/scorecards` takes, and `draftProblems` checks that body with the
 * API's own parser, so the messages are the API's, path for path.
 */

export interface RuleDraft {
  /** React key only; never sent. */
  key: string;
  id: string;
  title: string;
  description: string;
  /** A catalog path, e.g. `leadTime.median`. */
  metric: string;
  operator: ScorecardOperator;
  threshold: string;
  warn: string;
  minSampleSize: string;
  level: string;
  /** `yyyy-mm-dd` (UTC) or empty. */
  announceAt: string;
  activeFrom: string;
}

export interface ScorecardDraft {
  id: string;
  title: string;
  description: string;
  window: string;
  /** Comma-separated lists. */
  kinds: string;
  types: string;
  lifecycles: string;
  /** Any of them matches. */
  tags: string;
  owners: string;
  /** Lowest first, comma-separated. */
  levels: string;
  announceAt: string;
  activeFrom: string;
  rules: RuleDraft[];
}

let nextKey = 0;
const newKey = () => `rule-${++nextKey}`;

export function emptyRule(level = ''): RuleDraft {
  return {
    key: newKey(),
    id: '',
    title: '',
    description: '',
    metric: 'leadTime.median',
    operator: '<=',
    threshold: '',
    warn: '',
    minSampleSize: '',
    level,
    announceAt: '',
    activeFrom: '',
  };
}

export function emptyDraft(): ScorecardDraft {
  return {
    id: '',
    title: '',
    description: '',
    window: '30d',
    kinds: 'Component',
    types: '',
    lifecycles: '',
    tags: '',
    owners: '',
    levels: 'bronze, silver, gold',
    announceAt: '',
    activeFrom: '',
    rules: [emptyRule('bronze')],
  };
}

const listText = (list: string[] | undefined) => (list ?? []).join(', ');
const textOf = (value: string | number | undefined) =>
  value === undefined ? '' : String(value);
/** The UTC day of an instant, for a date input. */
function dayOf(instant: string | undefined): string {
  const millis = instant ? Date.parse(instant) : NaN;
  return Number.isNaN(millis)
    ? ''
    : new Date(millis).toISOString().slice(0, 10);
}

/** A saved scorecard as the form shows it. */
export function draftOf(scorecard: StagedScorecard): ScorecardDraft {
  const filter = scorecard.filter ?? {};
  return {
    id: scorecard.id,
    title: scorecard.title,
    description: scorecard.description ?? '',
    window: scorecard.window ?? '',
    kinds: listText(filter.kinds),
    types: listText(filter.types),
    lifecycles: listText(filter.lifecycles),
    tags: listText(filter.tags),
    owners: listText(filter.owners),
    levels: scorecard.levels.join(', '),
    announceAt: dayOf(scorecard.announceAt),
    activeFrom: dayOf(scorecard.activeFrom),
    rules: scorecard.rules.map(rule => ({
      key: newKey(),
      id: rule.id,
      title: rule.title,
      description: rule.description ?? '',
      metric: rule.metric,
      operator: rule.operator,
      threshold: textOf(rule.threshold),
      warn: textOf(rule.warn),
      minSampleSize: textOf(rule.minSampleSize),
      level: rule.level,
      announceAt: dayOf(rule.announceAt),
      activeFrom: dayOf(rule.activeFrom),
    })),
  };
}

const splitList = (text: string) =>
  text
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);

/** A date input's day as the instant the API takes: its start, UTC. */
const instantOf = (day: string) => (day ? `${day}T00:00:00Z` : undefined);

/** A whole number stays a number; anything else is sent as typed, so the API's message names it. */
function sampleSizeOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Drops the keys whose value is undefined, so optional fields left empty are not sent. */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as T;
}

/** The body `POST /v1/scorecards` (and the preview) takes. */
export function draftToScorecard(
  draft: ScorecardDraft,
): Record<string, unknown> {
  const filter = defined({
    kinds: splitList(draft.kinds),
    types: splitList(draft.types),
    lifecycles: splitList(draft.lifecycles),
    tags: splitList(draft.tags),
    owners: splitList(draft.owners),
  });
  const usedFilter = Object.fromEntries(
    Object.entries(filter).filter(([, list]) => list.length > 0),
  );
  return defined({
    id: draft.id.trim(),
    title: draft.title,
    description: draft.description.trim() ? draft.description : undefined,
    window: draft.window.trim() ? draft.window.trim() : undefined,
    filter: Object.keys(usedFilter).length ? usedFilter : undefined,
    levels: splitList(draft.levels),
    announceAt: instantOf(draft.announceAt),
    activeFrom: instantOf(draft.activeFrom),
    rules: draft.rules.map(rule =>
      defined({
        id: rule.id.trim(),
        title: rule.title,
        description: rule.description.trim() ? rule.description : undefined,
        metric: rule.metric,
        operator: rule.operator,
        threshold: rule.threshold,
        warn: rule.warn.trim() ? rule.warn : undefined,
        minSampleSize: sampleSizeOf(rule.minSampleSize),
        level: rule.level.trim(),
        announceAt: instantOf(rule.announceAt),
        activeFrom: instantOf(rule.activeFrom),
      }),
    ),
  });
}

/** The API's problems with a draft, grouped by the form field they name. */
export interface DraftProblems {
  /** Field key (`title`, `filter.owners`, `levels`, `rules[1].threshold`) → messages. */
  byField: Map<string, string[]>;
  all: string[];
}

/**
 * The form field a problem's path names: `rules[1].threshold` stays,
 * `levels[2]` is the levels field, `filter.owners[0]` the owners field.
 */
export function fieldOfPath(path: string): string {
  const rule = /^rules\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (rule)
    return rule[2] ? `rules[${rule[1]}].${rule[2]}` : `rules[${rule[1]}]`;
  return path.replace(/\[\d+\].*$/, '');
}

export function draftProblems(draft: ScorecardDraft): DraftProblems {
  const parsed = parseStagedScorecard(draftToScorecard(draft));
  const byField = new Map<string, string[]>();
  if (parsed.ok) return { byField, all: [] };
  for (const problem of parsed.problems) {
    const colon = problem.indexOf(': ');
    const field = colon > 0 ? fieldOfPath(problem.slice(0, colon)) : '';
    byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  return { byField, all: parsed.problems };
}

/*
 * The metric picker: a catalog path is a measure (`leadTime`) and, where the
 * measure has several, an aggregate (`median`, `p75`, `p90`, `mean`).
 */

const AGGREGATES = ['median', 'mean', 'p75', 'p90'];

export interface MetricChoice {
  /** The path without its aggregate, e.g. `leadTime`; the whole path when it has none. */
  measure: string;
  /** The measure's title without the aggregate in brackets. */
  title: string;
  /** Aggregate → full path. Empty when the measure has none. */
  aggregates: Array<{ aggregate: string; path: string }>;
  unit: ScorecardMetric['unit'];
}

function splitPath(metric: ScorecardMetric): {
  measure: string;
  aggregate?: string;
} {
  const dot = metric.path.lastIndexOf('.');
  const last = metric.path.slice(dot + 1);
  return AGGREGATES.includes(last)
    ? { measure: metric.path.slice(0, dot), aggregate: last }
    : { measure: metric.path };
}

/** The catalog as measures with their aggregates, in the catalog's order. */
export const metricChoices: MetricChoice[] = (() => {
  const byMeasure = new Map<string, MetricChoice>();
  for (const metric of scorecardMetrics) {
    const { measure, aggregate } = splitPath(metric);
    let choice = byMeasure.get(measure);
    if (!choice) {
      choice = {
        measure,
        title: aggregate
          ? metric.title.replace(/\s*\([^)]*\)\s*$/, '')
          : metric.title,
        aggregates: [],
        unit: metric.unit,
      };
      byMeasure.set(measure, choice);
    }
    if (aggregate) choice.aggregates.push({ aggregate, path: metric.path });
  }
  return [...byMeasure.values()];
})();

/** The measure and aggregate of a catalog path (the whole path as measure when unknown). */
export function choiceOf(path: string): {
  choice?: MetricChoice;
  aggregate?: string;
} {
  const metric = findScorecardMetric(path);
  if (!metric) return {};
  const { measure, aggregate } = splitPath(metric);
  return { choice: metricChoices.find(c => c.measure === measure), aggregate };
}

export const unitLabel: Record<ScorecardMetric['unit'], string> = {
  duration: 'a duration (e.g. 24h, 2d)',
  ratio: 'a percentage (e.g. 15%)',
  count: 'a count (e.g. 400)',
  rate: 'a rate (e.g. 1/week)',
};

/** How a typed threshold reads back (`≤ 24h`), or undefined when it cannot be read. */
export function thresholdReadBack(
  text: string,
  metricPath: string,
  operatorSymbol: string,
): string | undefined {
  const metric = findScorecardMetric(metricPath);
  if (!metric || !text.trim()) return undefined;
  const reading = readThresholdText(text, metric);
  return reading.ok ? `${operatorSymbol} ${reading.text}` : undefined;
}
