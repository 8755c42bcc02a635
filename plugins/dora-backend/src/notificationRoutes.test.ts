import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateUp } from './database/migrations';
import { component, group } from './__testUtils__/entities';
import { deployment } from './__testUtils__/events';
import {
  clearEvents,
  startDoraBackend,
} from './__testUtils__/startDoraBackend';
import { clearTables, doraTestDatabases } from './testUtils';

/*
 * The signals end to end: events in through the API, scorecards graded,
 * then the notification evaluation run again and again; Backstage's
 * notification service replaced by one that records what is sent.
 */

jest.setTimeout(180_000);

const databases = doraTestDatabases();
const service = mockCredentials.service.header();
const DAY = 86_400_000;
const PAYMENTS_API = 'component:default/payments-api';

// org > payments owns payments-api, measured in pipeline mode (failed runs fail).
const entities = [
  group('org', ['payments']),
  group('payments', [], 'org'),
  component(
    'payments-api',
    { 'dora/change-failure-mode': 'pipeline' },
    'payments',
  ),
];

const delivery = {
  id: 'delivery',
  title: 'Delivery',
  window: '30d',
  levels: ['bronze'],
  rules: [
    {
      id: 'cfr',
      title: 'Few failed deployments',
      metric: 'changeFailureRate.ratio',
      operator: '<=',
      threshold: 0.1,
      level: 'bronze',
    },
  ],
};

function notificationsConfig(more: JsonObject = {}): JsonObject {
  return {
    dora: {
      scorecards: [delivery],
      notifications: { enabled: true, consecutiveEvaluations: 2, ...more },
    },
  };
}

/** `count` production runs of payments-api with the status, spread over the last days. */
function runs(prefix: string, count: number, status: 'success' | 'failure') {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    deployment(
      `${prefix}-${i}`,
      new Date(now - (1 + (i % 20)) * DAY - i * 60_000).toISOString(),
      { entityRef: PAYMENTS_API, status },
    ),
  );
}

/** A notification service that records each send, failing for the recipients in `failFor`. */
function recordingNotifications(failFor: string[] = []) {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        const refs =
          options.recipients.type === 'entity'
            ? [options.recipients.entityRef].flat()
            : [];
        if (refs.some(ref => failFor.includes(ref))) {
          throw new Error('notifications backend unreachable');
        }
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}

/** Who got what: recipients and title of each send, sorted. */
const summary = (sent: NotificationSendOptions[]) =>
  sent
    .map(s => ({
      to:
        s.recipients.type === 'entity'
          ? [s.recipients.entityRef].flat().join(',')
          : 'broadcast',
      title: s.payload.title,
    }))
    .sort((a, b) => a.title.localeCompare(b.title));

