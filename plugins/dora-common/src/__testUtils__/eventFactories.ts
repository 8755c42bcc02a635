/*
 * Small builders of ingest events, settings and requests for the engine's
 * tests. Test-only: not exported from the package's index.
 */
import {
  ChangeEvent,
  DeploymentEvent,
  DoraEvent,
  IncidentEvent,
} from '../events/schemas';
import { DEFAULT_SETTINGS, DoraSettings } from '../settings/settings';
import { Bucket } from '../time/calendar';
import { MetricsRequest } from '../engine/metricsRequest';
import {
  classifyEntity,
  EntityClassification,
  EntityInput,
} from '../engine/classifyEntity';
import { computeEntityMetrics, EntityMetrics } from '../engine/computeMetrics';

export const ENTITY = 'component:default/payments-api';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch milliseconds of an ISO instant. */
export const ms = (iso: string): number => {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new Error(`not an instant: ${iso}`);
  return millis;
};

/** ISO instant (UTC) of epoch milliseconds. */
export const iso = (millis: number): string => new Date(millis).toISOString();

/** ISO instant `offset` milliseconds after `base`. */
export const after = (base: string, offset: number): string =>
  iso(ms(base) + offset);

type Without<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export function deployment(
  fields: Without<
    DeploymentEvent,
    'kind' | 'source' | 'entityRef' | 'environment' | 'status'
  >,
): DeploymentEvent {
  return {
    kind: 'deployment',
    source: 'ci',
    entityRef: ENTITY,
    environment: 'production',
    status: 'success',
    ...fields,
  };
}

export function change(
  fields: Without<ChangeEvent, 'kind' | 'source' | 'entityRef'>,
): ChangeEvent {
  return {
    kind: 'change',
    source: 'github',
    entityRef: ENTITY,
    ...fields,
  };
}

export function incident(
  fields: Without<IncidentEvent, 'kind' | 'source' | 'entityRef'>,
): IncidentEvent {
  return {
    kind: 'incident',
    source: 'pagerduty',
    entityRef: ENTITY,
    ...fields,
  };
}

export function settings(overrides: Partial<DoraSettings> = {}): DoraSettings {
  return {
    ...DEFAULT_SETTINGS,
    productionEnvironments: [...DEFAULT_SETTINGS.productionEnvironments],
    ...overrides,
  };
}

export interface RequestOptions {
  timezone?: string;
  bucket?: Bucket;
}

export function request(
  from: string,
  to: string,
  options: RequestOptions = {},
): MetricsRequest {
  return {
    window: { from: ms(from), to: ms(to) },
    timezone: options.timezone ?? 'UTC',
    bucket: options.bucket ?? 'week',
  };
}

export interface EntityOptions {
  entityRef?: string;
  settings?: Partial<DoraSettings>;
  history?: EntityInput['history'];
}

export function entityInput(
  events: DoraEvent[],
  options: EntityOptions = {},
): EntityInput {
  return {
    entityRef: options.entityRef ?? ENTITY,
    events,
    settings: settings(options.settings),
    history: options.history,
  };
}

export function classify(
  events: DoraEvent[],
  options: EntityOptions = {},
): EntityClassification {
  return classifyEntity(entityInput(events, options));
}

/** The metrics of one entity over `[from, to)`. */
export function metricsOf(
  events: DoraEvent[],
  window: { from: string; to: string } & RequestOptions,
  options: EntityOptions = {},
): EntityMetrics {
  return computeEntityMetrics(
    entityInput(events, options),
    request(window.from, window.to, window),
  );
}

/** The warning of a metrics body with the given code, if any. */
export function warningOf<T extends { code: string }>(
  body: { warnings: T[] },
  code: string,
): T | undefined {
  return body.warnings.find(w => w.code === code);
}

export function warningCodes(body: { warnings: { code: string }[] }) {
  return body.warnings.map(w => w.code).sort();
}
