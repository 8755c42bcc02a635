import {
  change,
  classify,
  deployment,
  incident,
} from '../__testUtils__/eventFactories';

describe('classifyEntity', () => {
  const deployed = [
    deployment({ id: 'd1', finishedAt: '2024-05-01T10:00:00Z' }),
  ];

  it('has an incident source when one is configured', () => {
    expect(
      classify(deployed, { settings: { incidentSource: 'pagerduty' } })
        .hasIncidentSource,
    ).toBe(true);
  });

  it('has an incident source when an incident was ingested', () => {
    expect(
      classify([
        ...deployed,
        incident({ id: 'i', openedAt: '2024-01-01T00:00:00Z' }),
      ]).hasIncidentSource,
    ).toBe(true);
  });

  it('has an incident source when the store says an incident was ever ingested', () => {
    expect(
      classify(deployed, { history: { incidentEverIngested: true } })
        .hasIncidentSource,
    ).toBe(true);
  });

  it('has no incident source otherwise', () => {
    expect(classify(deployed).hasIncidentSource).toBe(false);
    expect(
      classify(deployed, { history: { incidentEverIngested: false } })
        .hasIncidentSource,
    ).toBe(false);
  });

  it('uses the first production environment for merges in pull-request mode', () => {
    const result = classify(
      [change({ id: 'c1', mergedAt: '2024-05-01T10:00:00Z' })],
      { settings: { productionEnvironments: ['prod', 'production-eu'] } },
    );
    expect(result.mode).toBe('pull-requests');
    expect(result.counted.map(c => c.deployment.environment)).toEqual(['prod']);
    expect(result.counted[0].shipped.map(c => c.id)).toEqual(['c1']);
  });

  it('marks a reverted merge failed in pull-request mode', () => {
    const result = classify([
      change({ id: 'c1', mergedAt: '2024-05-01T10:00:00Z' }),
      change({ id: 'c2', mergedAt: '2024-05-01T12:00:00Z', revertOf: 'c1' }),
    ]);
    expect(
      result.counted.map(c => [c.deployment.id, [...c.failureSignals]]),
    ).toEqual([
      ['c1', ['change-reverted']],
      ['c2', []],
    ]);
  });
});

describe('classifyEntity with production patterns', () => {
  it('counts every merge in pull-request mode even when no rule matches the merge environment', () => {
    const result = classify(
      [change({ id: 'c1', mergedAt: '2024-05-01T10:00:00Z' })],
      { settings: { productionEnvironments: ['/^prod-[a-z]+-\\d$/'] } },
    );
    expect(result.mode).toBe('pull-requests');
    expect(result.counted.map(c => c.deployment.environment)).toEqual([
      'production',
    ]);
  });

  it('names merges after the first plain name when the rules mix patterns and names', () => {
    const result = classify(
      [change({ id: 'c1', mergedAt: '2024-05-01T10:00:00Z' })],
      { settings: { productionEnvironments: ['prod-*', 'live'] } },
    );
    expect(result.counted.map(c => c.deployment.environment)).toEqual(['live']);
  });
});
