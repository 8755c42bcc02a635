import { headsUpMessage, signalMessage } from './messages';
import { SignalObservation, bandRanks, ruleRanks } from './observations';

const band: SignalObservation = {
  key: 'band:group:default/payments:changeFailureRate',
  kind: 'metricBand',
  subjectRef: 'group:default/payments',
  rank: 3,
  labels: bandRanks,
  metric: 'changeFailureRate',
  title: 'changeFailureRate',
};

describe('signalMessage', () => {
  it('names the metric, the bands left and reached, and links to the team DORA tab', () => {
    const message = signalMessage(band, { type: 'breach', from: 1, to: 3 });
    expect(message).toEqual({
      title: 'payments: Change failure rate dropped from high to low',
      description:
        'Change failure rate of group:default/payments left the high band for low.',
      link: '/catalog/default/group/payments/dora',
      severity: 'high',
      topic: 'DORA metric bands',
      scope: 'dora:band:group:default/payments:changeFailureRate:breach',
    });
  });

  it('says a recovery apart from the breach, with its own scope', () => {
    const message = signalMessage(band, { type: 'recovery', from: 3, to: 1 });
    expect(message.title).toBe('payments: Change failure rate is back to high');
    expect(message.severity).toBe('normal');
    expect(message.scope).toBe(
      'dora:band:group:default/payments:changeFailureRate:recovery',
    );
  });

  it('names the rule and scorecard of a failing rule', () => {
    const message = signalMessage(
      {
        key: 'rule:delivery:component:default/payments-api:cfr',
        kind: 'ruleFailed',
        subjectRef: 'component:default/payments-api',
        rank: 1,
        labels: ruleRanks,
        scorecardId: 'delivery',
        ruleId: 'cfr',
        title: 'Change failure rate at most 15%',
      },
      { type: 'breach', from: 0, to: 1 },
    );
    expect(message.title).toBe(
      'payments-api: "Change failure rate at most 15%" fails',
    );
    expect(message.description).toContain('scorecard delivery');
    expect(message.link).toBe('/catalog/default/component/payments-api/dora');
  });

  it('names the level lost and the level reached again', () => {
    const level: SignalObservation = {
      key: 'level:delivery:component:default/payments-api',
      kind: 'levelLost',
      subjectRef: 'component:default/payments-api',
      rank: 1,
      labels: ['gold', 'silver', 'bronze', 'no level'],
      scorecardId: 'delivery',
      title: 'delivery',
    };
    expect(signalMessage(level, { type: 'breach', from: 0, to: 2 }).title).toBe(
      'payments-api lost gold on delivery',
    );
    expect(
      signalMessage(level, { type: 'recovery', from: 2, to: 0 }).title,
    ).toBe('payments-api is back at gold on delivery');
  });
});

describe('headsUpMessage', () => {
  it('says how long the pull request has waited of the agreed time and links to it', () => {
    const message = headsUpMessage({
      key: 'github:acme/payments#42',
      entityRef: 'component:default/payments-api',
      repository: 'acme/payments',
      number: 42,
      title: 'Retry refunds',
      url: 'https://github.com/acme/payments/pull/42',
      waitingSeconds: 19 * 3600,
      agreedSeconds: 24 * 3600,
    });
    expect(message).toEqual({
      title: 'acme/payments#42 waits for a first review',
      description:
        '"Retry refunds" has waited 19 h of the 24 h agreed for a first review (component:default/payments-api).',
      link: 'https://github.com/acme/payments/pull/42',
      severity: 'normal',
      topic: 'DORA review heads-ups',
      scope: 'dora:review:github:acme/payments#42',
    });
  });

  it('links to the entity DORA tab when the pull request has no url', () => {
    expect(
      headsUpMessage({
        key: 'k',
        entityRef: 'component:default/payments-api',
        repository: 'acme/payments',
        number: 1,
        title: 't',
        waitingSeconds: 45 * 60,
        agreedSeconds: 3600,
      }),
    ).toMatchObject({
      link: '/catalog/default/component/payments-api/dora',
      description:
        '"t" has waited 45 min of the 60 min agreed for a first review (component:default/payments-api).',
    });
  });
});
