import { ConfigReader } from '@backstage/config';
import { readNotificationsConfig } from './notificationsConfig';

const read = (notifications?: object) =>
  readNotificationsConfig(
    new ConfigReader(notifications ? { dora: { notifications } } : {}),
  );

describe('readNotificationsConfig', () => {
  it('is off by default, every signal on once enabled, owners notified, with the documented defaults', () => {
    const config = read();
    expect(config).toMatchObject({
      enabled: false,
      consecutiveEvaluations: 2,
      metricWindowDays: 30,
      reviewHeadsUpShare: 0.75,
      signals: {
        ruleFailed: true,
        levelLost: true,
        metricBand: true,
        reviewHeadsUp: true,
        digest: true,
      },
      scorecards: {},
      defaultRecipients: { enabled: true, notifyOwners: true, recipients: [] },
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 15 } },
      digest: { windowDays: 28, expiringWithinDays: 14, moversShown: 3 },
    });
  });

  it('reads every key it is given', () => {
    const config = read({
      enabled: true,
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
      consecutiveEvaluations: 3,
      metricWindowDays: 14,
      reviewHeadsUpShare: 0.5,
      signals: { metricBand: false },
      recipients: { recipients: ['group:default/sre'] },
      scorecards: {
        delivery: { notifyOwners: false },
        security: { enabled: false },
      },
    });
    expect(config.enabled).toBe(true);
    expect(config.schedule).toMatchObject({
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
    });
    expect(config.consecutiveEvaluations).toBe(3);
    expect(config.metricWindowDays).toBe(14);
    expect(config.reviewHeadsUpShare).toBe(0.5);
    expect(config.signals).toMatchObject({
      metricBand: false,
      ruleFailed: true,
    });
    expect(config.defaultRecipients).toEqual({
      enabled: true,
      notifyOwners: true,
      recipients: ['group:default/sre'],
    });
  });

  it('a scorecard named in config takes what it does not set from the default recipients', () => {
    const config = read({
      recipients: { recipients: ['group:default/sre'] },
      scorecards: {
        delivery: { notifyOwners: false },
        security: { enabled: false },
      },
    });
    expect(config.scorecards).toEqual({
      delivery: {
        enabled: true,
        notifyOwners: false,
        recipients: ['group:default/sre'],
      },
      security: {
        enabled: false,
        notifyOwners: true,
        recipients: ['group:default/sre'],
      },
    });
  });

  it.each([
    [
      { consecutiveEvaluations: 0 },
      'consecutiveEvaluations must be a positive whole number up to 100, got 0',
    ],
    [
      { consecutiveEvaluations: 1.5 },
      'consecutiveEvaluations must be a positive whole number',
    ],
    [
      { metricWindowDays: 400 },
      'metricWindowDays must be a positive whole number up to 366, got 400',
    ],
    [
      { reviewHeadsUpShare: 1.5 },
      'reviewHeadsUpShare must be a positive number up to 1, got 1.5',
    ],
  ])('refuses %j at start, naming the key', (notifications, message) => {
    expect(() => read(notifications)).toThrow(message);
  });
});
