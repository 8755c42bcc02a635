import { evaluateDelivery } from '../__testUtils__/scorecardFixtures';
import { applyExemptions } from './applyExemptions';
import { applyStages } from './applyStages';
import { asGraded } from './graded';
import { initiativeStanding } from './initiativeTarget';

const silver = { scorecardId: 'delivery', level: 'silver' };

describe('initiativeStanding', () => {
  it('a level target is met at that level or above, and names the rules that keep it below', () => {
    expect(
      initiativeStanding(silver, asGraded(evaluateDelivery(12, 0.3))),
    ).toEqual({ meets: true, misses: [] });
    // Lead time 10 days: misses both the bronze and the silver rule; its failure rate (gold) is not asked.
    expect(
      initiativeStanding(silver, asGraded(evaluateDelivery(240, 0.3))),
    ).toEqual({
      meets: false,
      misses: ['lead-week', 'lead-day'],
    });
  });

  it('a rule target is met when it passes or an exemption excuses it', () => {
    const target = { scorecardId: 'delivery', ruleId: 'lead-day' };
    const result = evaluateDelivery(48, 0.1);
    expect(initiativeStanding(target, asGraded(result))).toEqual({
      meets: false,
      misses: ['lead-day'],
    });
    const exempt = applyExemptions(
      result,
      [
        {
          id: 'ex',
          scorecardId: 'delivery',
          ruleId: 'lead-day',
          scope: { kind: 'entity', entityRef: 'component:default/a' },
          reason: 'r',
          expiresAt: null,
          status: 'approved',
          requestedBy: 'user:default/a',
          requestedAt: '2026-01-01T00:00:00Z',
        },
      ],
      { entityRef: 'component:default/a', groupAncestry: [] },
      '2026-02-01T00:00:00Z',
    );
    expect(initiativeStanding(target, exempt).meets).toBe(true);
  });

  it('a rule that is only announced does not meet a target on it yet', () => {
    const staged = applyStages(evaluateDelivery(12, 0.1), {
      'lead-day': { stage: 'announced', activeFrom: '2026-05-01T00:00:00Z' },
    });
    expect(
      initiativeStanding(
        { scorecardId: 'delivery', ruleId: 'lead-day' },
        staged,
      ),
    ).toEqual({ meets: false, misses: ['lead-day'] });
  });
});
