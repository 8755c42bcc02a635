import type { InitiativeEntry } from '../../api/initiatives';
import { bandLimits, bandOf } from '../../metrics/bands';
import { MoverBody } from '../../movers/moverMetrics';
import { moversReport } from '../../movers/moversReport';
import { Exemption } from '../../scorecards/exemptions';
import { isoWeekStart, isoWeekStartDate } from './digestWeek';
import { doraTabPath } from '../doraTabPath';
import { expiringExemptions } from './expiringExemptions';
import {
  DIGEST_SECTION_LINES,
  DigestLevelChange,
  WeeklyDigestInput,
  levelDirection,
  weeklyDigest,
} from './weeklyDigest';

const DAY = 86_400_000;
// A Wednesday.
const AT = Date.parse('2026-12-02T08:00:00Z');

/** A body of the four metrics: `deployments` in 28 days, every other metric steady. */
function body(deployments: number, leadTimeSamples = 10): MoverBody {
  const perDay = deployments / 28;
  return {
    deploymentFrequency: {
      count: deployments,
      perDay,
      perWeek: perDay * 7,
      perMonth: perDay * 30,
      deploymentDays: deployments,
      band: bandOf(perDay, bandLimits.deploymentFrequency),
    },
    leadTime: {
      sampleSize: leadTimeSamples,
      median: 3600,
      mean: 3600,
      p90: 3600,
      band: 'elite',
      breakdown: {} as never,
    },
    changeFailureRate: {
      mode: 'deployments' as never,
      failed: 0,
      total: deployments,
      ratio: deployments ? 0 : null,
      band: deployments ? 'elite' : null,
    },
    timeToRestore: {
      sampleSize: 0,
      median: null,
      mean: null,
      p90: null,
      source: 'incidents',
      open: 0,
      band: null,
    },
  };
}

/** The team's services: deployments now and in the window before. */
function movers(services: Record<string, [number, number]>) {
  return moversReport({
    window: {
      from: new Date(AT - 28 * DAY).toISOString(),
      to: new Date(AT).toISOString(),
    },
    previousWindow: {
      from: new Date(AT - 56 * DAY).toISOString(),
      to: new Date(AT - 28 * DAY).toISOString(),
    },
    teams: [],
    services: Object.entries(services).map(([name, [now, then]]) => ({
      ref: `component:default/${name}`,
      current: body(now),
      previous: body(then),
    })),
  });
}

function exemption(
  id: string,
  expiresAt: string | null,
  more: Partial<Exemption> = {},
): Exemption {
  return {
    id,
    scorecardId: 'delivery',
    ruleId: 'deploys',
    scope: { kind: 'entity', entityRef: 'component:default/payments-api' },
    reason: 'migration',
    expiresAt,
    status: 'approved',
    requestedBy: 'user:default/owner',
    requestedAt: '2026-11-01T00:00:00Z',
    ...more,
  };
}

const change = (
  entity: string,
  from: string | null,
  to: string | null,
  at: number,
): DigestLevelChange => ({
  entityRef: `component:default/${entity}`,
  scorecardId: 'delivery',
  scorecardTitle: 'Delivery',
  levels: ['bronze', 'silver', 'gold'],
  from,
  to,
  at,
});

const nothing: WeeklyDigestInput = {
  team: { ref: 'group:default/payments', title: 'Payments' },
  at: AT,
  levelChanges: [],
  movers: movers({ 'payments-api': [10, 10] }),
  moversShown: 3,
  expiringExemptions: [],
  initiatives: [],
};

describe('isoWeekStart', () => {
  it('is the Monday 00:00 UTC of the instant’s ISO week, Sundays belonging to the week before', () => {
    expect(isoWeekStartDate(AT)).toBe('2026-11-30');
    expect(isoWeekStartDate(Date.parse('2026-11-30T00:00:00Z'))).toBe(
      '2026-11-30',
    );
    expect(isoWeekStartDate(Date.parse('2026-12-06T23:59:59Z'))).toBe(
      '2026-11-30',
    );
    expect(isoWeekStartDate(Date.parse('2026-12-07T00:00:00Z'))).toBe(
      '2026-12-07',
    );
    expect(isoWeekStart(AT)).toBe(Date.parse('2026-11-30T00:00:00Z'));
  });
});

describe('expiringExemptions', () => {
  it('lists approved exemptions in force that expire within the days, soonest first', () => {
    const listed = expiringExemptions(
      [
        exemption('later', new Date(AT + 10 * DAY).toISOString()),
        exemption('soon', new Date(AT + 3 * DAY).toISOString()),
        exemption('far', new Date(AT + 15 * DAY).toISOString()),
        exemption('never', null),
        exemption('gone', new Date(AT - DAY).toISOString()),
        exemption('asked', new Date(AT + DAY).toISOString(), {
          status: 'pending',
        }),
        exemption('revoked', new Date(AT + DAY).toISOString(), {
          status: 'revoked',
        }),
      ],
      AT,
      14,
    );
    expect(listed.map(e => e.id)).toEqual(['soon', 'later']);
  });
});

describe('levelDirection', () => {
  it('tells a gain from a loss by the scorecard’s order, no level being below the lowest', () => {
    expect(levelDirection(change('a', 'bronze', 'silver', AT))).toBe('up');
    expect(levelDirection(change('a', 'gold', 'bronze', AT))).toBe('down');
    expect(levelDirection(change('a', 'bronze', null, AT))).toBe('down');
    expect(levelDirection(change('a', null, 'bronze', AT))).toBe('up');
  });
});

