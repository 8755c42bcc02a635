import { parseScorecard, parseScorecardWindow } from './schema';
import { ParsedScorecard, Scorecard } from './types';

function valid(): Scorecard {
  return {
    id: 'delivery',
    title: 'Delivery working agreements',
    levels: ['bronze', 'silver', 'gold'],
    rules: [
      {
        id: 'first-review',
        title: 'First review within 24 h',
        metric: 'pullRequests.timeToFirstReview.p75',
        operator: '<=',
        threshold: '24h',
        warn: '48h',
        level: 'bronze',
      },
      {
        id: 'cfr',
        title: 'Change failure rate at most 15%',
        metric: 'changeFailureRate.ratio',
        operator: '<=',
        threshold: '15%',
        minSampleSize: 5,
        level: 'silver',
      },
      {
        id: 'deploys',
        title: 'Deploy at least weekly',
        metric: 'deploymentFrequency.perDay',
        operator: '>=',
        threshold: '1/week',
        level: 'gold',
      },
    ],
  };
}

function parsed(raw: unknown): ParsedScorecard {
  const result = parseScorecard(raw);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.scorecard;
}

function problemsOf(raw: unknown): string[] {
  const result = parseScorecard(raw);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

function withRule(patch: Record<string, unknown>, index = 0): unknown {
  const card = valid();
  const rules = card.rules.map((rule, i) =>
    i === index ? { ...rule, ...patch } : rule,
  );
  return { ...card, rules };
}

describe('parseScorecard', () => {
  it('turns thresholds into numbers in the metric unit, and defaults the window to 30d', () => {
    const card = parsed(valid());
    expect(card.window).toBe('30d');
    expect(card.windowDays).toBe(30);
    expect(card.filter).toEqual({});
    expect(
      card.rules.map(r => [r.id, r.threshold, r.warn, r.minSampleSize]),
    ).toEqual([
      ['first-review', 86400, 172800, undefined],
      ['cfr', 0.15, null, 5],
      ['deploys', 1 / 7, null, undefined],
    ]);
  });

  it('reads a window in days or weeks, and refuses anything else', () => {
    expect(parsed({ ...valid(), window: '4w' }).windowDays).toBe(28);
    expect(parsed({ ...valid(), window: '7d' }).windowDays).toBe(7);
    expect(parseScorecardWindow('0d')).toBeUndefined();
    expect(problemsOf({ ...valid(), window: '1m' })).toEqual([
      'window: must be a number of days or weeks such as 30d or 4w',
    ]);
  });

  it('names the path of a threshold it cannot read and what the metric expects', () => {
    const card = valid();
    card.rules[2] = {
      ...card.rules[2],
      metric: 'leadTime.median',
      operator: '<',
      threshold: '24x',
    };
    expect(problemsOf(card)).toEqual([
      'rules[2].threshold: "24x" is not a duration such as 24h or 2d',
    ]);
  });

  it('refuses a metric outside the catalog, listing the ones it may name', () => {
    const [problem] = problemsOf(withRule({ metric: 'leadTime.band' }));
    expect(problem).toMatch(
      /^rules\[0\]\.metric: "leadTime\.band" is not a scorecard metric; use one of .*leadTime\.median/,
    );
  });

  it('requires warn to be looser than the threshold: above it for < and <=', () => {
    expect(problemsOf(withRule({ operator: '<=', warn: '12h' }))).toEqual([
      'rules[0].warn: 12h must be looser than the threshold 24h: with <=, above it',
    ]);
    expect(problemsOf(withRule({ operator: '<', warn: '24h' }))).toEqual([
      'rules[0].warn: 24h must be looser than the threshold 24h: with <, above it',
    ]);
    expect(parsed(withRule({ operator: '<', warn: '25h' })).rules[0].warn).toBe(
      90000,
    );
  });

  it('requires warn to be looser than the threshold: below it for > and >=', () => {
    expect(problemsOf(withRule({ warn: '2/week' }, 2))).toEqual([
      'rules[2].warn: 2/week must be looser than the threshold 1/week: with >=, below it',
    ]);
    expect(problemsOf(withRule({ operator: '>', warn: '1/week' }, 2))).toEqual([
      'rules[2].warn: 1/week must be looser than the threshold 1/week: with >, below it',
    ]);
    expect(parsed(withRule({ warn: '1/month' }, 2)).rules[2].warn).toBeCloseTo(
      1 / 30,
      12,
    );
  });

  it('reads warn with the same units as the threshold, reporting a bad one', () => {
    expect(problemsOf(withRule({ warn: '20' }, 1))).toEqual([
      'rules[1].warn: "20" is not a ratio between 0 and 1; write a percentage such as 15%',
    ]);
  });

  it('requires each rule level to be one of the levels', () => {
    expect(problemsOf(withRule({ level: 'platinum' }))).toEqual([
      'rules[0].level: "platinum" is not one of the levels bronze, silver, gold',
    ]);
  });

  it('requires at least one level, and no level twice', () => {
    expect(problemsOf({ ...valid(), levels: [] })).toContain(
      'levels: must name at least one level, lowest first',
    );
    expect(
      problemsOf({
        ...valid(),
        levels: ['bronze', 'silver', 'gold', 'silver'],
      }),
    ).toEqual(['levels[3]: "silver" repeats levels[1]']);
  });

  it('requires unique rule ids', () => {
    expect(problemsOf(withRule({ id: 'cfr' }, 2))).toEqual([
      'rules[2].id: "cfr" repeats rules[1].id',
    ]);
  });

  it('requires slugs of at most 63 characters for the scorecard and rule ids', () => {
    const slugMessage =
      'must be lower-case letters, digits and single hyphens, e.g. delivery-agreements';
    expect(problemsOf({ ...valid(), id: 'Delivery' })).toEqual([
      `id: ${slugMessage}`,
    ]);
    expect(problemsOf(withRule({ id: 'first--review' }))).toEqual([
      `rules[0].id: ${slugMessage}`,
    ]);
    expect(problemsOf({ ...valid(), id: 'a'.repeat(64) })).toContain(
      'id: must be at most 63 characters',
    );
  });

  it('refuses ids whose override annotation would be longer than a catalog annotation name', () => {
    const id = 'a'.repeat(50);
    expect(problemsOf({ ...valid(), id })[0]).toMatch(
      /^rules\[0\]\.id: the override annotation dora-scorecards\/a+\.first-review\.warn would be longer than the catalog allows \(68 > 63 characters after the slash\)/,
    );
  });

  it('accepts operators <, <=, >, >= only', () => {
    for (const operator of ['<', '<=', '>', '>=']) {
      expect(parseScorecard(withRule({ operator, warn: undefined })).ok).toBe(
        true,
      );
    }
    expect(problemsOf(withRule({ operator: '==' }))).toEqual([
      'rules[0].operator: must be one of <, <=, >, >=',
    ]);
  });

  it('requires minSampleSize to be a whole number of at least 0', () => {
    expect(problemsOf(withRule({ minSampleSize: -1 }))).toEqual([
      'rules[0].minSampleSize: must not be negative',
    ]);
    expect(problemsOf(withRule({ minSampleSize: 2.5 }))).toEqual([
      'rules[0].minSampleSize: must be a whole number',
    ]);
    expect(parsed(withRule({ minSampleSize: 0 })).rules[0].minSampleSize).toBe(
      0,
    );
  });

  it('reports every problem at once: shape and meaning, across rules', () => {
    const card = valid() as any;
    delete card.title;
    card.rules[0].threshold = '24x';
    card.rules[1].title = '';
    card.rules[2].level = 'diamond';
    card.rules[2].treshold = '1/day';
    expect(problemsOf(card)).toEqual([
      'title: is required',
      'rules[1].title: must not be empty',
      'rules[2].treshold: is not a known field',
      'rules[0].threshold: "24x" is not a duration such as 24h or 2d',
      'rules[2].level: "diamond" is not one of the levels bronze, silver, gold',
    ]);
  });

  it('names a missing threshold and a threshold of the wrong type', () => {
    expect(problemsOf(withRule({ threshold: undefined }))).toEqual([
      'rules[0].threshold: is required',
    ]);
    expect(problemsOf(withRule({ threshold: true }))).toEqual([
      'rules[0].threshold: must be a threshold such as 24h, 15%, 400 or 1/week',
    ]);
  });

  it('refuses something that is not a scorecard object', () => {
    expect(problemsOf('delivery')).toEqual(['a scorecard must be an object']);
    expect(problemsOf({ ...valid(), rules: 'all' })).toEqual([
      'rules: must be a list of rules',
    ]);
  });

  it('normalizes filter owners to full lower-case group refs and drops empty lists', () => {
    const card = parsed({
      ...valid(),
      filter: {
        kinds: ['Component'],
        types: [],
        owners: ['Team-A', 'group:ops/SRE'],
      },
    });
    expect(card.filter).toEqual({
      kinds: ['Component'],
      owners: ['group:default/team-a', 'group:ops/sre'],
    });
  });

  it('refuses an unknown filter criterion and a filter list that is not strings', () => {
    expect(
      problemsOf({ ...valid(), filter: { system: ['x'], tags: 'java' } }),
    ).toEqual([
      'filter.tags: must be a list of strings',
      'filter.system: is not a known field',
    ]);
  });
});
