/*
 * Fixtures built from the engine's real output: events are generated for a
 * few services, and every body the fake API returns is computed from them by
 * `@dora-metrics/plugin-dora-common` for the window the component asks for.
 */
import { Entity } from '@backstage/catalog-model';
import {
  applyExemptions,
  applyStages,
  DoraEvent,
  EntityInput,
  Exemption,
  ExemptionEntry,
  gradedCompliance,
  RuleStageAt,
  MetricsRequest,
  ScorecardResult,
  ThresholdInForce,
  classifyEntity,
  computeEntityMetrics,
  computeRollup,
  evaluateScorecard,
  explainEvents,
  GroupMetricsInclude,
  GroupMetricsResponse,
  GroupsMetricsRow,
  parseMetricsRequest,
  parseScorecard,
  Scorecard,
} from '@dora-metrics/plugin-dora-common';
import {
  fixtureEntityInput,
  fixtureRequest,
  GoldenFixture,
} from '@dora-metrics/plugin-dora-common/testUtils';
import { DoraApi } from '../api/DoraApi';
import {
  DoraEventItem,
  EventsQuery,
  MetricsQuery,
  ScorecardCompliance,
  ScorecardEntry,
  ScorecardResultRecord,
} from '../api/types';
import { fakeGroupTrend, fakeMovers } from './moversFake';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "Now" in every component test: the end of the fixtures' default window. */
export const FIXED_NOW = Date.parse('2026-03-31T00:00:00Z');

export const PAYMENTS = 'component:default/payments-api';
export const CHECKOUT = 'component:default/checkout-web';
export const EMPTY = 'component:default/empty-service';
export const TEAM = 'group:default/commerce';
export const SUB_TEAM = 'group:default/checkout-team';

/** A small seeded generator, so fixtures are the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const iso = (millis: number) => new Date(millis).toISOString();

/**
 * About 60 days of deployments, their pull requests and a few incidents of a
 * service that deploys most days: enough for a 30-day window and the one
 * before it.
 */
function serviceEvents(options: {
  entityRef: string;
  prefix: string;
  seed: number;
  days: number;
  deployChance: number;
  incidents: boolean;
}): DoraEvent[] {
  const next = random(options.seed);
  const events: DoraEvent[] = [];
  const { entityRef, prefix } = options;
  let deployments = 0;
  let changes = 0;
  let afterIncident = false;
  for (let day = options.days; day >= 1; day--) {
    if (next() > options.deployChance) continue;
    const finishedAt = FIXED_NOW - day * DAY + 14 * HOUR + next() * 3 * HOUR;
    const changeIds: string[] = [];
    const shipped = 1 + Math.floor(next() * 3);
    for (let c = 0; c < shipped; c++) {
      changes++;
      const id = `pr-${prefix}-${changes}`;
      changeIds.push(id);
      const mergedAt = finishedAt - (0.5 + next() * 6) * HOUR;
      const approvedAt = mergedAt - (0.2 + next() * 2) * HOUR;
      const firstReviewAt = approvedAt - (0.5 + next() * 3) * HOUR;
      const openedAt = firstReviewAt - (1 + next() * 12) * HOUR;
      const firstCommitAt = openedAt - (2 + next() * 30) * HOUR;
      events.push({
        kind: 'change',
        source: 'github',
        id,
        entityRef,
        repository: `acme/${prefix}`,
        number: changes,
        title: `Change ${changes} of ${prefix}`,
        author: next() > 0.5 ? 'jdoe' : 'asmith',
        firstCommitAt: iso(firstCommitAt),
        openedAt: iso(openedAt),
        firstReviewAt: iso(firstReviewAt),
        approvedAt: iso(approvedAt),
        mergedAt: iso(mergedAt),
        mergeCommitSha: `sha-${prefix}-${changes}`,
        additions: Math.floor(20 + next() * 400),
        deletions: Math.floor(next() * 120),
        reviewCount: next() > 0.1 ? 1 + Math.floor(next() * 2) : 0,
        revertOf: null,
        labels: [],
      });
    }
    deployments++;
    const id = `deploy-${prefix}-${deployments}`;
    const failed = next() < 0.08;
    events.push({
      kind: 'deployment',
      source: 'github-actions',
      id,
      entityRef,
      environment: 'production',
      status: failed ? 'failure' : 'success',
      startedAt: iso(finishedAt - 7 * 60_000),
      finishedAt: iso(finishedAt),
      version: `v1.${deployments}.0`,
      commitSha: `sha-${prefix}-${changes}`,
      changeIds,
      rollbackOf: null,
      deploymentKind: afterIncident ? 'hotfix' : 'normal',
    });
    afterIncident = false;
    if (next() < 0.3) {
      events.push({
        kind: 'deployment',
        source: 'github-actions',
        id: `${id}-staging`,
        entityRef,
        environment: 'staging',
        status: 'success',
        startedAt: null,
        finishedAt: iso(finishedAt - HOUR),
        version: `v1.${deployments}.0`,
        commitSha: null,
        changeIds: null,
        rollbackOf: null,
        deploymentKind: 'normal',
      });
    }
    if (options.incidents && !failed && next() < 0.15) {
      const openedAt = finishedAt + 20 * 60_000;
      events.push({
        kind: 'incident',
        source: 'pagerduty',
        id: `INC-${prefix}-${deployments}`,
        entityRef,
        title: `Errors after ${id}`,
        openedAt: iso(openedAt),
        resolvedAt: iso(openedAt + (0.5 + next() * 4) * HOUR),
        severity: 'SEV2',
        deploymentId: id,
        changeId: null,
        causedByDeployment: true,
      });
      afterIncident = true;
    }
  }
  return events;
}

