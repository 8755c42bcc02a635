import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Exemption,
  parseStagedScorecard,
} from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { component, group } from '../../../__testUtils__/entities';
import { deployment } from '../../../__testUtils__/events';
import { emptyEventsAndFacts } from '../../../__testUtils__/tables';
import { KnexDoraStore } from '../../../database/KnexDoraStore';
import { KnexFactStore } from '../../../database/KnexFactStore';
import { migrateUp } from '../../../database/migrations';
import { doraTestDatabases } from '../../../testUtils';
import { readDoraConfig } from '../../doraConfig';
import { EntityCatalog } from '../../EntityCatalog';
import { FactsService } from '../../FactsService';
import { MetricsService } from '../../MetricsService';
import { WeeklyGrading } from './WeeklyGrading';

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;
const NOW = Date.parse('2025-06-30T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const credentials = mockCredentials.service();

// platform > team-a; team-a asks for two deploys a week of its services.
const teamA = group('team-a', [], 'platform');
teamA.metadata.annotations = { 'dora-scorecards/cadence.weekly': '2/week' };
const entities = [
  group('platform', ['team-a']),
  teamA,
  component('svc-a', {}, 'team-a'),
  component('svc-b', {}, 'platform'),
  // An override that cannot be read: reported, the scorecard's threshold used.
  component('svc-c', { 'dora-scorecards/cadence.weekly': 'often' }, 'team-a'),
  { ...component('api-a', {}, 'team-a'), kind: 'API' },
];

// A week's window; `daily` only counts from ten days before NOW.
const draft = parseStagedScorecard({
  id: 'cadence',
  title: 'Cadence',
  window: '7d',
  levels: ['bronze', 'silver'],
  rules: [
    {
      id: 'weekly',
      title: 'Weekly',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '1/week',
      level: 'bronze',
    },
    {
      id: 'daily',
      title: 'Near daily',
      metric: 'deploymentFrequency.perWeek',
      operator: '>=',
      threshold: '5/week',
      level: 'silver',
      activeFrom: iso(NOW - 10 * DAY),
    },
  ],
});
if (!draft.ok) throw new Error(draft.problems.join('; '));
const { scorecard, staging } = draft;

const exemption = (more: Partial<Exemption>): Exemption => ({
  id: 'e1',
  scorecardId: 'cadence',
  ruleId: 'weekly',
  scope: { kind: 'entity', entityRef: 'component:default/svc-b' },
  reason: 'migrating',
  expiresAt: null,
  status: 'approved',
  requestedBy: 'user:default/owner',
  requestedAt: iso(NOW - 30 * DAY),
  ...more,
});

describe.each(databases.eachSupportedId())(
  'WeeklyGrading on %s (issue 16)',
  databaseId => {
    let knex: Knex;
    let grading: WeeklyGrading;
    let exemptions: Exemption[];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      const store = new KnexDoraStore(knex);
      // svc-a deploys daily for three weeks; svc-b three times in the last week.
      await store.upsertEvents([
        ...Array.from({ length: 21 }, (_, i) =>
          deployment(`a${i}`, iso(NOW - (i + 0.5) * DAY), {
            entityRef: 'component:default/svc-a',
          }),
        ),
        ...[1, 2, 3].map(i =>
          deployment(`b${i}`, iso(NOW - i * DAY), {
            entityRef: 'component:default/svc-b',
          }),
        ),
      ]);
      const config = readDoraConfig(new ConfigReader({}));
      const factStore = new KnexFactStore(knex);
      const facts = new FactsService({
        store,
        facts: factStore,
        settingsOf: async refs => new Map(refs.map(r => [r, config.defaults])),
        logger: mockServices.logger.mock(),
      });
      const catalog = new EntityCatalog(catalogServiceMock({ entities }));
      grading = new WeeklyGrading(
        catalog,
        new MetricsService(factStore, facts, catalog, config),
        {
          listExemptions: async id =>
            exemptions.filter(e => e.scorecardId === id),
        },
        config.rollupKinds,
      );
    });

    beforeEach(() => {
      exemptions = [];
    });

    const grade = (more: { groupRef?: string; entityRefs?: string[] } = {}) =>
      grading.gradeAt(
        {
          scorecard,
          staging,
          instants: [NOW - 14 * DAY, NOW - 7 * DAY, NOW],
          ...more,
        },
        credentials,
      );

    const ruleOf = (
      weeks: Awaited<ReturnType<typeof grade>>,
      week: number,
      entityRef: string,
      ruleId: string,
    ) => {
      const { result } = weeks[week].results.find(
        r => r.entityRef === entityRef,
      )!;
      return [...result.rules, ...result.announced].find(
        r => r.ruleId === ruleId,
      );
    };

    it('grades every entity of the default kinds at each instant, with the metrics of the window ending then', async () => {
      const weeks = await grade();
      expect(weeks.map(w => w.at)).toEqual([
        NOW - 14 * DAY,
        NOW - 7 * DAY,
        NOW,
      ]);
      for (const week of weeks) {
        expect(week.results.map(r => r.entityRef)).toEqual([
          'component:default/svc-a',
          'component:default/svc-b',
          'component:default/svc-c',
        ]);
      }
      const weekly = (week: number, ref: string) =>
        ruleOf(weeks, week, `component:default/${ref}`, 'weekly');
      expect(weekly(0, 'svc-a')).toMatchObject({ status: 'pass', actual: 7 });
      expect(weekly(0, 'svc-b')?.status).not.toBe('pass');
      expect(weekly(2, 'svc-b')).toMatchObject({ status: 'pass', actual: 3 });
    });

    it('resolves overrides as the evaluator does and reports the unreadable ones', async () => {
      const weeks = await grade();
      const latest = weeks[2].results;
      const of = (ref: string) =>
        latest.find(r => r.entityRef === `component:default/${ref}`)!;
      expect(
        of('svc-a').result.rules.find(r => r.ruleId === 'weekly'),
      ).toMatchObject({
        threshold: 2,
        source: { kind: 'group', groupRef: 'group:default/team-a' },
      });
      // svc-c's own annotation is unreadable: the group's threshold applies.
      expect(of('svc-c').problems.join()).toMatch(/often/);
      expect(
        of('svc-c').result.rules.find(r => r.ruleId === 'weekly'),
      ).toMatchObject({ threshold: 2, source: { kind: 'group' } });
      expect(of('svc-b').problems).toEqual([]);
    });

    it('applies the stages at each instant: a rule counts only from its activeFrom', async () => {
      const weeks = await grade();
      const svcA = (week: number) =>
        weeks[week].results.find(
          r => r.entityRef === 'component:default/svc-a',
        )!.result;
      // 14 days back the near-daily rule is not even announced.
      expect(svcA(0).rules.map(r => r.ruleId)).toEqual(['weekly']);
      expect(svcA(0).announced).toEqual([]);
      expect(svcA(2).rules.map(r => r.ruleId)).toEqual(['weekly', 'daily']);
      const svcB = weeks[2].results.find(
        r => r.entityRef === 'component:default/svc-b',
      )!.result;
      // Three deploys: weekly passes, near-daily fails and holds silver back.
      expect(svcB.level).toBe('bronze');
      expect(svcA(2).level).toBe('silver');
    });

    it('applies the approved exemptions in force at each instant, and only those', async () => {
      exemptions = [
        exemption({ expiresAt: iso(NOW - 3 * DAY) }),
        exemption({
          id: 'e2',
          status: 'pending',
          scope: { kind: 'group', groupRef: 'group:default/team-a' },
        }),
        exemption({ id: 'e3', scorecardId: 'other' }),
      ];
      const weeks = await grade();
      const svcB = (week: number) =>
        ruleOf(weeks, week, 'component:default/svc-b', 'weekly');
      expect(svcB(1)).toMatchObject({
        status: 'exempt',
        exemption: { exemptionId: 'e1', reason: 'migrating' },
      });
      expect(svcB(1)?.evaluatedStatus).not.toBe('exempt');
      // Expired three days before NOW.
      expect(svcB(2)?.status).toBe('pass');
      expect(
        ruleOf(weeks, 1, 'component:default/svc-c', 'weekly')?.status,
      ).not.toBe('exempt');
    });

    it('grades several scorecards at once as each alone (gradeEach)', async () => {
      exemptions = [exemption({ expiresAt: iso(NOW - 3 * DAY) })];
      const monthly = parseStagedScorecard({
        id: 'monthly',
        title: 'Monthly',
        window: '30d',
        levels: ['bronze'],
        filter: { owners: ['group:default/team-a'] },
        rules: [
          {
            id: 'weekly',
            title: 'Weekly',
            metric: 'deploymentFrequency.perWeek',
            operator: '>=',
            threshold: '3/week',
            level: 'bronze',
          },
        ],
      });
      if (!monthly.ok) throw new Error(monthly.problems.join('; '));
      const inputs = [
        { scorecard, staging, instants: [NOW - 7 * DAY, NOW] },
        { ...monthly, instants: [NOW] },
      ];
      const together = await grading.gradeEach(inputs, credentials);
      const alone = await Promise.all(
        inputs.map(input => grading.gradeAt(input, credentials)),
      );
      expect(together).toEqual(alone);
      expect(together[1][0].results.map(r => r.entityRef)).toEqual([
        'component:default/svc-a',
        'component:default/svc-c',
      ]);
    });

    it('narrows to a team (nested groups included) or to given entities', async () => {
      const refsOf = (weeks: Awaited<ReturnType<typeof grade>>) =>
        weeks[0].results.map(r => r.entityRef);
      expect(refsOf(await grade({ groupRef: 'group:default/team-a' }))).toEqual(
        ['component:default/svc-a', 'component:default/svc-c'],
      );
      expect(
        refsOf(await grade({ groupRef: 'group:default/platform' })),
      ).toHaveLength(3);
      expect(
        refsOf(await grade({ entityRefs: ['Component:default/SVC-B'] })),
      ).toEqual(['component:default/svc-b']);
    });
  },
);
