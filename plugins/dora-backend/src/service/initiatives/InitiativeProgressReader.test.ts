import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GradedScorecardResult,
  Initiative,
  ScorecardEntry,
  parseInitiative,
} from '@dora-metrics/plugin-dora-common';
import { component, group } from '../../__testUtils__/entities';
import { EntityCatalog } from '../EntityCatalog';
import { InitiativeProgressReader } from './InitiativeProgressReader';
import { InitiativeView } from './InitiativeView';
import { WeeklyGrader } from './WeeklyGrader';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-02T07:00:00Z');
const credentials = mockCredentials.user();

const weekly = (threshold: string): ScorecardEntry =>
  ({
    scorecard: {
      id: 'weekly',
      title: 'Weekly',
      levels: ['bronze'],
      rules: [
        {
          id: 'deploys',
          title: 'Deploy weekly',
          metric: 'deploymentFrequency.perWeek',
          operator: '>=',
          threshold,
          level: 'bronze',
        },
      ],
    },
    source: 'api',
    readOnly: false,
  }) as ScorecardEntry;

const parsed = parseInitiative({
  id: 'payments',
  title: 'Payments at bronze',
  target: { scorecardId: 'weekly', level: 'bronze' },
  scope: { owners: ['group:default/payments'] },
  targetShare: '100%',
  owner: 'group:default/payments',
  startsAt: new Date(NOW - 20 * DAY).toISOString(),
  deadline: new Date(NOW + 30 * DAY).toISOString(),
});
if (!parsed.ok) throw new Error(parsed.problems.join('; '));
const initiative: Initiative = parsed.initiative;

const catalog = new EntityCatalog(
  catalogServiceMock({
    entities: [
      group('payments', ['checkout']),
      group('checkout', [], 'payments'),
      component('ledger', {}, 'payments'),
      component('cart', {}, 'checkout'),
      component('finder', {}, 'search'),
    ],
  }),
);

/** Bronze for every entity from `passFrom` on; records the instants asked. */
function fakeGrader(passFrom: number) {
  const asked: number[][] = [];
  const grader: WeeklyGrader = {
    gradeAt: async input => {
      asked.push(input.instants);
      return input.instants.map(at => ({
        at,
        results: (input.entityRefs ?? []).map(entityRef => {
          const achieved = at >= passFrom;
          const result: GradedScorecardResult = {
            scorecardId: 'weekly',
            level: achieved ? 'bronze' : null,
            levels: [{ level: 'bronze', achieved }],
            rules: [
              {
                ruleId: 'deploys',
                level: 'bronze',
                status: achieved ? 'pass' : 'fail',
                evaluatedStatus: achieved ? 'pass' : 'fail',
                stage: 'active',
                activeFrom: null,
              } as GradedScorecardResult['rules'][number],
            ],
            announced: [],
          };
          return { entityRef, result, problems: [] };
        }),
      }));
    },
  };
  return { grader, asked };
}

async function viewWith(entry: ScorecardEntry) {
  return InitiativeView.load(
    [initiative],
    {
      scorecards: { get: async () => entry },
      catalog,
      defaultKinds: ['component'],
    },
    credentials,
  );
}

describe('InitiativeProgressReader (issue 16)', () => {
  it('grades the scope (nested groups) at each week from the start, then only now for the rest of the day', async () => {
    const { grader, asked } = fakeGrader(NOW - 10 * DAY);
    const reader = new InitiativeProgressReader(grader);
    const view = await viewWith(weekly('1/week'));
    const stored = { initiative, updatedAt: NOW - DAY };

    const first = await reader.measure(stored, view, NOW, credentials);
    expect(first.scope).toEqual([
      'component:default/ledger',
      'component:default/cart',
    ]);
    expect(asked).toEqual([
      [NOW - 21 * DAY, NOW - 14 * DAY, NOW - 7 * DAY, NOW],
    ]);
    expect(first.progress).toMatchObject({
      missingAtStart: 2,
      paidDown: 2,
      targetMet: true,
      daysLeft: 30,
    });

    // An hour later: the past weeks are kept, only now is graded.
    const later = NOW + 3_600_000;
    const second = await reader.measure(stored, view, later, credentials);
    expect(asked[1]).toEqual([later]);
    expect(second.progress.weeks.map(w => Date.parse(w.at))).toEqual([
      NOW - 21 * DAY,
      NOW - 14 * DAY,
      NOW - 7 * DAY,
      later,
    ]);
    expect(second.progress.paidDown).toBe(2);
  });

  it('grades every week again on a new day, a new version of the initiative or of its scorecard', async () => {
    const { grader, asked } = fakeGrader(NOW - 10 * DAY);
    const reader = new InitiativeProgressReader(grader);
    const view = await viewWith(weekly('1/week'));
    const stored = { initiative, updatedAt: NOW - DAY };
    await reader.measure(stored, view, NOW, credentials);
    await reader.measure(
      { initiative, updatedAt: NOW },
      view,
      NOW + 1,
      credentials,
    );
    await reader.measure(
      stored,
      await viewWith(weekly('2/week')),
      NOW + 2,
      credentials,
    );
    await reader.measure(stored, view, NOW + DAY, credentials);
    expect(asked.map(instants => instants.length)).toEqual([4, 4, 4, 4]);
  });

  it('keeps no weeks while facts are being built, and grades again when what grading reads changes', async () => {
    const { grader, asked } = fakeGrader(NOW - 10 * DAY);
    let inputs: string | undefined = undefined;
    const reader = new InitiativeProgressReader(grader, async () => inputs);
    const view = await viewWith(weekly('1/week'));
    const stored = { initiative, updatedAt: NOW - DAY };
    const measure = (at: number) =>
      reader.measure(stored, view, at, credentials);
    await measure(NOW);
    inputs = 'facts built';
    await measure(NOW + 1);
    await measure(NOW + 2);
    inputs = 'an exemption approved';
    await measure(NOW + 3);
    await measure(NOW + 4);
    expect(asked.map(instants => instants.length)).toEqual([4, 4, 1, 4, 1]);
  });

  it('measures nothing once the scorecard is gone, without grading', async () => {
    const { grader, asked } = fakeGrader(0);
    const reader = new InitiativeProgressReader(grader);
    const view = await InitiativeView.load(
      [initiative],
      {
        scorecards: {
          get: async () => {
            throw new NotFoundError('No scorecard weekly');
          },
        },
        catalog,
        defaultKinds: ['component'],
      },
      credentials,
    );
    const measured = await reader.measure(
      { initiative, updatedAt: NOW },
      view,
      NOW,
      credentials,
    );
    expect(asked).toEqual([]);
    expect(measured.progress).toMatchObject({
      start: null,
      now: null,
      weeks: [],
      daysLeft: 30,
    });
  });
});
