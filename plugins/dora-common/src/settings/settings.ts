import { parseDurationSeconds } from '../time/durations';
import {
  ANNOTATION_ATTRIBUTION_WINDOW,
  ANNOTATION_CHANGE_FAILURE_MODE,
  ANNOTATION_INCIDENT_SOURCE,
  ANNOTATION_OPSGENIE_COMPONENT_SELECTOR,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
} from './annotations';

export type ChangeFailureMode = 'incidents' | 'pipeline';
export const changeFailureModes: readonly ChangeFailureMode[] = [
  'incidents',
  'pipeline',
];

/** How one entity is measured. App-config gives defaults, annotations override. */
export interface DoraSettings {
  /** Environment names that count as production. */
  productionEnvironments: string[];
  changeFailureMode: ChangeFailureMode;
  /** Seconds after a deployment in which an unlinked incident is blamed on it; `null` means never (`none`). */
  attributionWindowSeconds: number | null;
  /** The incident tool feeding the entity, when one is configured. */
  incidentSource: string | null;
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

export function parseProductionEnvironments(text: string): string[] {
  return text
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
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
    const parsed = parseProductionEnvironments(environments);
    if (parsed.length) {
      settings.productionEnvironments = parsed;
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
  return { settings, problems };
}

function incidentSourceOf(a: Record<string, string>): string | null {
  const named = a[ANNOTATION_INCIDENT_SOURCE]?.trim();
  if (named) return named;
  if (a[ANNOTATION_PAGERDUTY_SERVICE_ID]) return 'pagerduty';
  if (a[ANNOTATION_OPSGENIE_COMPONENT_SELECTOR]) return 'opsgenie';
  return null;
}