describe.each(databases.eachSupportedId())(
  'notifications on %s',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateUp(knex);
    });
    beforeEach(async () => {
      await clearEvents(knex);
      await clearTables(knex, ['dora_signal_states']);
    });

    async function backend(config: JsonObject, failFor: string[] = []) {
      const notifications = recordingNotifications(failFor);
      const server = await startDoraBackend({
        knex,
        entities,
        config,
        features: [notifications.factory],
      });
      const api = {
        ingest: async (events: unknown[]) =>
          expect(
            (
              await request(server)
                .post('/api/dora/v1/events')
                .set('Authorization', service)
                .send({ events })
            ).status,
          ).toBe(200),
        grade: async () =>
          expect(
            (
              await request(server)
                .post('/api/dora/v1/scorecards/evaluate')
                .set('Authorization', service)
            ).status,
          ).toBe(200),
        evaluate: async () => {
          const res = await request(server)
            .post('/api/dora/v1/notifications/evaluate')
            .set('Authorization', service);
          expect(res.status).toBe(200);
          return res.body;
        },
      };
      return { server, sent: notifications.sent, api };
    }

    it('sends a regression once after it held for two evaluations, to the owner group, and its recovery once', async () => {
      const { sent, api } = await backend(notificationsConfig());
      await api.ingest(runs('ok', 20, 'success'));
      await api.grade();

      // Baseline: everything observed, nothing sent.
      const baseline = await api.evaluate();
      expect(baseline.observed).toBeGreaterThan(0);
      expect(baseline.sent).toEqual({
        ruleFailed: 0,
        levelLost: 0,
        metricBand: 0,
        reviewHeadsUp: 0,
      });
      expect(sent).toEqual([]);

      // 10 failed runs of 30: the change failure rate goes from elite to low.
      await api.ingest(runs('failed', 10, 'failure'));
      await api.grade();
      const first = await api.evaluate();
      expect(sent).toEqual([]);
      expect(first.pending).toBeGreaterThan(0);

      const second = await api.evaluate();
      expect(second.sent).toEqual({
        ruleFailed: 1,
        levelLost: 1,
        metricBand: 3,
        reviewHeadsUp: 0,
      });
      expect(summary(sent)).toEqual([
        {
          to: 'group:default/org',
          title: 'org: Change failure rate dropped from elite to low',
        },
        {
          to: 'group:default/payments',
          title: 'payments-api lost bronze on delivery',
        },
        {
          to: 'group:default/payments',
          title: 'payments-api: "Few failed deployments" fails',
        },
        {
          to: 'group:default/payments',
          title: 'payments-api: Change failure rate dropped from elite to low',
        },
        {
          to: 'group:default/payments',
          title: 'payments: Change failure rate dropped from elite to low',
        },
      ]);
      expect(
        sent.find(s => s.payload.title.startsWith('payments-api: "'))?.payload,
      ).toMatchObject({
        link: '/catalog/default/component/payments-api/dora',
        severity: 'high',
      });

      // Held, not sent again.
      const third = await api.evaluate();
      expect(third.sent).toMatchObject({
        ruleFailed: 0,
        levelLost: 0,
        metricBand: 0,
      });
      expect(sent).toHaveLength(5);

      // 200 more good runs: 10 failed of 230, elite again; sent once, after two evaluations.
      await api.ingest(runs('more', 200, 'success'));
      await api.grade();
      await api.evaluate();
      expect(sent).toHaveLength(5);
      const recovered = await api.evaluate();
      expect(recovered.sent).toEqual({
        ruleFailed: 1,
        levelLost: 1,
        metricBand: 3,
        reviewHeadsUp: 0,
      });
      expect(summary(sent.slice(5)).map(s => s.title)).toEqual([
        'org: Change failure rate is back to elite',
        'payments-api is back at bronze on delivery',
        'payments-api: "Few failed deployments" passes again',
        'payments-api: Change failure rate is back to elite',
        'payments: Change failure rate is back to elite',
      ]);
      await api.evaluate();
      await api.evaluate();
      expect(sent).toHaveLength(10);
    });

    it('sends nothing of a signal kind turned off, and a scorecard sends to its own recipients only', async () => {
      const { sent, api } = await backend(
        notificationsConfig({
          signals: { metricBand: false, levelLost: false },
          scorecards: {
            delivery: {
              notifyOwners: false,
              recipients: ['group:default/sre'],
            },
          },
        }),
      );
      await api.ingest(runs('ok', 20, 'success'));
      await api.grade();
      await api.evaluate();
      await api.ingest(runs('failed', 10, 'failure'));
      await api.grade();
      await api.evaluate();
      const held = await api.evaluate();
      expect(held.sent).toEqual({
        ruleFailed: 1,
        levelLost: 0,
        metricBand: 0,
        reviewHeadsUp: 0,
      });
      expect(summary(sent)).toEqual([
        {
          to: 'group:default/sre',
          title: 'payments-api: "Few failed deployments" fails',
        },
      ]);
    });

    it('a send that fails is logged and the others still go out, and is not sent again', async () => {
      const { sent, api } = await backend(notificationsConfig(), [
        'group:default/org',
      ]);
      await api.ingest(runs('ok', 20, 'success'));
      await api.grade();
      await api.evaluate();
      await api.ingest(runs('failed', 10, 'failure'));
      await api.grade();
      await api.evaluate();
      const held = await api.evaluate();
      // The org's band notification failed; the four others went out.
      expect(held.sent).toEqual({
        ruleFailed: 1,
        levelLost: 1,
        metricBand: 2,
        reviewHeadsUp: 0,
      });
      expect(sent).toHaveLength(4);
      expect((await api.evaluate()).sent.metricBand).toBe(0);
    });

    it('answers 409 while notifications are off', async () => {
      const { server } = await backend({ dora: { scorecards: [delivery] } });
      const res = await request(server)
        .post('/api/dora/v1/notifications/evaluate')
        .set('Authorization', service);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'notifications are off (dora.notifications.enabled)',
      );
    });

    it('refuses to evaluate without dora.scorecards.manage (403) and without credentials (401)', async () => {
      const server = await startDoraBackend({
        knex,
        entities,
        config: notificationsConfig(),
        permission: AuthorizeResult.DENY,
        features: [recordingNotifications().factory],
      });
      const denied = await request(server)
        .post('/api/dora/v1/notifications/evaluate')
        .set('Authorization', mockCredentials.user.header());
      expect(denied.status).toBe(403);
      const none = await request(server)
        .post('/api/dora/v1/notifications/evaluate')
        .set('Authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);
    });
  },
);
