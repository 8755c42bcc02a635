import { EntityInput } from '../engine/classifyEntity';
import { MetricsRequest, parseMetricsRequest } from '../engine/metricsRequest';
import { DoraEvent } from '../events/schemas';
import { validateEventBatch } from '../events/validateEvents';
import { eventsOfRequestedEntity } from './goldenCatalog';
import {
  DEFAULT_SETTINGS,
  DoraSettings,
  parseAttributionWindow,
} from '../settings/settings';

/** A golden case, in the format of the product spec (`metrics.md`). */
export interface GoldenFixture {
  name: string;
  rule: string;
  request: { entityRef: string; from: string; to: string; timezone?: string };
  context: {
    productionEnvironments?: string[];
    changeFailureMode?: 'incidents' | 'pipeline';
    attributionWindow?: string | number | null;
    incidentSource?: boolean;
    /** Project cases: exclusion rules (absent kinds: none). */
    exclusions?: {
      authors?: string[];
      labels?: string[];
      titles?: string[];
      bots?: boolean;
    };
    /** Project cases: what a deployment of only excluded changes is. */
    excludedDeployments?: 'count' | 'skip';
    /**
     * Project cases: the catalog entities of the fixture's repository, each
     * with its annotations (`github.com/project-slug`, `dora/paths`). Events
     * without entityRef are attributed by repository and paths; the request
     * reads one of these entities.
     */
    catalog?: { entityRef: string; annotations: Record<string, string> }[];
  };
  events: unknown[];
  expect: Record<string, unknown>;
  expectWarnings?: string[];
  expectNoWarnings?: string[];
}

function attributionWindowOf(value: string | number | null | undefined) {
  if (value === undefined) return DEFAULT_SETTINGS.attributionWindowSeconds;
  if (value === null || typeof value === 'number') return value;
  const seconds = parseAttributionWindow(value);
  if (seconds === undefined) {
    throw new Error(`attributionWindow "${value}" is not a duration`);
  }
  return seconds;
}

/** The settings a fixture's `context` stands for (absent keys take the defaults). */
export function fixtureSettings(fixture: GoldenFixture): DoraSettings {
  const { context } = fixture;
  return {
    productionEnvironments:
      context.productionEnvironments ?? DEFAULT_SETTINGS.productionEnvironments,
    changeFailureMode:
      context.changeFailureMode ?? DEFAULT_SETTINGS.changeFailureMode,
    attributionWindowSeconds: attributionWindowOf(context.attributionWindow),
    // `incidentSource` absent: true exactly when the fixture has incidents,
    // which the engine derives from the events themselves.
    incidentSource: context.incidentSource ? 'golden-fixture' : null,
    ...(context.exclusions && {
      exclusions: {
        authors: context.exclusions.authors ?? [],
        labels: context.exclusions.labels ?? [],
        titles: context.exclusions.titles ?? [],
        bots: context.exclusions.bots ?? false,
      },
    }),
    ...(context.excludedDeployments && {
      excludedDeployments: context.excludedDeployments,
    }),
  };
}

export function fixtureEvents(fixture: GoldenFixture): DoraEvent[] {
  const result = validateEventBatch(fixture.events);
  if (!result.ok) {
    throw new Error(
      `fixture ${fixture.name} has invalid events: ${result.problems
        .map(p => p.message)
        .join('; ')}`,
    );
  }
  return result.events;
}

export function fixtureEntityInput(fixture: GoldenFixture): EntityInput {
  return {
    entityRef: fixture.request.entityRef,
    events: eventsOfRequestedEntity(
      fixtureEvents(fixture),
      fixture.context.catalog,
      fixture.request.entityRef,
    ),
    settings: fixtureSettings(fixture),
  };
}

export function fixtureRequest(fixture: GoldenFixture): MetricsRequest {
  const parsed = parseMetricsRequest(fixture.request);
  if (!parsed.ok) {
    throw new Error(`fixture ${fixture.name}: ${parsed.problems.join('; ')}`);
  }
  return parsed.request;
}

/** Reads a dotted path such as `leadTime.breakdown.coding`. */
export function valueAtPath(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      body,
    );
}

const RELATIVE_TOLERANCE = 1e-6;

/**
 * Every mismatch between a metrics body and a fixture's expectations:
 * numbers within a relative tolerance of 1e-6, `null` exactly `null`,
 * warning codes present or absent.
 */
export function goldenMismatches(
  fixture: GoldenFixture,
  body: { warnings: { code: string }[] },
): string[] {
  const mismatches: string[] = [];
  for (const [path, expected] of Object.entries(fixture.expect)) {
    const actual = valueAtPath(body, path);
    const same =
      typeof expected === 'number' && typeof actual === 'number'
        ? Math.abs(actual - expected) <=
          RELATIVE_TOLERANCE * Math.max(Math.abs(expected), 1e-9)
        : actual === expected;
    if (!same) {
      mismatches.push(
        `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
      );
    }
  }
  const codes = new Set(body.warnings.map(w => w.code));
  for (const code of fixture.expectWarnings ?? []) {
    if (!codes.has(code)) mismatches.push(`warning ${code} missing`);
  }
  for (const code of fixture.expectNoWarnings ?? []) {
    if (codes.has(code)) mismatches.push(`warning ${code} present`);
  }
  return mismatches;
}