function fixtureOf(
  entityRef: string,
  events: DoraEvent[],
  incidentSource: boolean,
): GoldenFixture {
  return {
    name: entityRef,
    rule: 'generated for the frontend tests',
    request: {
      entityRef,
      from: iso(FIXED_NOW - 30 * DAY),
      to: iso(FIXED_NOW),
      timezone: 'UTC',
    },
    context: { incidentSource },
    events,
    expect: {},
  };
}

const fixtures: Record<string, GoldenFixture> = {
  [PAYMENTS]: fixtureOf(
    PAYMENTS,
    serviceEvents({
      entityRef: PAYMENTS,
      prefix: 'payments',
      seed: 42,
      days: 70,
      deployChance: 0.75,
      incidents: true,
    }),
    true,
  ),
  [CHECKOUT]: fixtureOf(
    CHECKOUT,
    serviceEvents({
      entityRef: CHECKOUT,
      prefix: 'checkout',
      seed: 7,
      days: 70,
      deployChance: 0.3,
      incidents: false,
    }),
    false,
  ),
  [EMPTY]: fixtureOf(EMPTY, [], false),
};

export function entityInput(entityRef: string): EntityInput {
  const fixture = fixtures[entityRef.toLocaleLowerCase('en-US')];
  if (!fixture) throw new Error(`no fixture for ${entityRef}`);
  return fixtureEntityInput(fixture);
}

/** The request of a fixture's own window (the 30 days before FIXED_NOW, UTC, weeks). */
export function defaultRequest(entityRef: string = PAYMENTS): MetricsRequest {
  return fixtureRequest(fixtures[entityRef]);
}

