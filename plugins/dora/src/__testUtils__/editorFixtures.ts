/*
 * Fixtures of the scorecard editor's tests (issue 16): a scorecard managed
 * through the API, its versions and audit pages, and a preview shaped as
 * `POST /v1/scorecards/preview` answers.
 */
import {
  ScorecardAuditEntry,
  ScorecardPreview,
  ScorecardVersion,
  StagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardEntry } from '../api/types';
import { CHECKOUT, deliveryScorecard, PAYMENTS } from './fixtures';

/** A scorecard written through the API, with a staged rule. */
export const teamBasics: StagedScorecard = {
  id: 'team-basics',
  title: 'Team basics',
  description: 'What the platform team asks of every service.',
  window: '30d',
  filter: {
    kinds: ['Component'],
    tags: ['java'],
    owners: ['group:default/commerce'],
  },
  levels: ['bronze', 'silver'],
  rules: [
    {
      id: 'deploy-weekly',
      title: 'Deploy at least weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'lead-time',
      title: 'Lead time under a day',
      metric: 'leadTime.median',
      operator: '<=',
      threshold: '24h',
      warn: '36h',
      minSampleSize: 5,
      level: 'silver',
      activeFrom: '2026-06-01T00:00:00.000Z',
    },
  ],
};

export const apiEntry: ScorecardEntry = {
  scorecard: teamBasics,
  source: 'api',
  readOnly: false,
  version: 2,
  updatedAt: '2026-03-20T10:00:00.000Z',
  updatedBy: 'user:default/jdoe',
};

export const configEntry: ScorecardEntry = {
  scorecard: deliveryScorecard,
  source: 'config',
  readOnly: true,
  version: 1,
};

export const teamBasicsVersions: ScorecardVersion[] = [
  {
    scorecardId: 'team-basics',
    version: 2,
    scorecard: teamBasics,
    changedBy: 'user:default/jdoe',
    changedAt: '2026-03-20T10:00:00.000Z',
  },
  {
    scorecardId: 'team-basics',
    version: 1,
    scorecard: { ...teamBasics, rules: teamBasics.rules.slice(0, 1) },
    changedBy: 'user:default/asmith',
    changedAt: '2026-03-01T09:00:00.000Z',
  },
];

/** Three audit entries, newest first, served two per page. */
export const teamBasicsAudit: ScorecardAuditEntry[] = [
  {
    scorecardId: 'team-basics',
    subject: 'exemption:ex-1',
    action: 'approved',
    actor: 'user:default/lead',
    at: '2026-03-25T08:00:00.000Z',
    detail: {
      ruleId: 'lead-time',
      scope: { kind: 'entity', entityRef: PAYMENTS },
    },
  },
  {
    scorecardId: 'team-basics',
    subject: 'scorecard',
    action: 'updated',
    actor: 'user:default/jdoe',
    at: '2026-03-20T10:00:00.000Z',
    detail: {},
  },
  {
    scorecardId: 'team-basics',
    subject: 'scorecard',
    action: 'created',
    actor: 'user:default/asmith',
    at: '2026-03-01T09:00:00.000Z',
    detail: {},
  },
];

/** `GET /scorecards/:id/audit` over `teamBasicsAudit`, two entries a page, the cursor an offset. */
export async function auditPages(_id: string, query: { cursor?: string } = {}) {
  const start = query.cursor ? Number(query.cursor) : 0;
  const items = teamBasicsAudit.slice(start, start + 2);
  const next = start + 2;
  return {
    items,
    nextCursor: next < teamBasicsAudit.length ? String(next) : null,
  };
}

const WEEK = 7 * 86_400_000;

/** A preview of `weeks` weeks ending at `end`, for the rule ids given: one more entity passes each week. */
export function previewOf(options: {
  ruleIds: string[];
  levels: string[];
  end: number;
  weeks?: number;
}): ScorecardPreview {
  const weeks = options.weeks ?? 12;
  return {
    scorecardId: 'team-basics',
    evaluatedAt: new Date(options.end).toISOString(),
    currentVersion: 2,
    weeks: Array.from({ length: weeks }, (_, i) => {
      const to = options.end - (weeks - 1 - i) * WEEK;
      const pass = Math.min(i, 10);
      return {
        from: new Date(to - 30 * 86_400_000).toISOString(),
        to: new Date(to).toISOString(),
        entities: 10,
        levels: options.levels.map((level, l) => ({
          level,
          reached: Math.max(0, pass - l),
        })),
        noLevel: 10 - pass,
        rules: options.ruleIds.map(ruleId => ({
          ruleId,
          pass,
          warn: 0,
          fail: 10 - pass,
          noData: 0,
          exempt: 0,
        })),
      };
    }),
    levelChanges: [
      {
        entityRef: PAYMENTS,
        current: 'bronze',
        draft: 'silver',
        direction: 'up',
      },
      {
        entityRef: CHECKOUT,
        current: 'silver',
        draft: null,
        direction: 'down',
      },
    ],
    overrides: [],
    problems: [],
    tookMs: 42,
  };
}
