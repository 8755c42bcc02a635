import { matchesSelector, parseComponentSelector } from './componentSelector';

const alert = {
  integrationName: 'DORA webhook',
  alert: {
    tags: ['service:payments', 'prod'],
    team: 'Payments',
    entity: 'payments-api',
    source: 'Datadog',
    details: { service: 'payments' },
  },
};

describe('opsgenie.com/component-selector forms', () => {
  it.each([
    'tag:"service:payments"',
    'tags:prod',
    'team:"payments"',
    'teams:Payments',
    'entity:"payments-api"',
    'source:datadog',
    'integration:"DORA webhook"',
    'detailsPair(service:payments)',
    'tag:"service:payments" AND team:Payments',
    'tag:prod and detailsPair(service: payments)',
  ])('matches the alert with %s', selector => {
    const clauses = parseComponentSelector(selector);
    expect(clauses).toBeDefined();
    expect(matchesSelector(clauses!, alert)).toBe(true);
  });

  it.each([
    'tag:"service:checkout"',
    'team:Checkout',
    'tag:"service:payments" AND team:Checkout',
  ])('does not match the alert with %s', selector => {
    expect(matchesSelector(parseComponentSelector(selector)!, alert)).toBe(
      false,
    );
  });

  it.each(['', 'service:payments OR tag:prod', 'message:"x"', 'tag:'])(
    'refuses the unsupported selector "%s"',
    selector => {
      expect(parseComponentSelector(selector)).toBeUndefined();
    },
  );
});
