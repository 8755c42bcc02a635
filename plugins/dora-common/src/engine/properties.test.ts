/*
 * Property tests over random entities. A small seeded PRNG makes every case
 * reproducible: a failure names its seed.
 */
import { DoraEvent } from '../events/schemas';
import { validateEventBatch } from '../events/validateEvents';
import { DoraSettings } from '../settings/settings';
import { Bucket } from '../time/calendar';
import {
  change,
  DAY,
  deployment,
  ENTITY,
  entityInput,
  incident,
  iso,
  MINUTE,
  ms,
  request,
} from '../__testUtils__/eventFactories';
import { computeEntityMetrics, MetricsBody } from './computeMetrics';
import { computeRollup } from './computeRollup';
import { EntityInput } from './classifyEntity';
import { MetricsRequest } from './metricsRequest';
import { mulberry32 } from '../util/seededRandom';

const CASES = 50;

const prng = mulberry32;

type Rng = ReturnType<typeof prng>;
const int = (rng: Rng, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[int(rng, 0, items.length - 1)];
const chance = (rng: Rng, p: number) => rng() < p;

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

interface Scenario {
  events: DoraEvent[];
  settings: Partial<DoraSettings>;
  history: EntityInput['history'];
  from: number;
  to: number;
}

/** A deployment's changeIds: absent, an empty list, or some ids (maybe unknown). */
function listedIds(rng: Rng, changeIds: string[]): string[] | null | undefined {
  const listed = pick(rng, ['absent', 'empty', 'some'] as const);
  if (listed === 'absent') return pick(rng, [undefined, null]);
  if (listed === 'empty') return [];
  return shuffle(rng, [...changeIds, 'ghost']).slice(0, int(rng, 1, 3));
}

/** A random entity: 20 days of deployments, changes and incidents around a random window. */
function scenario(rng: Rng, entityRef = ENTITY): Scenario {
  const base = ms('2024-01-01T00:00:00Z') + int(rng, 0, 500) * DAY;
  const at = () =>
    base + int(rng, 0, 20 * 24 * 60) * MINUTE + int(rng, 0, 59) * 1000;
  const nDeployments = chance(rng, 0.2) ? 0 : int(rng, 1, 25);
  const nChanges = int(rng, 0, 20);
  const nIncidents = int(rng, 0, 10);
  const changeIds = Array.from({ length: nChanges }, (_, i) => `c${i}`);
  const deploymentIds = Array.from({ length: nDeployments }, (_, i) => `d${i}`);
  const shas = Array.from({ length: nChanges + 3 }, (_, i) => `m${i}`);
  const events: DoraEvent[] = [];

  for (let i = 0; i < nChanges; i++) {
    const firstCommit = at();
    const opened = firstCommit + int(rng, -60, 600) * MINUTE;
    const merged = chance(rng, 0.8)
      ? opened + int(rng, -30, 3000) * MINUTE
      : null;
    events.push(
      change({
        id: changeIds[i],
        entityRef,
        firstCommitAt: chance(rng, 0.85) ? iso(firstCommit) : null,
        openedAt: chance(rng, 0.9) ? iso(opened) : undefined,
        firstReviewAt: chance(rng, 0.7)
          ? iso(opened + int(rng, -10, 600) * MINUTE)
          : null,
        mergedAt: merged === null ? null : iso(merged),
        mergeCommitSha: merged !== null && chance(rng, 0.8) ? shas[i] : null,
        additions: chance(rng, 0.9) ? int(rng, 0, 500) : null,
        deletions: chance(rng, 0.9) ? int(rng, 0, 500) : null,
        reviewCount: chance(rng, 0.7) ? int(rng, 0, 3) : null,
        revertOf: chance(rng, 0.1) ? pick(rng, changeIds) : null,
        labels: pick(rng, [[], [], ['hotfix'], ['HotFix', 'x'], ['feature']]),
      }),
    );
  }

  for (let i = 0; i < nDeployments; i++) {
    events.push(
      deployment({
        id: deploymentIds[i],
        source: pick(rng, ['ci', 'argo']),
        entityRef,
        environment: pick(rng, [
          'production',
          'production',
          'production',
          'staging',
          'prod-eu',
        ]),
        status: pick(rng, [
          'success',
          'success',
          'success',
          'failure',
          'aborted',
        ] as const),
        finishedAt: iso(at()),
        version: pick(rng, [null, undefined, 'v1', 'v2', 'v3']),
        commitSha: pick(rng, [null, ...shas.slice(0, 6)]),
        changeIds: listedIds(rng, changeIds),
        rollbackOf: chance(rng, 0.1) ? pick(rng, deploymentIds) : null,
        deploymentKind: pick(rng, [
          undefined,
          'normal',
          'hotfix',
          'rollback',
        ] as const),
      }),
    );
  }

  for (let i = 0; i < nIncidents; i++) {
    const opened = at();
    events.push(
      incident({
        id: `i${i}`,
        entityRef,
        openedAt: iso(opened),
        resolvedAt: chance(rng, 0.8)
          ? iso(opened + int(rng, -5, 3000) * MINUTE)
          : null,
        deploymentId:
          chance(rng, 0.2) && nDeployments ? pick(rng, deploymentIds) : null,
        changeId: chance(rng, 0.2) && nChanges ? pick(rng, changeIds) : null,
        causedByDeployment: pick(rng, [undefined, null, true, false]),
      }),
    );
  }

  const from = base + int(rng, 0, 10) * DAY + int(rng, 0, 24 * 60 - 1) * MINUTE;
  const to = from + int(rng, 1, 14) * DAY + int(rng, 0, 23) * 60 * MINUTE;
  return {
    events,
    settings: {
      productionEnvironments: pick(rng, [
        ['production'],
        ['production', 'prod-eu'],
      ]),
      changeFailureMode: pick(rng, [
        'incidents',
        'incidents',
        'pipeline',
      ] as const),
      attributionWindowSeconds: pick(rng, [null, 1800, 3600, 4 * 3600]),
      incidentSource: pick(rng, [null, null, 'pagerduty']),
    },
    history: {
      deploymentEverIngested: chance(rng, 0.2),
      incidentEverIngested: chance(rng, 0.2),
    },
    from,
    to,
  };
}

const inputOf = (s: Scenario, events = s.events, entityRef = ENTITY) =>
  entityInput(events, { entityRef, settings: s.settings, history: s.history });

const requestOf = (
  s: Scenario,
  timezone = 'UTC',
  bucket: Bucket = 'week',
): MetricsRequest => request(iso(s.from), iso(s.to), { timezone, bucket });

/** Runs `check` over CASES seeds; a failure names its seed. */
function forEachSeed(salt: number, check: (rng: Rng, seed: number) => void) {
  for (let seed = 1; seed <= CASES; seed++) {
    try {
      check(prng(seed * 7919 + salt), seed);
    } catch (error) {
      (error as Error).message = `seed ${seed}: ${(error as Error).message}`;
      throw error;
    }
  }
}

const INSTANT_FIELDS = [
  'startedAt',
  'finishedAt',
  'firstCommitAt',
  'openedAt',
  'firstReviewAt',
  'approvedAt',
  'mergedAt',
  'resolvedAt',
] as const;

function shiftEvent(event: DoraEvent, offset: number): DoraEvent {
  const shifted: Record<string, unknown> = { ...event };
  for (const field of INSTANT_FIELDS) {
    const value = shifted[field];
    if (typeof value === 'string') shifted[field] = iso(ms(value) + offset);
  }
  return shifted as unknown as DoraEvent;
}

/** The body without the instants that name where the window is. */
function withoutPosition(body: MetricsBody) {
  const { window, series, ...rest } = body;
  return {
    ...rest,
    window: { timezone: window.timezone, bucket: window.bucket },
    series: series.map(({ start: _start, end: _end, ...point }) => point),
  };
}

const byText = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

const isRatio = (value: number | null) =>
  value === null || (Number.isFinite(value) && value >= 0 && value <= 1);

describe('engine properties', () => {
  it('generates valid ingest batches', () => {
    forEachSeed(1, rng => {
      const { events } = scenario(rng);
      const result = validateEventBatch(events);
      expect(result.ok ? [] : result.problems).toEqual([]);
    });
  });

  it('gives the same body whatever the order of the events', () => {
    forEachSeed(2, rng => {
      const s = scenario(rng);
      const req = requestOf(
        s,
        pick(rng, ['UTC', 'Europe/Berlin', 'America/New_York']),
        pick(rng, ['day', 'week', 'month'] as const),
      );
      const body = computeEntityMetrics(inputOf(s), req);
      const permuted = computeEntityMetrics(
        inputOf(s, shuffle(rng, s.events)),
        req,
      );
      const reversed = computeEntityMetrics(
        inputOf(s, [...s.events].reverse()),
        req,
      );
      expect(permuted).toEqual(body);
      expect(reversed).toEqual(body);
    });
  });

  it('changes only the window and bucket instants when every instant and the window move by the same whole days (UTC)', () => {
    forEachSeed(3, rng => {
      const s = scenario(rng);
      const weekly = chance(rng, 0.5);
      const bucket: Bucket = weekly ? 'week' : 'day';
      // ISO weeks line up again only after whole weeks.
      let days = int(rng, -400, 400) || 1;
      if (weekly) days *= 7;
      const offset = days * DAY;
      const moved: Scenario = {
        ...s,
        events: s.events.map(e => shiftEvent(e, offset)),
        from: s.from + offset,
        to: s.to + offset,
      };
      const body = computeEntityMetrics(
        inputOf(s),
        requestOf(s, 'UTC', bucket),
      );
      const shifted = computeEntityMetrics(
        inputOf(moved),
        requestOf(moved, 'UTC', bucket),
      );
      expect(withoutPosition(shifted)).toEqual(withoutPosition(body));
      expect(ms(shifted.window.from) - ms(body.window.from)).toBe(offset);
      expect(ms(shifted.window.to) - ms(body.window.to)).toBe(offset);
      expect(shifted.series.map(p => ms(p.start) - offset)).toEqual(
        body.series.map(p => ms(p.start)),
      );
      expect(shifted.series.map(p => ms(p.end) - offset)).toEqual(
        body.series.map(p => ms(p.end)),
      );
    });
  });

  it('keeps every ratio within [0, 1] or null, for an entity and a team', () => {
    forEachSeed(4, rng => {
      const s = scenario(rng);
      const other = scenario(rng, 'component:default/other');
      const req = requestOf(
        s,
        'UTC',
        pick(rng, ['day', 'week', 'month'] as const),
      );
      const bodies: MetricsBody[] = [
        computeEntityMetrics(inputOf(s), req),
        computeRollup(
          'group:default/team',
          [inputOf(s), inputOf(other, other.events, 'component:default/other')],
          req,
        ),
      ];
      for (const body of bodies) {
        const ratios = [
          body.changeFailureRate.ratio,
          body.reworkRate.ratio,
          body.pullRequests.unreviewedRatio,
          ...body.series.map(p => p.changeFailureRate),
        ];
        for (const ratio of ratios) {
          expect(isRatio(ratio)).toBe(true);
        }
      }
    });
  });

  it('counts exactly the in-window successful non-redeploy production deployments (or merges in pull-request mode)', () => {
    forEachSeed(5, rng => {
      const s = scenario(rng);
      const production = new Set(s.settings.productionEnvironments);
      const deployments = s.events.flatMap(e =>
        e.kind === 'deployment' ? [e] : [],
      );
      const inWindow = (instant: number) => instant >= s.from && instant < s.to;
      let expected = 0;
      const pullRequestMode =
        deployments.length === 0 &&
        !s.history?.deploymentEverIngested &&
        s.events.some(e => e.kind === 'change');
      if (pullRequestMode) {
        for (const e of s.events) {
          if (e.kind === 'change' && e.mergedAt && inWindow(ms(e.mergedAt)))
            expected++;
        }
      } else {
        const successes = deployments
          .filter(d => d.status === 'success' && production.has(d.environment))
          .sort(
            (a, b) =>
              ms(a.finishedAt) - ms(b.finishedAt) ||
              byText(a.source, b.source) ||
              byText(a.id, b.id),
          );
        let previous: string | null = null;
        for (const d of successes) {
          const artifact = d.version ?? d.commitSha ?? null;
          const redeploy = artifact !== null && artifact === previous;
          previous = artifact;
          if (!redeploy && inWindow(ms(d.finishedAt))) expected++;
        }
      }
      const body = computeEntityMetrics(inputOf(s), requestOf(s));
      expect(body.deploymentFrequency.count).toBe(expected);
      expect(body.mode).toBe(pullRequestMode ? 'pull-requests' : 'deployments');
    });
  });

  it('never has a larger lead time sample than there are changes', () => {
    forEachSeed(6, rng => {
      const s = scenario(rng);
      const changes = s.events.filter(e => e.kind === 'change').length;
      const body = computeEntityMetrics(inputOf(s), requestOf(s));
      expect(body.leadTime.sampleSize).toBeLessThanOrEqual(changes);
    });
  });

  it('has series that add up to the headline counts', () => {
    forEachSeed(7, rng => {
      const s = scenario(rng);
      const body = computeEntityMetrics(
        inputOf(s),
        requestOf(
          s,
          pick(rng, ['UTC', 'Europe/Berlin', 'Asia/Kolkata']),
          pick(rng, ['day', 'week', 'month'] as const),
        ),
      );
      const total = (
        key:
          | 'deployments'
          | 'leadTimeSampleSize'
          | 'failedChanges'
          | 'changeTotal'
          | 'incidentsResolved',
      ) => body.series.reduce((sum, p) => sum + p[key], 0);
      expect(total('deployments')).toBe(body.deploymentFrequency.count);
      expect(total('leadTimeSampleSize')).toBe(body.leadTime.sampleSize);
      expect(total('failedChanges')).toBe(body.changeFailureRate.failed);
      expect(total('changeTotal')).toBe(body.changeFailureRate.total);
      // Without an incident source the headline is null and no bucket counts any.
      expect(total('incidentsResolved')).toBe(
        body.timeToRestore.sampleSize ?? 0,
      );
    });
  });
});
