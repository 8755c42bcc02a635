import { parseDurationSeconds } from '../time/durations';
import {
  ANNOTATION_ATTRIBUTION_WINDOW,
  ANNOTATION_CHANGE_FAILURE_MODE,
  ANNOTATION_EXCLUDE_AUTHORS,
  ANNOTATION_EXCLUDE_BOTS,
  ANNOTATION_EXCLUDED_DEPLOYMENTS,
  ANNOTATION_EXCLUDE_LABELS,
  ANNOTATION_EXCLUDE_TITLES,
  ANNOTATION_INCIDENT_SOURCE,
  ANNOTATION_OPSGENIE_COMPONENT_SELECTOR,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
} from './annotations';
import {
  ExcludedDeployments,
  ExclusionRules,
  NO_EXCLUSIONS,
  compileExclusions,
} from './exclusions';
import { parseNamePatterns, splitPatternList } from './namePatterns';

export type ChangeFailureMode = 'incidents' | 'pipeline';
export const changeFailureModes: readonly ChangeFailureMode[] = [
  'incidents',
  'pipeline',
];

/** How one entity is measured. App-config gives defaults, annotations override. */
export interface DoraSettings {
  /** Environment names and patterns (`prod*`, `/^prod-\d$/`) that count as production. */
  productionEnvironments: string[];
  changeFailureMode: ChangeFailureMode;
  /** Seconds after a deployment in which an unlinked incident is blamed on it; `null` means never (`none`). */
  attributionWindowSeconds: number | null;
  /** The incident tool feeding the entity, when one is configured. */
  incidentSource: string | null;
  /** Changes left out of lead time, pull-request metrics and agreements (none when absent). */
  exclusions?: ExclusionRules;
  /** A deployment that shipped only excluded changes: counted (default) or not. */
  excludedDeployments?: ExcludedDeployments;
}

export const DEFAULT_SETTINGS: DoraSettings = {
  productionEnvironments: ['production'],
  changeFailureMode: 'incidents',
  attributionWindowSeconds: 3600,
  incidentSource: null,
};

/** Parses `30m`, `1h`, `4h` or `none`; `undefined` when it is neither. */
export function parseAttributionWindow(
  text: string,
): number | null | undefined {
  if (text.trim().toLowerCase() === 'none') {
    return null;
  }
  return parseDurationSeconds(text);
}

/** Names and patterns of a comma-separated list (commas inside `/regex/` kept). */
export function parseProductionEnvironments(text: string): string[] {
  return splitPatternList(text);
}

/** Reads a `true`/`false` annotation; undefined when it is neither. */
function parseBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

export interface ResolvedSettings {
  settings: DoraSettings;
  /** Annotations that could not be read (their default was used instead). */
  problems: string[];
}

/**
 * Reads an entity's DORA annotations over the given defaults. A value that
 * cannot be read keeps the default and is reported, never thrown: one bad
 * annotation must not hide the entity's metrics.
 */