function requestOf(query: MetricsQuery = {}): MetricsRequest {
  const parsed = parseMetricsRequest({
    from: query.from ?? iso(FIXED_NOW - 30 * DAY),
    to: query.to ?? iso(FIXED_NOW),
    timezone: query.timezone,
    bucket: query.bucket,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.request;
}

/** One entity's metrics body, as the backend computes it. */
export function entityMetrics(entityRef: string, query?: MetricsQuery) {
  return computeEntityMetrics(entityInput(entityRef), requestOf(query));
}

export const TEAM_MEMBERS: Record<string, string[]> = {
  [TEAM]: [PAYMENTS, CHECKOUT, EMPTY],
  [SUB_TEAM]: [CHECKOUT],
};

export function groupMetrics(groupRef: string, query?: MetricsQuery) {
  const members = TEAM_MEMBERS[groupRef] ?? [];
  return computeRollup(groupRef, members.map(entityInput), requestOf(query));
}

/** The direct sub-teams of each team, and the parent of each sub-team. */
export const SUB_TEAMS: Record<string, string[]> = { [TEAM]: [SUB_TEAM] };

/** A team's row in a table of teams, as the backend pools it. */
export function pooledGroupRow(
  groupRef: string,
  query?: MetricsQuery,
): GroupsMetricsRow {
  const { entities, series: _s, ...pooled } = groupMetrics(groupRef, query);
  const parentRef = Object.keys(SUB_TEAMS).find(parent =>
    SUB_TEAMS[parent].includes(groupRef),
  );
  return {
    ...pooled,
    title: groupRef.split('/')[1],
    type: 'team',
    serviceCount: entities.length,
    ...(parentRef && { parentRef }),
  };
}

/** A team's metrics with what `include` asks for, as the backend adds it. */
export function groupMetricsResponse(
  groupRef: string,
  query: MetricsQuery = {},
  include: GroupMetricsInclude[] = [],
): GroupMetricsResponse {
  const body: GroupMetricsResponse = groupMetrics(groupRef, query);
  if (include.includes('entitySeries')) {
    body.entities = body.entities.map(row => ({
      ...row,
      series: entityMetrics(row.entityRef, query).series,
    }));
  }
  if (include.includes('previous')) {
    const { from, to } = requestOf(query).window;
    const {
      groupRef: _g,
      entities: _e,
      ...previous
    } = groupMetrics(groupRef, {
      ...query,
      from: iso(from - (to - from)),
      to: iso(from),
    });
    body.previous = previous;
  }
  if (include.includes('subTeams')) {
    body.subTeams = (SUB_TEAMS[groupRef] ?? []).map(ref => {
      const { type: _t, parentRef: _p, ...row } = pooledGroupRow(ref, query);
      return row;
    });
  }
  if (include.includes('movers'))
    body.movers = fakeMovers({ groupRef, ...query });
  return body;
}

/** Every drill-down row of an entity or a team, as the backend explains it. */
export function explainedItems(query: EventsQuery): DoraEventItem[] {
  const refs = query.groupRef
    ? (TEAM_MEMBERS[query.groupRef] ?? [])
    : [query.entityRef!];
  const request = requestOf(query);
  return refs.flatMap(ref => {
    const input = entityInput(ref);
    const byKey = new Map(
      (input.events ?? []).map(e => [`${e.kind}/${e.source}/${e.id}`, e]),
    );
    return explainEvents(classifyEntity(input), request.window)
      .filter(e => !query.kind || e.kind === query.kind)
      .map(
        e =>
          ({
            event: {
              ...byKey.get(`${e.kind}/${e.source}/${e.id}`)!,
              entityRef: ref,
            },
            counting: e.counting,
          }) as DoraEventItem,
      );
  });
}

/** The example backend's scorecard (`examples/app-config.yaml`). */
export const deliveryScorecard: Scorecard = {
  id: 'delivery',
  title: 'Delivery working agreements',
  description: 'What every service team agreed to.',
  window: '30d',
  levels: ['bronze', 'silver', 'gold'],
  rules: [
    {
      id: 'first-review',
      title: 'First review within a day',
      metric: 'pullRequests.timeToFirstReview.p75',
      operator: '<=',
      threshold: '24h',
      warn: '36h',
      minSampleSize: 5,
      level: 'bronze',
    },
    {
      id: 'pr-size',
      title: 'Small pull requests',
      metric: 'pullRequests.size.p75',
      operator: '<=',
      threshold: 400,
      warn: 500,
      minSampleSize: 5,
      level: 'bronze',
    },
    {
      id: 'deploy-weekly',
      title: 'Deploy at least weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'change-failure-rate',
      title: 'Change failure rate at most 15 %',
      metric: 'changeFailureRate.ratio',
      operator: '<=',
      threshold: '15%',
      minSampleSize: 5,
      level: 'silver',
    },
    {
      id: 'time-to-restore',
      title: 'Restore within a day',
      metric: 'timeToRestore.median',
      operator: '<',
      threshold: '1d',
      level: 'silver',
    },
    {
      id: 'lead-time-gold',
      title: 'Lead time under a day',
      metric: 'leadTime.median',
      operator: '<',
      threshold: '1d',
      level: 'gold',
    },
  ],
};

const parsedDelivery = (() => {
  const parsed = parseScorecard(deliveryScorecard);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.scorecard;
})();

/** The checkout team loosens the PR-size rule for its services. */
const thresholdsFor = (
  entityRef: string,
): Record<string, ThresholdInForce> | undefined =>
  entityRef === CHECKOUT
    ? {
        'pr-size': {
          threshold: 600,
          warn: 800,
          source: { kind: 'group', groupRef: SUB_TEAM },
        },
      }
    : undefined;

export function scorecardResult(
  entityRef: string,
  now: number = FIXED_NOW,
): ScorecardResult {
  return evaluateScorecard({
    scorecard: parsedDelivery,
    metrics: computeEntityMetrics(
      entityInput(entityRef),
      requestOf({ from: iso(now - 30 * DAY), to: iso(now) }),
    ),
    thresholds: thresholdsFor(entityRef),
  });
}

/** The groups above a service: its owner first, then the owner's parents. */
export function groupAncestry(entityRef: string): string[] {
  const owners = Object.keys(TEAM_MEMBERS).filter(group =>
    TEAM_MEMBERS[group].includes(entityRef),
  );
  // The nearest owner is the one no other owner lists as a sub-team.
  const sorted = owners.sort(
    (a, b) =>
      Number((SUB_TEAMS[a] ?? []).includes(b)) -
      Number((SUB_TEAMS[b] ?? []).includes(a)),
  );
  return sorted;
}

/** Stages (by rule id) and exemptions that grade a result, as the backend applies them. */
export interface Grading {
  stages?: Record<string, RuleStageAt>;
  exemptions?: Exemption[];
}

export function resultRecord(
  entityRef: string,
  now: number = FIXED_NOW,
  grading: Grading = {},
): ScorecardResultRecord {
  const staged = applyStages(
    scorecardResult(entityRef, now),
    grading.stages ?? {},
  );
  const result = applyExemptions(
    staged,
    grading.exemptions ?? [],
    { entityRef, groupAncestry: groupAncestry(entityRef) },
    now,
  );
  return {
    scorecardId: result.scorecardId,
    entityRef,
    evaluatedAt: now,
    level: result.level,
    result: { ...result, problems: [] },
    version: 1,
  };
}

/**
 * An exemption as the API lists it: by default approved for the payments
 * service's lead-time rule (which it fails), until the end of June.
 */
export function exemptionEntry(
  overrides: Partial<ExemptionEntry> = {},
): ExemptionEntry {
  const status = overrides.status ?? 'approved';
  return {
    id: 'ex-1',
    scorecardId: deliveryScorecard.id,
    ruleId: 'lead-time-gold',
    scope: { kind: 'entity', entityRef: PAYMENTS },
    reason: 'The monorepo build adds a day we cannot remove yet',
    expiresAt: '2026-06-30T12:00:00Z',
    requestedBy: 'user:default/jdoe',
    requestedAt: '2026-03-01T09:00:00Z',
    ...overrides,
    status,
    state: overrides.state ?? status,
  };
}

/** Per rule and level, as the backend's compliance route counts them. */
export function compliance(
  groupRef?: string,
  grading: Grading = {},
): ScorecardCompliance {
  const refs = groupRef ? (TEAM_MEMBERS[groupRef] ?? []) : [PAYMENTS, CHECKOUT];
  // The empty service has never been evaluated, as in getScorecardResults.
  const results = refs
    .filter(ref => ref !== EMPTY)
    .map(ref => resultRecord(ref, FIXED_NOW, grading).result);
  return gradedCompliance(parsedDelivery, results, groupRef);
}

export const scorecardEntries: ScorecardEntry[] = [
  {
    scorecard: deliveryScorecard,
    source: 'config',
    readOnly: true,
    version: 1,
  },
];

/** The write and issue-16 methods: a test that uses one passes its own. */
const unansweredWrites: Omit<
  DoraApi,
  | 'getEntityMetrics'
  | 'getGroupMetrics'
  | 'getGroupsMetrics'
  | 'getEvents'
  | 'getScorecards'
  | 'getScorecardResults'
  | 'getScorecardHistory'
  | 'getScorecardCompliance'
  | 'getScorecardsCompliance'
> = {
  createScorecard: notAnswered('createScorecard'),
  updateScorecard: notAnswered('updateScorecard'),
  deleteScorecard: notAnswered('deleteScorecard'),
  previewScorecard: notAnswered('previewScorecard'),
  getScorecardVersions: async () => [],
  getScorecardAudit: async () => ({ items: [], nextCursor: null }),
  getExemptions: async () => [],
  requestExemption: notAnswered('requestExemption'),
  decideExemption: notAnswered('decideExemption'),
  getInitiatives: async () => [],
  getInitiative: notAnswered('getInitiative'),
  createInitiative: notAnswered('createInitiative'),
  updateInitiative: notAnswered('updateInitiative'),
  deleteInitiative: notAnswered('deleteInitiative'),
  getMovers: async options => fakeMovers(options),
  getEnvironments: async entityRef => ({
    entityRef,
    rules: [{ rule: 'production', source: 'default' }],
    environments: [
      {
        environment: 'production',
        deployments: 12,
        lastDeployedAt: '2024-05-01T10:00:00.000Z',
        production: true,
        rule: 'production',
      },
      {
        environment: 'staging',
        deployments: 30,
        lastDeployedAt: '2024-05-02T10:00:00.000Z',
        production: false,
        rule: null,
      },
    ],
  }),
  getGroupTrend: async (groupRef, options) => fakeGroupTrend(groupRef, options),
  getGroupReport: notAnswered('getGroupReport'),
};

function notAnswered(name: string): () => Promise<never> {
  return async () => {
    throw new Error(
      `The fake DoraApi does not answer ${name}: pass it in overrides`,
    );
  };
}

/**
 * A `DoraApi` answering from the fixtures through the engine, each method a
 * `jest.fn` so tests can check what was asked.
 */
export function createFakeDoraApi(
  overrides: Partial<DoraApi> = {},
): jest.Mocked<DoraApi> {
  const api: DoraApi = {
    getEntityMetrics: async (entityRef, query) =>
      entityMetrics(entityRef, query),
    getGroupMetrics: async (groupRef, query, options) =>
      groupMetricsResponse(groupRef, query, options?.include),
    getGroupsMetrics: async (groupRefs, query) => ({
      items: groupRefs
        .filter(ref => TEAM_MEMBERS[ref])
        .map(ref => pooledGroupRow(ref, query)),
      notFound: groupRefs.filter(ref => !TEAM_MEMBERS[ref]),
    }),
    getEvents: async query => {
      const all = explainedItems(query);
      const start = query.cursor ? Number(query.cursor) : 0;
      const limit = query.limit ?? 100;
      const items = all.slice(start, start + limit);
      return {
        items,
        nextCursor: start + limit < all.length ? String(start + limit) : null,
      };
    },
    getScorecards: async () => scorecardEntries,
    getScorecardResults: async query => {
      let refs: string[] = [PAYMENTS, CHECKOUT];
      if (query.entityRef) refs = [query.entityRef.toLocaleLowerCase('en-US')];
      if (query.groupRef) refs = TEAM_MEMBERS[query.groupRef] ?? [];
      return refs
        .filter(ref => fixtures[ref] && ref !== EMPTY)
        .map(ref => resultRecord(ref));
    },
    getScorecardHistory: async (_id, query) =>
      [28, 21, 14, 7, 0].map(daysAgo =>
        resultRecord(query.entityRef, FIXED_NOW - daysAgo * DAY),
      ),
    getScorecardCompliance: async (_id, options) =>
      compliance(options?.groupRef),
    getScorecardsCompliance: async options => [compliance(options?.groupRef)],
    ...unansweredWrites,
    ...overrides,
  };
  // Every method a jest.fn, so tests can check what was asked.
  const mocked = {} as Record<string, jest.Mock>;
  for (const [name, method] of Object.entries(api)) {
    mocked[name] = jest.fn(method as (...args: unknown[]) => unknown);
  }
  return mocked as unknown as jest.Mocked<DoraApi>;
}

export function componentEntity(entityRef: string = PAYMENTS): Entity {
  const name = entityRef.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'commerce' },
  };
}

export function groupEntity(
  groupRef: string = TEAM,
  children: string[] = ['checkout-team'],
): Entity {
  const name = groupRef.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name },
    spec: { type: 'team', children },
    relations: children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
  };
}
