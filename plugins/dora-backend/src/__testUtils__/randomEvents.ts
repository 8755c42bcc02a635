import { mulberry32 } from '@dora-metrics/plugin-dora-common/testUtils';
import {
  ANNOTATION_ATTRIBUTION_WINDOW,
  ANNOTATION_CHANGE_FAILURE_MODE,
  ANNOTATION_INCIDENT_SOURCE,
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
  ChangeEvent,
  DeploymentEvent,
  DoraEvent,
  IncidentEvent,
} from '@dora-metrics/plugin-dora-common';

/**
 * Seeded random catalogs, event histories, ingest plans and windows for the
 * differential test of the backend against the pure engine. Everything is a
 * function of the seed, so a failure reproduces from the seed alone.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The data of every seed lies in [DATA_START, DATA_START + DATA_DAYS). */
export const DATA_START = Date.parse('2025-03-03T00:00:00Z');
export const DATA_DAYS = 42;

export interface Random {
  next(): number;
  chance(p: number): boolean;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

export function randomSource(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));
  return {
    next,
    chance: p => next() < p,
    int,
    pick: items => items[Math.floor(next() * items.length)],
    shuffle: items => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

/** An instant as ISO-8601: mostly UTC, sometimes with another offset. */
function isoOf(random: Random, millis: number): string {
  const offsetMinutes = random.chance(0.15)
    ? random.pick([330, -240, 765, 60])
    : 0;
  if (offsetMinutes === 0) return new Date(millis).toISOString();
  return isoWithOffset(millis, offsetMinutes);
}

/** `millis` written in local time at a fixed UTC offset, e.g. `...+05:30`. */
export function isoWithOffset(millis: number, offsetMinutes: number): string {
  const local = new Date(millis + offsetMinutes * MINUTE)
    .toISOString()
    .slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

export type EntityRole =
  /** Default settings (incidents mode), an incident source annotation. */
  | 'incidents'
  /** Production is `prod,production-eu`; attribution window `none`. */
  | 'environments'
  /** `dora/change-failure-mode: pipeline`. */
  | 'pipeline'
  /** Changes only, never a deployment: pull-request mode. */
  | 'pull-requests';

export interface EntityPlan {
  name: string;
  entityRef: string;
  role: EntityRole;
  owner: string;
  annotations: Record<string, string>;
  productionEnvironments: string[];
  /** Whether any incident is generated for it. */
  hasIncidents: boolean;
}

export interface GroupPlan {
  name: string;
  groupRef: string;
  children: string[];
  parent?: string;
}

export interface WindowQuery {
  from: string;
  to: string;
  timezone: string;
  bucket: 'day' | 'week' | 'month';
  /** How the window was chosen (printed on failure). */
  kind: string;
}

export interface SeedPlan {
  seed: number;
  groups: GroupPlan[];
  entities: EntityPlan[];
  /** The final version of every event. */
  events: DoraEvent[];
  /** The posts, in order: drafts before finals, some finals re-sent. */
  batches: DoraEvent[][];
  /** Posted after all the batches and reads (see IngestPlan). */
  corrections: Correction[];
  windows: WindowQuery[];
}

export const TIMEZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Pacific/Chatham',
] as const;
const BUCKETS = ['day', 'week', 'month'] as const;

/** The catalog of one seed: a root group with two teams owning two components each. */
function catalogOf(seed: number, random: Random) {
  const prefix = `seed${seed}`;
  const root = `${prefix}-platform`;
  const alpha = `${prefix}-alpha`;
  const beta = `${prefix}-beta`;
  const groups: GroupPlan[] = [
    { name: root, groupRef: `group:default/${root}`, children: [alpha, beta] },
    {
      name: alpha,
      groupRef: `group:default/${alpha}`,
      children: [],
      parent: root,
    },
    {
      name: beta,
      groupRef: `group:default/${beta}`,
      children: [],
      parent: root,
    },
  ];
  const entity = (
    letter: string,
    role: EntityRole,
    owner: string,
    annotations: Record<string, string>,
    productionEnvironments: string[],
    hasIncidents: boolean,
  ): EntityPlan => ({
    name: `${prefix}-${letter}`,
    entityRef: `component:default/${prefix}-${letter}`,
    role,
    owner,
    annotations,
    productionEnvironments,
    hasIncidents,
  });
  const incidentsWindow = random.pick([undefined, '30m', '4h']);
  const entities = [
    entity(
      'a',
      'incidents',
      alpha,
      {
        [ANNOTATION_INCIDENT_SOURCE]: 'pagerduty',
        ...(incidentsWindow
          ? { [ANNOTATION_ATTRIBUTION_WINDOW]: incidentsWindow }
          : {}),
      },
      ['production'],
      true,
    ),
    // No incident source annotation: with no incident either (some seeds),
    // the entity has no incident source at all.
    entity(
      'b',
      'environments',
      alpha,
      {
        [ANNOTATION_PRODUCTION_ENVIRONMENTS]: 'prod, production-eu',
        [ANNOTATION_ATTRIBUTION_WINDOW]: 'none',
      },
      ['prod', 'production-eu'],
      random.chance(0.5),
    ),
    entity(
      'c',
      'pipeline',
      beta,
      {
        [ANNOTATION_CHANGE_FAILURE_MODE]: 'pipeline',
        [ANNOTATION_ATTRIBUTION_WINDOW]: random.pick(['1h', 'none']),
        [ANNOTATION_INCIDENT_SOURCE]: 'webhook',
      },
      ['production'],
      true,
    ),
    entity(
      'd',
      'pull-requests',
      beta,
      random.chance(0.5) ? { [ANNOTATION_INCIDENT_SOURCE]: 'opsgenie' } : {},
      ['production'],
      random.chance(0.5),
    ),
  ];
  return { groups, entities };
}

/** Absent, `null` or the value: the ingest shape allows each. */
function maybe<T>(random: Random, value: T | null | undefined) {
  if (value !== null && value !== undefined) return value;
  return random.chance(0.5) ? null : undefined;
}

function withoutUndefined<T extends object>(event: T): T {
  return Object.fromEntries(
    Object.entries(event).filter(([, value]) => value !== undefined),
  ) as T;
}

/** An instant of the data span, to the minute, sometimes with milliseconds. */
function instant(random: Random): number {
  const minute = Math.floor(random.next() * DATA_DAYS * 24 * 60);
  const millis = random.chance(0.1) ? random.int(1, 59_999) : 0;
  return DATA_START + minute * MINUTE + millis;
}

interface GeneratedChange {
  id: string;
  mergedAt: number | null;
  mergeCommitSha: string | null;
}

function generateChanges(
  random: Random,
  plan: EntityPlan,
  source: string,
): { events: ChangeEvent[]; changes: GeneratedChange[] } {
  const count = random.int(18, 30);
  const events: ChangeEvent[] = [];
  const changes: GeneratedChange[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${plan.name}-c${i}`;
    const merged = random.chance(0.82);
    const mergedAt = merged ? instant(random) : null;
    const anchor = mergedAt ?? instant(random);
    let firstCommitAt: number | null = random.chance(0.85)
      ? anchor - random.int(10, 5 * 24 * 60) * MINUTE
      : null;
    // Clock skew: a first commit after the merge (maybe after the deployment).
    if (mergedAt !== null && random.chance(0.05)) {
      firstCommitAt = mergedAt + random.int(1, 180) * MINUTE;
    }
    const openedStart = firstCommitAt ?? anchor - 3 * DAY;
    const openedAt = random.chance(0.9)
      ? Math.min(anchor, openedStart + random.int(0, 24 * 60) * MINUTE)
      : null;
    const firstReviewAt =
      openedAt !== null && random.chance(0.7)
        ? openedAt + Math.floor(random.next() * (anchor - openedAt))
        : null;
    const approvedAt =
      firstReviewAt !== null && random.chance(0.6)
        ? firstReviewAt + Math.floor(random.next() * (anchor - firstReviewAt))
        : null;
    const mergeCommitSha =
      merged && random.chance(0.85) ? `${plan.name}-sha-c${i}` : null;
    let labels: string[] | null | undefined;
    if (random.chance(0.12)) labels = [random.pick(['hotfix', 'HotFix'])];
    else if (random.chance(0.1)) labels = ['feature', 'ui'];
    else labels = random.pick([[], null, undefined]);
    const revertOf =
      i > 0 && random.chance(0.1)
        ? `${plan.name}-c${random.int(0, i - 1)}`
        : null;
    const at = (millis: number | null) =>
      maybe(random, millis === null ? null : isoOf(random, millis));
    events.push(
      withoutUndefined({
        kind: 'change',
        source,
        id,
        entityRef: plan.entityRef,
        title: random.chance(0.5) ? `Change ${i}` : undefined,
        firstCommitAt: at(firstCommitAt),
        openedAt: at(openedAt),
        firstReviewAt: at(firstReviewAt),
        approvedAt: at(approvedAt),
        mergedAt: at(mergedAt),
        mergeCommitSha: maybe(random, mergeCommitSha),
        additions: maybe(
          random,
          random.chance(0.9) ? random.int(0, 800) : null,
        ),
        deletions: maybe(
          random,
          random.chance(0.9) ? random.int(0, 300) : null,
        ),
        reviewCount: maybe(
          random,
          random.chance(0.85) ? random.int(0, 3) : null,
        ),
        revertOf: maybe(random, revertOf),
        labels,
      }) as ChangeEvent,
    );
    changes.push({ id, mergedAt, mergeCommitSha });
  }
  return { events, changes };
}

function generateDeployments(
  random: Random,
  plan: EntityPlan,
  changes: GeneratedChange[],
): DeploymentEvent[] {
  const count = random.int(16, 28);
  const times: number[] = [];
  for (let j = 0; j < count; j++) {
    times.push(j > 0 && random.chance(0.06) ? times[j - 1] : instant(random));
  }
  times.sort((a, b) => a - b);
  const merged = changes
    .filter(c => c.mergedAt !== null)
    .sort((a, b) => a.mergedAt! - b.mergedAt!);
  const listed = new Set<string>();
  const environments =
    plan.role === 'environments'
      ? ['prod', 'production-eu', 'production']
      : ['production'];
  let version = 0;
  const deployments: DeploymentEvent[] = [];
  times.forEach((finishedAt, j) => {
    const id = `${plan.name}-d${j}`;
    const roll = random.next();
    let status: DeploymentEvent['status'] = 'success';
    if (roll > 0.72) status = roll > 0.88 ? 'aborted' : 'failure';
    const environment = random.chance(0.25)
      ? random.pick(['staging', 'qa'])
      : random.pick(environments);
    // Sometimes the same version again: a redeploy.
    if (version === 0 || !random.chance(0.2)) version++;
    const versionText = random.chance(0.12) ? null : `v${version}`;
    const before = merged.filter(c => c.mergedAt! <= finishedAt);
    let changeIds: string[] | null | undefined;
    let commitSha: string | null = null;
    const link = random.next();
    if (link < 0.35) {
      const fresh = before.filter(c => !listed.has(c.id));
      changeIds = random.chance(0.1)
        ? []
        : random
            .shuffle(fresh)
            .slice(0, random.int(1, 3))
            .map(c => c.id);
      if (random.chance(0.08)) changeIds.push(random.pick(changes).id);
      changeIds.forEach(c => listed.add(c));
      if (random.chance(0.3)) commitSha = `${plan.name}-sha-unknown-${j}`;
    } else if (link < 0.7) {
      const withSha = before.filter(c => c.mergeCommitSha !== null);
      // Mostly a recent merge; sometimes a merge after the deployment.
      const candidates =
        random.chance(0.06) || withSha.length === 0
          ? merged.filter(c => c.mergeCommitSha !== null)
          : withSha.slice(-4);
      if (candidates.length > 0) {
        commitSha = random.pick(candidates).mergeCommitSha;
      }
      changeIds = random.chance(0.5) ? null : undefined;
    } else {
      if (random.chance(0.5)) commitSha = `${plan.name}-sha-unknown-${j}`;
      changeIds = random.chance(0.5) ? null : undefined;
    }
    let deploymentKind: DeploymentEvent['deploymentKind'] = random.pick([
      undefined,
      null,
      'normal',
    ]);
    if (random.chance(0.08)) deploymentKind = 'hotfix';
    deployments.push(
      withoutUndefined({
        kind: 'deployment',
        source: random.chance(0.8) ? 'ci' : 'argo',
        id,
        entityRef: plan.entityRef,
        environment,
        status,
        startedAt: random.chance(0.5)
          ? isoOf(random, finishedAt - random.int(1, 30) * MINUTE)
          : undefined,
        finishedAt: isoOf(random, finishedAt),
        version: maybe(random, versionText),
        commitSha: maybe(random, commitSha),
        changeIds,
        deploymentKind,
      }) as DeploymentEvent,
    );
  });
  // Rollbacks: mostly of an earlier deployment, sometimes of a later or a
  // staging one (which must not count).
  deployments.forEach((deployment, j) => {
    if (j === 0 || !random.chance(0.1)) return;
    const target = random.chance(0.85)
      ? deployments[random.int(Math.max(0, j - 4), j - 1)]
      : random.pick(deployments);
    if (target === deployment) return;
    deployment.rollbackOf = target.id;
    if (random.chance(0.8)) deployment.deploymentKind = 'rollback';
  });
  return deployments;
}

function generateIncidents(
  random: Random,
  plan: EntityPlan,
  deployments: DeploymentEvent[],
  changes: GeneratedChange[],
): IncidentEvent[] {
  const count = random.int(4, 10);
  const incidents: IncidentEvent[] = [];
  for (let k = 0; k < count; k++) {
    // Often shortly after a deployment, to meet the attribution windows.
    const openedAt =
      deployments.length > 0 && random.chance(0.6)
        ? Date.parse(random.pick(deployments).finishedAt) +
          random.pick([0, 1, 5, 29, 31, 59, 61, 179, 241, 600]) * MINUTE +
          random.int(0, 1) * 1000
        : instant(random);
    const link = random.next();
    let deploymentId: string | null = null;
    let changeId: string | null = null;
    if (link < 0.25 && deployments.length > 0) {
      deploymentId = random.pick(deployments).id;
    } else if (link < 0.4) {
      changeId = random.pick(changes).id;
    }
    const causeRoll = random.next();
    let causedByDeployment: boolean | null = null;
    if (causeRoll < 0.2) causedByDeployment = true;
    else if (causeRoll < 0.4) causedByDeployment = false;
    let resolvedAt: number | null = null;
    if (random.chance(0.78)) {
      resolvedAt = openedAt + random.int(5, 3 * 24 * 60) * MINUTE;
    } else if (random.chance(0.1)) {
      // A resolution before the opening (bad clocks).
      resolvedAt = openedAt - 10 * MINUTE;
    }
    incidents.push(
      withoutUndefined({
        kind: 'incident',
        source: random.chance(0.7) ? 'pagerduty' : 'opsgenie',
        id: `${plan.name}-i${k}`,
        entityRef: plan.entityRef,
        openedAt: isoOf(random, openedAt),
        resolvedAt: maybe(
          random,
          resolvedAt === null ? null : isoOf(random, resolvedAt),
        ),
        severity: maybe(random, random.chance(0.7) ? 'sev2' : null),
        deploymentId: maybe(random, deploymentId),
        changeId: maybe(random, changeId),
        causedByDeployment: maybe(random, causedByDeployment),
      }) as IncidentEvent,
    );
  }
  return incidents;
}

function generateEntityEvents(random: Random, plan: EntityPlan): DoraEvent[] {
  const { events: changeEvents, changes } = generateChanges(
    random,
    plan,
    'github',
  );
  const deployments =
    plan.role === 'pull-requests'
      ? []
      : generateDeployments(random, plan, changes);
  const incidents = plan.hasIncidents
    ? generateIncidents(random, plan, deployments, changes)
    : [];
  return [...changeEvents, ...deployments, ...incidents];
}

/** An earlier version of an event, replaced later by re-sending the final one. */
function draftOf(
  random: Random,
  event: DoraEvent,
  entities: EntityPlan[],
): DoraEvent {
  const shift = (iso: string) =>
    new Date(
      Date.parse(iso) + random.pick([-1, 1]) * random.int(1, 600) * MINUTE,
    ).toISOString();
  // Sometimes first sent for the wrong entity.
  const others = otherEntities(event, entities);
  if (random.chance(0.12) && others.length > 0) {
    return { ...event, entityRef: random.pick(others).entityRef };
  }
  if (event.kind === 'deployment') {
    switch (random.int(0, 4)) {
      case 0:
        return {
          ...event,
          status: event.status === 'success' ? 'failure' : 'success',
        };
      case 1:
        return { ...event, finishedAt: shift(event.finishedAt) };
      case 2:
        return { ...event, changeIds: random.chance(0.5) ? [] : undefined };
      case 3:
        return { ...event, environment: 'staging' };
      default:
        return { ...event, version: `draft-${event.id}` };
    }
  }
  if (event.kind === 'change') {
    switch (random.int(0, 3)) {
      case 0:
        return { ...event, mergedAt: null, mergeCommitSha: null };
      case 1:
        return { ...event, labels: ['hotfix'] };
      case 2:
        return { ...event, revertOf: undefined, firstCommitAt: undefined };
      default:
        return {
          ...event,
          mergedAt: shift(event.mergedAt ?? '2025-03-20T12:00:00Z'),
        };
    }
  }
  switch (random.int(0, 3)) {
    case 0:
      return { ...event, resolvedAt: null };
    case 1:
      return { ...event, deploymentId: null, changeId: null };
    case 2:
      return {
        ...event,
        causedByDeployment: !event.causedByDeployment,
      };
    default:
      return { ...event, openedAt: shift(event.openedAt) };
  }
}

/** The entities an event may be sent for by mistake (a deployment never to the pull-request one). */
function otherEntities(event: DoraEvent, entities: EntityPlan[]): EntityPlan[] {
  return entities.filter(
    e =>
      e.entityRef !== event.entityRef &&
      (event.kind !== 'deployment' || e.role !== 'pull-requests'),
  );
}

/** The final version of an event first sent for another entity (`from`). */
export interface Correction {
  event: DoraEvent;
  from: string;
}

export interface IngestPlan {
  /** Posted one after the other, with reads in between. */
  batches: DoraEvent[][];
  /**
   * Posted last, after reads: the final versions of events first sent for
   * another entity, none of them for an entity another one leaves.
   */
  corrections: Correction[];
}

/**
 * The posts of a seed: every event in a random order, ~15 % first sent in an
 * earlier version (upserted later by the final one; some of those first sent
 * for another entity), ~8 % re-sent unchanged, cut into several batches.
 */
function ingestPlan(
  random: Random,
  events: DoraEvent[],
  entities: EntityPlan[],
): IngestPlan {
  const drafts = events.map(event =>
    random.chance(0.15) ? draftOf(random, event, entities) : undefined,
  );
  // At least one event first sent for another entity.
  if (!drafts.some((d, i) => d && d.entityRef !== events[i].entityRef)) {
    const i = random.int(0, events.length - 1);
    drafts[i] = {
      ...events[i],
      entityRef: random.pick(otherEntities(events[i], entities)).entityRef,
    };
  }
  // Moves back whose first entity receives nothing else in the last batch.
  const corrections: Correction[] = [];
  const leaving = new Set<string>();
  const receiving = new Set<string>();
  events.forEach((event, i) => {
    const from = drafts[i]?.entityRef;
    const to = event.entityRef!;
    if (!from || from === to) return;
    if (receiving.has(from) || leaving.has(to)) return;
    corrections.push({ event, from });
    leaving.add(from);
    receiving.add(to);
  });
  const sequences = events.map((event, i) => {
    const sequence: DoraEvent[] = [];
    if (drafts[i]) sequence.push(drafts[i]!);
    if (corrections.some(c => c.event === event)) return sequence;
    sequence.push(event);
    if (random.chance(0.08)) sequence.push(event);
    return sequence;
  });
  const order: DoraEvent[] = [];
  const pending = sequences.filter(s => s.length > 0);
  while (pending.length > 0) {
    const index = random.int(0, pending.length - 1);
    order.push(pending[index].shift()!);
    if (pending[index].length === 0) pending.splice(index, 1);
  }
  const batchCount = random.int(4, 7);
  const cuts = new Set<number>();
  while (cuts.size < batchCount - 1) cuts.add(random.int(1, order.length - 1));
  // A batch may not name one event twice: a second version starts a new one.
  const batches: DoraEvent[][] = [[]];
  let keys = new Set<string>();
  order.forEach((event, i) => {
    const key = `${event.kind}\u0000${event.source}\u0000${event.id}`;
    if (cuts.has(i) || keys.has(key)) {
      batches.push([]);
      keys = new Set();
    }
    batches[batches.length - 1].push(event);
    keys.add(key);
  });
  return { batches, corrections };
}

const LENGTHS = [
  HOUR,
  6 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  45 * DAY,
];

/**
 * Windows anywhere across the data (and a little before and after it),
 * some ending just before an incident opens or just after a deployment
 * finishes, some starting exactly at a deployment or ending at a
 * resolution.
 */
export function randomWindows(
  random: Random,
  events: DoraEvent[],
  count: number,
): WindowQuery[] {
  const deployments = events.filter(
    (e): e is DeploymentEvent => e.kind === 'deployment',
  );
  const incidents = events.filter(
    (e): e is IncidentEvent => e.kind === 'incident',
  );
  const resolved = incidents.filter(i => i.resolvedAt);
  const windows: WindowQuery[] = [];
  for (let i = 0; i < count; i++) {
    const length =
      random.pick(LENGTHS) + random.int(0, 1) * random.int(1, 600) * MINUTE;
    let from: number;
    let to: number;
    let kind: string;
    const shape = i % 6;
    if (shape === 1 && incidents.length > 0) {
      const opened = Date.parse(random.pick(incidents).openedAt);
      to = opened - random.pick([0, 1, MINUTE]);
      from = to - length;
      kind = 'ends just before an incident';
    } else if (shape === 2 && deployments.length > 0) {
      const finished = Date.parse(random.pick(deployments).finishedAt);
      to = finished + random.pick([1, 1000, MINUTE]);
      from = to - length;
      kind = 'ends just after a deployment';
    } else if (shape === 3 && deployments.length > 0) {
      from = Date.parse(random.pick(deployments).finishedAt);
      to = from + length;
      kind = 'starts at a deployment';
    } else if (shape === 4 && resolved.length > 0) {
      to = Date.parse(random.pick(resolved).resolvedAt!) + random.int(0, 1);
      from = to - length;
      kind = 'ends at a resolution';
    } else if (shape === 5 && i % 12 === 5) {
      from = DATA_START - 20 * DAY;
      to = DATA_START + (DATA_DAYS + 20) * DAY;
      kind = 'around all the data';
    } else {
      from =
        DATA_START -
        3 * DAY +
        Math.floor(random.next() * (DATA_DAYS + 3) * 24 * 60) * MINUTE;
      to = from + length;
      kind = 'anywhere';
    }
    const write = (millis: number) =>
      random.chance(0.2)
        ? isoWithOffset(millis, random.pick([330, -300, 825]))
        : new Date(millis).toISOString();
    windows.push({
      from: write(from),
      to: write(to),
      timezone: random.pick(TIMEZONES),
      bucket: random.pick(BUCKETS),
      kind,
    });
  }
  return windows;
}

/** Everything one seed posts and asks. */
export function seedPlan(seed: number, windowCount: number): SeedPlan {
  const random = randomSource(seed);
  const { groups, entities } = catalogOf(seed, random);
  const events = entities.flatMap(plan => generateEntityEvents(random, plan));
  const { batches, corrections } = ingestPlan(random, events, entities);
  const windows = randomWindows(random, events, windowCount);
  return { seed, groups, entities, events, batches, corrections, windows };
}

/** The latest version of every event posted, by (kind, source, id). */
export class PostedEvents {
  private readonly byKey = new Map<string, DoraEvent>();

  add(events: DoraEvent[]): void {
    for (const event of events) {
      this.byKey.set(`${event.kind}\u0000${event.source}\u0000${event.id}`, {
        ...event,
      });
    }
  }

  of(entityRef: string): DoraEvent[] {
    return [...this.byKey.values()].filter(e => e.entityRef === entityRef);
  }
}
