import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { Exemption } from '@dora-metrics/plugin-dora-common';
import { Knex } from 'knex';
import { component, group } from '../../../__testUtils__/entities';
import { emptyEventsAndFacts } from '../../../__testUtils__/tables';
import { KnexDigestRunStore } from '../../../database/KnexDigestRunStore';
import { KnexDoraStore } from '../../../database/KnexDoraStore';
import { KnexExemptionStore } from '../../../database/KnexExemptionStore';
import { KnexFactStore } from '../../../database/KnexFactStore';
import { KnexInitiativeStore } from '../../../database/KnexInitiativeStore';
import { KnexScorecardStore } from '../../../database/KnexScorecardStore';
import { migrateUp } from '../../../database/migrations';
import { StoredResult } from '../../../database/ScorecardStore';
import { doraTestDatabases } from '../../../testUtils';
import { readDoraConfig } from '../../doraConfig';
import { EntityCatalog } from '../../EntityCatalog';
import { EntitySettings } from '../../EntitySettings';
import { FactsService } from '../../FactsService';
import { IngestService } from '../../IngestService';
import { InitiativeService } from '../../initiatives/InitiativeService';
import { MetricsService } from '../../MetricsService';
import { ScorecardService } from '../../ScorecardService';
import { WeeklyGrading } from '../../scorecards/preview/WeeklyGrading';
import { readNotificationsConfig } from '../notificationsConfig';
import { createDigestTaskFn } from './digestTask';
import { WeeklyDigestDeps, WeeklyDigestService } from './WeeklyDigestService';

/*
 * The weekly digest over real stores, real metrics from ingested events, a
 * fake catalog and a NotificationService that records what is sent.
 */

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const DAY = 86_400_000;
// A Wednesday; its ISO week starts on Monday 2026-11-16.
const NOW = Date.parse('2026-11-18T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const credentials = mockCredentials.service();

const PAYMENTS_API = 'component:default/payments-api';
const entities = [
  group('payments'),
  group('ledger-team'),
  // Owns nothing: no team, no digest.
  group('guild'),
  component('payments-api', {}, 'payments'),
  component('billing', {}, 'payments'),
  component('ledger', {}, 'ledger-team'),
];
entities[0].spec = {
  ...entities[0].spec,
  profile: { displayName: 'Payments' },
};

const config = readDoraConfig(
  new ConfigReader({
    dora: {
      scorecards: [
        {
          id: 'delivery',
          title: 'Delivery',
          levels: ['bronze', 'silver'],
          rules: [
            {
              id: 'deploys',
              title: 'Deploy weekly',
              metric: 'deploymentFrequency.perWeek',
              operator: '>=',
              threshold: '1/week',
              level: 'bronze',
            },
            {
              id: 'deploys-often',
              title: 'Deploy often',
              metric: 'deploymentFrequency.perWeek',
              operator: '>=',
              threshold: '3/week',
              level: 'silver',
            },
          ],
        },
      ],
    },
  }),
);
const digestConfig = readNotificationsConfig(new ConfigReader({})).digest;

/** `count` daily production deployments of the service from `start`. */
const deployments = (name: string, start: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'deployment',
    source: 'ci',
    id: `${name}-${start}-${i}`,
    entityRef: `component:default/${name}`,
    environment: 'production',
    status: 'success',
    finishedAt: iso(start + i * DAY),
  }));

const result = (
  entityRef: string,
  evaluatedAt: number,
  level: string | null,
): StoredResult => ({
  record: {
    scorecardId: 'delivery',
    entityRef,
    evaluatedAt,
    level,
    result: {
      scorecardId: 'delivery',
      level,
      levels: [],
      rules: [],
      announced: [],
    },
    version: null,
  },
  regrade: { drafts: [], groupAncestry: [] },
});

const exemption = (id: string, expiresAt: number): Exemption => ({
  id,
  scorecardId: 'delivery',
  ruleId: 'deploys-often',
  scope: { kind: 'entity', entityRef: PAYMENTS_API },
  reason: 'Moving to the new pipeline',
  expiresAt: iso(expiresAt),
  status: 'approved',
  requestedBy: 'user:default/owner',
  requestedAt: iso(NOW - 30 * DAY),
});

/** A NotificationService that records what is sent, failing for the teams named. */
function recordingNotifications(failFor: string[] = []) {
  const sent: NotificationSendOptions[] = [];
  const service: NotificationService = {
    send: async options => {
      const { recipients } = options;
      if (
        recipients.type === 'entity' &&
        failFor.includes(String(recipients.entityRef))
      ) {
        throw new Error('notifications backend unavailable');
      }
      sent.push(options);
    },
  };
  return { sent, service };
}