describe('weeklyDigest', () => {
  it('says "no changes" and omits every empty section when nothing happened', () => {
    const digest = weeklyDigest(nothing);
    expect(digest.title).toBe('DORA weekly: Payments — no changes');
    expect(digest.description).toBe(
      'Week of 2026-11-30.\n\nNo changes: no level changed and no service moved.',
    );
  });

  it('links to the team’s DORA tab, and has one scope per team and ISO week', () => {
    const digest = weeklyDigest(nothing);
    expect(digest.link).toBe('/catalog/default/group/payments/dora');
    expect(doraTabPath('Group:Ops/Site Reliability')).toBe(
      '/catalog/ops/group/Site%20Reliability/dora',
    );
    expect(digest.topic).toBe('DORA weekly digest');
    expect(digest.scope).toBe(
      'dora-weekly-digest:group:default/payments:2026-11-30',
    );
    expect(weeklyDigest({ ...nothing, at: AT + 4 * DAY }).scope).toBe(
      digest.scope,
    );
    expect(weeklyDigest({ ...nothing, at: AT + 5 * DAY }).scope).not.toBe(
      digest.scope,
    );
    expect(
      weeklyDigest({ ...nothing, team: { ref: 'group:default/ledger' } }).scope,
    ).not.toBe(digest.scope);
  });

  it('counts level changes, regressions and expiring exemptions in the title and lists losses before gains', () => {
    const digest = weeklyDigest({
      ...nothing,
      levelChanges: [
        change('ledger', 'bronze', 'silver', AT - 3 * DAY),
        change('payments-api', 'silver', 'bronze', AT - 2 * DAY),
      ],
      movers: movers({ 'payments-api': [6, 20], ledger: [10, 10] }),
      expiringExemptions: [
        exemption('soon', new Date(AT + 3 * DAY).toISOString()),
      ],
    });
    expect(digest.title).toBe(
      'DORA weekly: Payments — 2 level changes, 1 regression, 1 exemption expiring',
    );
    expect(digest.counts).toEqual({
      levelChanges: 2,
      regressions: 1,
      expiring: 1,
    });
    const lines = digest.description.split('\n');
    expect(lines).not.toContain(
      'No changes: no level changed and no service moved.',
    );
    const levels = lines.indexOf('Level changes this week:');
    expect(lines.slice(levels + 1, levels + 3)).toEqual([
      '- payments-api, Delivery: silver → bronze (lost, 2026-11-30)',
      '- ledger, Delivery: bronze → silver (gained, 2026-11-29)',
    ]);
    expect(lines).toContain(
      '- Deployment frequency: worse: payments-api −70 %',
    );
    expect(lines).toContain(
      '- payments-api, delivery / deploys: expires 2026-12-05 (in 3 days)',
    );
  });

  it('ranks movers by the size of the change, the biggest first, at most the number shown each way', () => {
    const digest = weeklyDigest({
      ...nothing,
      moversShown: 2,
      movers: movers({
        a: [9, 10],
        b: [5, 20],
        c: [8, 16],
        d: [20, 10],
        e: [12, 10],
      }),
    });
    expect(digest.description).toContain(
      '- Deployment frequency: worse: b −75 %, c −50 %; better: d +100 %, e +20 %',
    );
    expect(digest.title).toBe('DORA weekly: Payments — 3 regressions');
  });

  it('never lists a small sample as a mover', () => {
    const digest = weeklyDigest({
      ...nothing,
      movers: movers({ tiny: [1, 4], 'payments-api': [10, 10] }),
    });
    expect(digest.description).not.toContain('tiny');
    expect(digest.title).toBe('DORA weekly: Payments — no changes');
  });

  it('cuts a long section and says how many more there are', () => {
    const many = Array.from({ length: DIGEST_SECTION_LINES + 5 }, (_, i) =>
      change(`service-${i}`, 'bronze', 'silver', AT - DAY),
    );
    const lines = weeklyDigest({
      ...nothing,
      levelChanges: many,
    }).description.split('\n');
    expect(lines.filter(l => l.startsWith('- service-'))).toHaveLength(
      DIGEST_SECTION_LINES,
    );
    expect(lines).toContain('… and 5 more');
  });

  it('tells each initiative’s progress and how the team stands', () => {
    const entry = {
      initiative: {
        id: 'silver',
        title: 'Silver by June',
        target: { scorecardId: 'delivery', level: 'silver' },
        scope: {},
        targetShare: 0.8,
        owner: 'group:default/payments',
        startsAt: '2026-10-01T00:00:00Z',
        deadline: '2027-01-01T00:00:00Z',
      },
      progress: {
        initiativeId: 'silver',
        targetShare: 0.8,
        start: null,
        now: {
          at: '2026-11-29T00:00:00Z',
          entities: 20,
          meeting: 12,
          share: 0.6,
          wayToTarget: 0.5,
        },
        weeks: [],
        missingAtStart: 10,
        paidDown: 4,
        wayToTarget: 0.5,
        targetMet: false,
        stillNeeded: 4,
        missing: [],
        daysLeft: 30,
      },
      team: {
        groupRef: 'group:default/payments',
        entities: 5,
        meeting: 3,
        missing: [],
      },
      createdAt: '2026-10-01T00:00:00Z',
      updatedAt: '2026-10-01T00:00:00Z',
      updatedBy: 'user:default/lead',
    } as InitiativeEntry;
    const digest = weeklyDigest({ ...nothing, initiatives: [entry] });
    expect(digest.description).toContain(
      'Initiatives:\n- Silver by June: 12 of 20 at delivery silver (60 %, target 80 %); paid down 4 of 10 since the start; 30 days left; yours: 3 of 5 meet it',
    );
    // Initiatives are no change: the title still says none.
    expect(digest.title).toBe('DORA weekly: Payments — no changes');
  });
});
