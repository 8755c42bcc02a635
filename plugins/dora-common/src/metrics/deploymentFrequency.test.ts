import { deployment, metricsOf } from '../__testUtils__/eventFactories';

describe('deployment frequency', () => {
  it('counts successful production deployments finished in the half-open window [from, to)', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'beforeFrom',
          finishedAt: '2024-04-30T23:59:59.999Z',
        }),
        deployment({ id: 'atFrom', finishedAt: '2024-05-01T00:00:00Z' }),
        deployment({
          id: 'justBeforeTo',
          finishedAt: '2024-05-07T23:59:59.999Z',
        }),
        deployment({ id: 'atTo', finishedAt: '2024-05-08T00:00:00Z' }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' },
    );
    expect(body.deploymentFrequency.count).toBe(2);
  });

  it('leaves out redeploys, failed, aborted and non-production deployments', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'd1',
          finishedAt: '2024-05-01T01:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'again',
          finishedAt: '2024-05-01T02:00:00Z',
          version: 'v1',
        }),
        deployment({
          id: 'f',
          finishedAt: '2024-05-01T03:00:00Z',
          status: 'failure',
        }),
        deployment({
          id: 'a',
          finishedAt: '2024-05-01T04:00:00Z',
          status: 'aborted',
        }),
        deployment({
          id: 's',
          finishedAt: '2024-05-01T05:00:00Z',
          environment: 'staging',
        }),
        deployment({
          id: 'd2',
          finishedAt: '2024-05-01T06:00:00Z',
          version: 'v2',
        }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' },
    );
    expect(body.deploymentFrequency.count).toBe(2);
  });

  it('counts the entity’s own production environments', () => {
    const body = metricsOf(
      [
        deployment({
          id: 'p1',
          finishedAt: '2024-05-01T01:00:00Z',
          environment: 'prod',
        }),
        deployment({
          id: 'p2',
          finishedAt: '2024-05-01T02:00:00Z',
          environment: 'production-eu',
        }),
        deployment({ id: 'p3', finishedAt: '2024-05-01T03:00:00Z' }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' },
      { settings: { productionEnvironments: ['prod', 'production-eu'] } },
    );
    expect(body.deploymentFrequency.count).toBe(2);
  });

  it('divides by the window’s length in days, fractional allowed: perWeek = 7 perDay, perMonth = 30 perDay', () => {
    const halfDay = metricsOf(
      [
        deployment({ id: 'd1', finishedAt: '2024-05-01T01:00:00Z' }),
        deployment({ id: 'd2', finishedAt: '2024-05-01T02:00:00Z' }),
        deployment({ id: 'd3', finishedAt: '2024-05-01T03:00:00Z' }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-01T12:00:00Z' },
    ).deploymentFrequency;
    expect(halfDay).toMatchObject({
      count: 3,
      perDay: 6,
      perWeek: 42,
      perMonth: 180,
    });
    expect(halfDay.band).toBe('elite');

    const tenDays = metricsOf(
      [
        deployment({ id: 'd1', finishedAt: '2024-05-01T01:00:00Z' }),
        deployment({ id: 'd2', finishedAt: '2024-05-02T01:00:00Z' }),
        deployment({ id: 'd3', finishedAt: '2024-05-03T01:00:00Z' }),
      ],
      { from: '2024-05-01T00:00:00Z', to: '2024-05-11T00:00:00Z' },
    ).deploymentFrequency;
    expect(tenDays.perDay).toBeCloseTo(0.3, 12);
    expect(tenDays.perWeek).toBeCloseTo(2.1, 12);
    expect(tenDays.perMonth).toBeCloseTo(9, 12);
    expect(tenDays.band).toBe('high');
  });

  it('counts distinct local calendar days of the request’s timezone: 21:30 and 23:30 UTC are one day in UTC, two in Berlin', () => {
    const events = [
      deployment({ id: 'd1', finishedAt: '2024-05-01T21:30:00Z' }),
      deployment({ id: 'd2', finishedAt: '2024-05-01T23:30:00Z' }),
      deployment({ id: 'd3', finishedAt: '2024-05-03T10:00:00Z' }),
      deployment({ id: 'd4', finishedAt: '2024-05-03T11:00:00Z' }),
    ];
    const window = { from: '2024-05-01T00:00:00Z', to: '2024-05-08T00:00:00Z' };
    expect(metricsOf(events, window).deploymentFrequency.deploymentDays).toBe(
      2,
    );
    expect(
      metricsOf(events, { ...window, timezone: 'Europe/Berlin' })
        .deploymentFrequency.deploymentDays,
    ).toBe(3);
  });

  it('is 0 a day, with band low and no deployment days, when nothing was deployed', () => {
    expect(
      metricsOf([], {
        from: '2024-05-01T00:00:00Z',
        to: '2024-05-08T00:00:00Z',
      }).deploymentFrequency,
    ).toEqual({
      count: 0,
      perDay: 0,
      perWeek: 0,
      perMonth: 0,
      deploymentDays: 0,
      band: 'low',
    });
  });
});
