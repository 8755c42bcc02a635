import { parseScorecard } from './schema';
import {
  parseStagedScorecard,
  stagedActivationSchema,
  stagedScorecardSchema,
} from './stagingSchema';

const rule = {
  id: 'first-review',
  title: 'First review within a day',
  metric: 'pullRequests.timeToFirstReview.p75',
  operator: '<=',
  threshold: '24h',
  level: 'bronze',
};
const card = {
  id: 'delivery',
  title: 'Delivery',
  levels: ['bronze'],
  rules: [rule],
};

describe('staging schema', () => {
  it('the existing parser still refuses staging fields it cannot keep', () => {
    const result = parseScorecard({
      ...card,
      activeFrom: '2026-04-01T00:00:00Z',
    });
    expect(result).toEqual({
      ok: false,
      problems: ['activeFrom: is not a known field'],
    });
  });

  it('reads staging on the scorecard and on its rules, and the rest as parseScorecard does', () => {
    const result = parseStagedScorecard({
      ...card,
      announceAt: '2026-03-01T00:00:00Z',
      rules: [{ ...rule, activeFrom: '2026-04-01T00:00:00+02:00' }],
    });
    expect(result).toEqual({
      ok: true,
      scorecard: (parseScorecard(card) as { scorecard: unknown }).scorecard,
      staging: {
        announceAt: '2026-03-01T00:00:00Z',
        rules: { 'first-review': { activeFrom: '2026-04-01T00:00:00+02:00' } },
      },
    });
  });

  it('refuses announceAt after activeFrom, saying where and why', () => {
    const result = parseStagedScorecard({
      ...card,
      rules: [
        {
          ...rule,
          announceAt: '2026-05-01T00:00:00Z',
          activeFrom: '2026-04-01T00:00:00Z',
        },
      ],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'rules[0].announceAt: must not be after activeFrom (2026-04-01T00:00:00Z): a rule is announced before it counts',
      ],
    });
  });

  it('refuses an instant that is not one, together with the other problems', () => {
    const result = parseStagedScorecard({
      ...card,
      activeFrom: 'next tuesday',
      levels: [],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'activeFrom: must be an ISO-8601 instant with a UTC offset between 1970 and 2099, e.g. 2026-03-02T10:07:00Z',
      'levels: must name at least one level, lowest first',
    ]);
  });

  it('the schema extension accepts what the scorecard schema accepts, plus staging', () => {
    expect(stagedScorecardSchema.safeParse(card).success).toBe(true);
    expect(
      stagedScorecardSchema.safeParse({
        ...card,
        rules: [{ ...rule, announceAt: '2026-03-01T00:00:00Z' }],
      }).success,
    ).toBe(true);
    expect(
      stagedActivationSchema.safeParse({
        announceAt: '2026-03-01T00:00:00Z',
        activeFrom: '2026-03-01T00:00:00Z',
      }).success,
    ).toBe(true);
    const late = stagedScorecardSchema.safeParse({
      ...card,
      announceAt: '2026-05-01T00:00:00Z',
      activeFrom: '2026-04-01T00:00:00Z',
    });
    expect(!late.success && late.error.issues[0].path).toEqual(['announceAt']);
  });

  it('says a scorecard that is not an object is not one', () => {
    expect(parseStagedScorecard(null)).toEqual({
      ok: false,
      problems: ['a scorecard must be an object'],
    });
  });
});
