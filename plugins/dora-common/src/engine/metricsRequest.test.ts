import { parseMetricsRequest } from './metricsRequest';

const from = '2024-05-01T00:00:00Z';
const to = '2024-06-01T00:00:00Z';

function problemsOf(raw: Parameters<typeof parseMetricsRequest>[0]) {
  const result = parseMetricsRequest(raw);
  if (result.ok) throw new Error('expected the request to be refused');
  return result.problems;
}

describe('parseMetricsRequest', () => {
  it('defaults to UTC and weekly buckets', () => {
    expect(parseMetricsRequest({ from, to })).toEqual({
      ok: true,
      request: {
        window: { from: Date.parse(from), to: Date.parse(to) },
        timezone: 'UTC',
        bucket: 'week',
      },
    });
  });

  it('accepts an IANA timezone and each bucket', () => {
    for (const bucket of ['day', 'week', 'month']) {
      const result = parseMetricsRequest({
        from,
        to,
        timezone: 'Europe/Berlin',
        bucket,
      });
      expect(result).toMatchObject({
        ok: true,
        request: { timezone: 'Europe/Berlin', bucket },
      });
    }
  });

  it('reads instants with any offset as UTC', () => {
    const result = parseMetricsRequest({
      from: '2024-05-01T02:00:00+02:00',
      to: '2024-05-31T19:00:00-05:00',
    });
    expect(result).toMatchObject({
      ok: true,
      request: {
        window: {
          from: Date.parse('2024-05-01T00:00:00Z'),
          to: Date.parse('2024-06-01T00:00:00Z'),
        },
      },
    });
  });

  it('reports a from that is not an ISO-8601 instant with an offset', () => {
    for (const bad of ['yesterday', '2024-05-01', '2024-05-01T00:00:00', '']) {
      const problems = problemsOf({ from: bad, to });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^from /);
    }
  });

  it('reports a to that is not an ISO-8601 instant with an offset', () => {
    const problems = problemsOf({ from, to: '2024-06-01T00:00:00' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^to /);
  });

  it('reports a date that does not exist rather than rolling it over', () => {
    const problems = problemsOf({ from: '2024-02-30T00:00:00Z', to });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^from /);
  });

  it('refuses from equal to or after to (the window is [from, to))', () => {
    expect(problemsOf({ from, to: from })).toEqual([
      expect.stringContaining('from must be before to'),
    ]);
    expect(problemsOf({ from: to, to: from })).toHaveLength(1);
  });

  it('reports an unknown timezone, naming it', () => {
    const problems = problemsOf({ from, to, timezone: 'Mars/Olympus_Mons' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('timezone');
    expect(problems[0]).toContain('Mars/Olympus_Mons');
  });

  it('reports an unknown bucket, naming it and the allowed ones', () => {
    const problems = problemsOf({ from, to, bucket: 'quarter' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('bucket');
    expect(problems[0]).toContain('quarter');
    expect(problems[0]).toContain('day, week, month');
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      from: 'x',
      to: 'y',
      timezone: 'Nowhere/Land',
      bucket: 'year',
    });
    expect(problems).toHaveLength(4);
    expect(problems.map(p => p.split(' ')[0])).toEqual([
      'from',
      'to',
      'timezone',
      'bucket',
    ]);
  });
});
