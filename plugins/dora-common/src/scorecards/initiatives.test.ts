import { parseInitiative } from './initiatives';

const raw = {
  id: 'payments-silver',
  title: 'Payments at silver',
  target: { scorecardId: 'delivery', level: 'silver' },
  scope: { owners: ['group:default/payments'] },
  targetShare: '80%',
  owner: 'group:default/payments',
  startsAt: '2026-01-05T00:00:00Z',
  deadline: '2026-06-30T00:00:00Z',
};

describe('parseInitiative', () => {
  it('reads a target share written as 80% or 0.8', () => {
    const a = parseInitiative(raw);
    const b = parseInitiative({ ...raw, targetShare: 0.8 });
    expect(a.ok && a.initiative.targetShare).toBe(0.8);
    expect(b.ok && b.initiative.targetShare).toBe(0.8);
  });

  it('names a scorecard level or a rule, nothing else', () => {
    expect(
      parseInitiative({
        ...raw,
        target: { scorecardId: 'delivery', ruleId: 'cfr' },
      }).ok,
    ).toBe(true);
    const wrong = parseInitiative({
      ...raw,
      target: { scorecardId: 'delivery' },
    });
    expect(!wrong.ok && wrong.problems[0]).toMatch(
      /^target: must name a scorecard level/,
    );
  });

  it('refuses, all at once, a deadline not after the start, a share of 0 or above 100%, and unknown fields', () => {
    const result = parseInitiative({
      ...raw,
      deadline: raw.startsAt,
      targetShare: '120%',
      colour: 'red',
    });
    expect(!result.ok && result.problems).toEqual([
      'targetShare: "120%" is not a share above 0 and at most 100%, such as 80% or 0.8',
      'colour: is not a known field',
      'deadline: must be after startsAt (2026-01-05T00:00:00Z)',
    ]);
    const late = parseInitiative({ ...raw, deadline: raw.startsAt });
    expect(!late.ok && late.problems).toEqual([
      'deadline: must be after startsAt (2026-01-05T00:00:00Z)',
    ]);
    const zero = parseInitiative({ ...raw, targetShare: 0 });
    expect(zero.ok).toBe(false);
  });
});