describe.each(databases.eachSupportedId())(
  'WeeklyDigestService on %s (issue 17)',
  databaseId => {
    let knex: Knex;
    let deps: Omit<WeeklyDigestDeps, 'notifications'>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
      await emptyEventsAndFacts(knex);
      for (const table of [
        'dora_scorecard_results',
        'dora_scorecard_exemptions',
        'dora_initiatives',
      ]) {
        await knex(table).delete();
      }
      const catalog = new EntityCatalog(catalogServiceMock({ entities }));
      const store = new KnexDoraStore(knex);
      const factStore = new KnexFactStore(knex);
      const facts = new FactsService({
        store,
        facts: factStore,
        settingsOf: refs =>
          new EntitySettings(catalog, config.defaults).ofRefs(
            refs,
            credentials,
          ),
        logger: mockServices.logger.mock(),
      });
      const metrics = new MetricsService(factStore, facts, catalog, config);
      // payments-api: 20 deployments in the 28 days before the last 28, 6 in them.
      // billing and ledger: 10 in each.
      const current = NOW - 28 * DAY;
      const previous = NOW - 56 * DAY;
      await new IngestService(store, catalog, 100_000).ingest(
        {
          events: [
            ...deployments('payments-api', previous + DAY, 20),
            ...deployments('payments-api', current + DAY, 6),
            ...deployments('billing', previous + DAY, 10),
            ...deployments('billing', current + DAY, 10),
            ...deployments('ledger', previous + DAY, 10),
            ...deployments('ledger', current + DAY, 10),
          ],
        },
        credentials,
      );

      const scorecardStore = new KnexScorecardStore(knex);
      const exemptionStore = new KnexExemptionStore(knex);
      const logger = mockServices.logger.mock();
      const scorecards = new ScorecardService(
        scorecardStore,
        catalog,
        metrics,
        config.scorecards,
        config.rollupKinds,
        logger,
        exemptionStore,
      );
      // payments-api lost silver two days ago; ledger's level held; billing
      // changed level before the week only.
      await scorecardStore.addResults([
        result(PAYMENTS_API, NOW - 10 * DAY, 'silver'),
        result(PAYMENTS_API, NOW - 2 * DAY, 'bronze'),
        result('component:default/ledger', NOW - 10 * DAY, 'silver'),
        result('component:default/ledger', NOW - 2 * DAY, 'silver'),
        result('component:default/billing', NOW - 20 * DAY, 'bronze'),
        result('component:default/billing', NOW - 10 * DAY, 'silver'),
        result('component:default/billing', NOW - 2 * DAY, 'silver'),
      ]);
      const audit = {
        scorecardId: 'delivery',
        action: 'requested' as const,
        actor: 'user:default/owner',
        at: iso(NOW - 30 * DAY),
        detail: {},
      };
      await exemptionStore.addExemption(exemption('soon', NOW + 3 * DAY), {
        ...audit,
        subject: 'exemption:soon',
      });
      // Every service of the team, for the rule of bronze.
      await exemptionStore.addExemption(
        {
          ...exemption('team', NOW + 5 * DAY),
          ruleId: 'deploys',
          scope: { kind: 'group', groupRef: 'group:default/payments' },
        },
        { ...audit, subject: 'exemption:team' },
      );
      await exemptionStore.addExemption(exemption('later', NOW + 60 * DAY), {
        ...audit,
        subject: 'exemption:later',
      });
      const initiatives = new InitiativeService({
        store: new KnexInitiativeStore(knex),
        scorecards,
        catalog,
        grader: new WeeklyGrading(
          catalog,
          metrics,
          exemptionStore,
          config.rollupKinds,
        ),
        defaultKinds: config.rollupKinds,
      });
      await initiatives.create(
        {
          id: 'silver',
          title: 'Payments at silver',
          target: { scorecardId: 'delivery', level: 'silver' },
          scope: { owners: ['group:default/payments'] },
          targetShare: '100%',
          owner: 'group:default/payments',
          startsAt: iso(NOW - 21 * DAY),
          deadline: iso(NOW + 60 * DAY),
        },
        { actor: 'user:default/lead', now: NOW },
        credentials,
      );
      deps = {
        catalog,
        metrics,
        scorecards,
        exemptions: exemptionStore,
        initiatives,
        runs: new KnexDigestRunStore(knex),
        auth: { getOwnServiceCredentials: async () => credentials },
        logger,
        rollupKinds: config.rollupKinds,
        digest: digestConfig,
      };
    });
    beforeEach(async () => {
      await knex('dora_digest_runs').delete();
    });

    const serviceWith = (notifications: NotificationService) =>
      new WeeklyDigestService({ ...deps, notifications });

    it('sends a team with a level change, a regression and an exemption about to expire one digest naming them', async () => {
      const { sent, service } = recordingNotifications();
      await serviceWith(service).sendDigests(NOW);
      const payments = sent.filter(
        s =>
          s.recipients.type === 'entity' &&
          s.recipients.entityRef === 'group:default/payments',
      );
      expect(payments).toHaveLength(1);
      const { payload } = payments[0];
      expect(payload.title).toBe(
        'DORA weekly: Payments — 1 level change, 1 regression, 2 exemptions expiring',
      );
      expect(payload.link).toBe('/catalog/default/group/payments/dora');
      expect(payload.topic).toBe('DORA weekly digest');
      expect(payload.scope).toBe(
        'dora-weekly-digest:group:default/payments:2026-11-16',
      );
      const lines = payload.description!.split('\n');
      expect(lines).toContain(
        '- payments-api, Delivery: silver → bronze (lost, 2026-11-16)',
      );
      expect(lines).toContain(
        '- Deployment frequency: worse: payments-api −70 %',
      );
      expect(lines).toContain(
        '- payments-api, delivery / deploys-often: expires 2026-11-21 (in 3 days)',
      );
      expect(lines).toContain(
        '- every service of payments, delivery / deploys: expires 2026-11-23 (in 5 days)',
      );
      const expiring = lines.indexOf('Exemptions about to expire:');
      expect(lines[expiring + 1]).toContain('expires 2026-11-21');
      expect(lines[expiring + 2]).toContain('expires 2026-11-23');
      // The exemption expiring in 60 days is past the 14 days looked at; billing's change was before the week.
      expect(payload.description).not.toContain('billing');
      expect(lines).toContain('Initiatives:');
      expect(lines.find(l => l.startsWith('- Payments at silver: '))).toContain(
        'yours: ',
      );
    });

    it('sends a team where nothing happened "no changes", and none to a group that owns nothing', async () => {
      const { sent, service } = recordingNotifications();
      const run = await serviceWith(service).sendDigests(NOW);
      expect(run.sent).toEqual([
        'group:default/ledger-team',
        'group:default/payments',
      ]);
      const ledger = sent.find(
        s =>
          s.recipients.type === 'entity' &&
          s.recipients.entityRef === 'group:default/ledger-team',
      )!;
      expect(ledger.payload.title).toBe(
        'DORA weekly: ledger-team — no changes',
      );
      expect(ledger.payload.description).toBe(
        'Week of 2026-11-16.\n\nNo changes: no level changed and no service moved.',
      );
      expect(sent.map(s => s.recipients)).not.toContainEqual({
        type: 'entity',
        entityRef: 'group:default/guild',
      });
    });

    it('sends each team once in an ISO week however often the task runs, and again the next week', async () => {
      const { sent, service } = recordingNotifications();
      const task = (at: number) =>
        createDigestTaskFn({ ...deps, notifications: service }, () => at);
      await task(NOW)();
      await task(NOW + 3 * DAY)();
      // Two replicas at once.
      await Promise.all([task(NOW + 4 * DAY)(), task(NOW + 4 * DAY)()]);
      expect(sent).toHaveLength(2);
      await task(NOW + 7 * DAY)();
      expect(sent).toHaveLength(4);
      expect(sent.slice(2).map(s => s.payload.scope)).toEqual([
        'dora-weekly-digest:group:default/ledger-team:2026-11-23',
        'dora-weekly-digest:group:default/payments:2026-11-23',
      ]);
    });

    it('logs a team whose digest fails, still sends the others, and sends the failed one on the next run', async () => {
      const failing = recordingNotifications(['group:default/ledger-team']);
      const first = await serviceWith(failing.service).sendDigests(NOW);
      expect(first).toEqual({
        sent: ['group:default/payments'],
        alreadySent: [],
        failed: ['group:default/ledger-team'],
      });
      expect(deps.logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'group:default/ledger-team not sent: notifications backend unavailable',
        ),
      );
      const working = recordingNotifications();
      const second = await serviceWith(working.service).sendDigests(NOW + DAY);
      expect(second).toEqual({
        sent: ['group:default/ledger-team'],
        alreadySent: ['group:default/payments'],
        failed: [],
      });
    });
  },
);