export function resolveSettings(
  annotations: Record<string, string> | undefined,
  defaults: DoraSettings = DEFAULT_SETTINGS,
): ResolvedSettings {
  const a = annotations ?? {};
  const settings: DoraSettings = { ...defaults };
  const problems: string[] = [];

  const environments = a[ANNOTATION_PRODUCTION_ENVIRONMENTS];
  if (environments !== undefined) {
    const { patterns, problems: bad } = parseNamePatterns(
      parseProductionEnvironments(environments),
    );
    problems.push(
      ...bad.map(p => `${ANNOTATION_PRODUCTION_ENVIRONMENTS}: ${p}; left out`),
    );
    if (patterns.length) {
      settings.productionEnvironments = patterns.map(p => p.text);
    } else {
      problems.push(
        `${ANNOTATION_PRODUCTION_ENVIRONMENTS} is empty; using ${defaults.productionEnvironments.join(',')}`,
      );
    }
  }

  const mode = a[ANNOTATION_CHANGE_FAILURE_MODE];
  if (mode !== undefined) {
    const normalized = mode.trim().toLowerCase() as ChangeFailureMode;
    if (changeFailureModes.includes(normalized)) {
      settings.changeFailureMode = normalized;
    } else {
      problems.push(
        `${ANNOTATION_CHANGE_FAILURE_MODE} "${mode}" is not incidents or pipeline; using ${defaults.changeFailureMode}`,
      );
    }
  }

  const window = a[ANNOTATION_ATTRIBUTION_WINDOW];
  if (window !== undefined) {
    const parsed = parseAttributionWindow(window);
    if (parsed === undefined) {
      problems.push(
        `${ANNOTATION_ATTRIBUTION_WINDOW} "${window}" is not a duration such as 30m, 1h or none; using the default`,
      );
    } else {
      settings.attributionWindowSeconds = parsed;
    }
  }

  settings.incidentSource = incidentSourceOf(a) ?? defaults.incidentSource;
  const exclusions = exclusionsOf(a, defaults.exclusions ?? NO_EXCLUSIONS);
  if (exclusions.rules !== (defaults.exclusions ?? NO_EXCLUSIONS)) {
    settings.exclusions = exclusions.rules;
  }
  problems.push(...exclusions.problems);
  const excludedDeployments = a[ANNOTATION_EXCLUDED_DEPLOYMENTS];
  if (excludedDeployments !== undefined) {
    const normalized = excludedDeployments.trim().toLowerCase();
    if (normalized === 'count' || normalized === 'skip') {
      settings.excludedDeployments = normalized;
    } else {
      problems.push(
        `${ANNOTATION_EXCLUDED_DEPLOYMENTS} "${excludedDeployments}" is not count or skip; using ${defaults.excludedDeployments ?? 'count'}`,
      );
    }
  }
  return { settings, problems };
}

/**
 * The exclusion annotations over the rules given: each one present
 * replaces its kind of rule (`none` empties it). Group annotations are
 * passed down by calling this from the root group to the entity.
 */
export function exclusionsOf(
  a: Record<string, string>,
  over: ExclusionRules,
): { rules: ExclusionRules; problems: string[] } {
  let rules = over;
  const problems: string[] = [];
  const lists = [
    [ANNOTATION_EXCLUDE_AUTHORS, 'authors'],
    [ANNOTATION_EXCLUDE_LABELS, 'labels'],
    [ANNOTATION_EXCLUDE_TITLES, 'titles'],
  ] as const;
  for (const [annotation, key] of lists) {
    const text = a[annotation];
    if (text === undefined) continue;
    const list =
      text.trim().toLowerCase() === 'none' ? [] : splitPatternList(text);
    const { patterns, problems: bad } = parseNamePatterns(list);
    problems.push(...bad.map(p => `${annotation}: ${p}; left out`));
    rules = { ...rules, [key]: patterns.map(p => p.text) };
  }
  const bots = a[ANNOTATION_EXCLUDE_BOTS];
  if (bots !== undefined) {
    const parsed = parseBoolean(bots);
    if (parsed === undefined) {
      problems.push(
        `${ANNOTATION_EXCLUDE_BOTS} "${bots}" is not true or false; using ${rules.bots}`,
      );
    } else rules = { ...rules, bots: parsed };
  }
  return { rules, problems };
}

/** Problems of exclusion rules from config (an invalid pattern stops start-up). */
export function exclusionProblems(rules: ExclusionRules): string[] {
  return compileExclusions(rules).problems;
}

function incidentSourceOf(a: Record<string, string>): string | null {
  const named = a[ANNOTATION_INCIDENT_SOURCE]?.trim();
  if (named) return named;
  if (a[ANNOTATION_PAGERDUTY_SERVICE_ID]) return 'pagerduty';
  if (a[ANNOTATION_OPSGENIE_COMPONENT_SELECTOR]) return 'opsgenie';
  return null;
}
