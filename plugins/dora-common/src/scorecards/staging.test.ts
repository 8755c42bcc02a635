import { earlierStage, ruleStage, ruleStagesAt } from './staging';

const ANNOUNCE = '2026-03-01T00:00:00Z';
const ACTIVE = '2026-04-01T00:00:00Z';

describe('ruleStage', () => {
  it('a rule without dates is active at any instant', () => {
    expect(ruleStage({}, '1999-01-01T00:00:00Z')).toBe('active');
  });

  it('a rule is draft before its announcement, announced until activeFrom, active from activeFrom on', () => {
    const rule = { announceAt: ANNOUNCE, activeFrom: ACTIVE };
    expect(ruleStage(rule, '2026-02-28T23:59:59Z')).toBe('draft');
    expect(ruleStage(rule, ANNOUNCE)).toBe('announced');
    expect(ruleStage(rule, '2026-03-31T23:59:59.999Z')).toBe('announced');
    expect(ruleStage(rule, ACTIVE)).toBe('active');
    expect(ruleStage(rule, new Date('2027-01-01T00:00:00Z'))).toBe('active');
  });

  it('a rule with activeFrom but never announced is draft until it counts', () => {
    expect(ruleStage({ activeFrom: ACTIVE }, ANNOUNCE)).toBe('draft');
    expect(ruleStage({ activeFrom: ACTIVE }, Date.parse(ACTIVE))).toBe(
      'active',
    );
  });

  it('a rule announced without activeFrom stays announced', () => {
    expect(ruleStage({ announceAt: ANNOUNCE }, '2030-01-01T00:00:00Z')).toBe(
      'announced',
    );
  });

  it('reads instants with offsets as the same moment', () => {
    const rule = { activeFrom: '2026-04-01T02:00:00+02:00' };
    expect(ruleStage(rule, '2026-04-01T00:00:00Z')).toBe('active');
    expect(ruleStage(rule, '2026-03-31T23:59:59Z')).toBe('draft');
  });
});

describe('ruleStagesAt', () => {
  it('the scorecard stage caps every rule: a rule of an announced scorecard is at most announced', () => {
    expect(earlierStage('active', 'announced')).toBe('announced');
    const stages = ruleStagesAt(
      {
        announceAt: ANNOUNCE,
        activeFrom: ACTIVE,
        rules: { b: { activeFrom: '2026-05-01T00:00:00Z' } },
      },
      ['a', 'b'],
      '2026-03-15T00:00:00Z',
    );
    expect(stages).toEqual({
      a: { stage: 'announced', activeFrom: ACTIVE },
      b: { stage: 'draft', activeFrom: '2026-05-01T00:00:00Z' },
    });
  });

  it('a rule counts from the later of its own and the scorecard activeFrom', () => {
    const stages = ruleStagesAt(
      {
        activeFrom: ACTIVE,
        rules: {
          early: { announceAt: ANNOUNCE, activeFrom: '2026-03-10T00:00:00Z' },
        },
      },
      ['early', 'plain'],
      '2026-03-20T00:00:00Z',
    );
    expect(stages.early).toEqual({ stage: 'draft', activeFrom: ACTIVE });
    expect(stages.plain).toEqual({ stage: 'draft', activeFrom: ACTIVE });
  });

  it('rules of an active scorecard without staging are active with no date', () => {
    expect(ruleStagesAt({ rules: {} }, ['a'], ANNOUNCE)).toEqual({
      a: { stage: 'active', activeFrom: null },
    });
  });
});
