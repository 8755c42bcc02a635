import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { KnexSignalStore } from '../../database/KnexSignalStore';
import { migrateUp } from '../../database/migrations';
import { component, group } from '../../__testUtils__/entities';
import { doraTestDatabases } from '../../testUtils';
import { EntityCatalog } from '../EntityCatalog';
import { MetricsService } from '../MetricsService';
import { ScorecardService } from '../ScorecardService';
import { readNotificationsConfig } from './notificationsConfig';
import { ReviewHeadsUp } from './reviewHeadsUps';
import { SignalService } from './SignalService';

/*
 * Review heads-ups: the finder is another part's (it reads the sources and
 * the scorecards' first-review rules); here it answers fixed heads-ups, and
 * the real store and the evaluation decide what is sent.
 */

jest.setTimeout(60_000);

const databases = doraTestDatabases();
const T0 = Date.parse('2026-12-02T10:00:00Z');

function headsUp(number: number): ReviewHeadsUp {
  return {
    key: `github:acme/payments#${number}`,
    entityRef: 'component:default/payments-api',
    pullRequest: {
      id: `github:acme/payments#${number}`,
      entityRef: 'component:default/payments-api',
      repository: 'acme/payments',
      number,
      title: `Change ${number}`,
      url: `https://github.com/acme/payments/pull/${number}`,
      openedAt: new Date(T0 - 20 * 3600_000).toISOString(),
      draft: false,
    },
    agreedSeconds: 24 * 3600,
    scorecardId: 'reviews',
    ruleId: 'first-review',
    waitingSeconds: 20 * 3600,
  };
}

describe.each(databases.eachSupportedId())(
  'review heads-ups on %s',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
    });
    beforeEach(async () => {
      await knex('dora_signal_states').delete();
    });

    function service(found: () => ReviewHeadsUp[], notifications: object) {
      const sent: NotificationSendOptions[] = [];
      const config = readNotificationsConfig(
        new ConfigReader({
          dora: {
            notifications: {
              enabled: true,
              // Only the heads-ups: nothing else is read.
              signals: {
                ruleFailed: false,
                levelLost: false,
                metricBand: false,
              },
              ...notifications,
            },
          },
        }),
      );
      const signals = new SignalService({
        config,
        store: new KnexSignalStore(knex),
        scorecards: {} as ScorecardService,
        metrics: {} as MetricsService,
        catalog: new EntityCatalog(
          catalogServiceMock({
            entities: [
              group('payments'),
              component('payments-api', {}, 'payments'),
            ],
          }),
        ),
        notifications: {
          send: async (options: NotificationSendOptions) => {
            sent.push(options);
          },
        },
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        rollupKinds: ['component'],
        openPullRequestSources: [],
        findHeadsUps: async () => found(),
      });
      return { signals, sent };
    }

    it('sends each heads-up once per pull request, at once (no hysteresis, no recovery), to the owners', async () => {
      let found = [headsUp(1)];
      const { signals, sent } = service(() => found, {});
      const first = await signals.evaluate(T0);
      expect(first).toMatchObject({ observed: 1, sent: { reviewHeadsUp: 1 } });
      expect(sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['group:default/payments'],
          },
          payload: expect.objectContaining({
            title: 'acme/payments#1 waits for a first review',
            link: 'https://github.com/acme/payments/pull/1',
          }),
        },
      ]);
      // Still waiting: not again. A new one: sent. Gone (reviewed): nothing.
      expect((await signals.evaluate(T0 + 60_000)).sent.reviewHeadsUp).toBe(0);
      found = [headsUp(1), headsUp(2)];
      expect((await signals.evaluate(T0 + 120_000)).sent.reviewHeadsUp).toBe(1);
      found = [];
      expect((await signals.evaluate(T0 + 180_000)).sent.reviewHeadsUp).toBe(0);
      found = [headsUp(1)];
      expect((await signals.evaluate(T0 + 240_000)).sent.reviewHeadsUp).toBe(0);
      expect(sent.map(s => s.payload.title)).toEqual([
        'acme/payments#1 waits for a first review',
        'acme/payments#2 waits for a first review',
      ]);
    });

    it('two evaluations at once send a heads-up once', async () => {
      const { signals, sent } = service(() => [headsUp(7)], {});
      const [a, b] = await Promise.all([
        signals.evaluate(T0),
        signals.evaluate(T0),
      ]);
      expect(a.sent.reviewHeadsUp + b.sent.reviewHeadsUp).toBe(1);
      expect(sent).toHaveLength(1);
    });

    it('sends no heads-up when the signal is off or its scorecard is off', async () => {
      const off = service(() => [headsUp(1)], {
        signals: {
          ruleFailed: false,
          levelLost: false,
          metricBand: false,
          reviewHeadsUp: false,
        },
      });
      expect((await off.signals.evaluate(T0)).observed).toBe(0);
      const scorecardOff = service(() => [headsUp(1)], {
        scorecards: { reviews: { enabled: false } },
      });
      await scorecardOff.signals.evaluate(T0);
      expect([...off.sent, ...scorecardOff.sent]).toEqual([]);
    });
  },
);
