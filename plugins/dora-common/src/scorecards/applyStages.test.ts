import {
  deliveryCard,
  evaluateDelivery,
} from '../__testUtils__/scorecardFixtures';
import { applyStages } from './applyStages';
import { gradedCompliance } from './gradedCompliance';
import { ruleStagesAt } from './staging';

const ANNOUNCE = '2026-03-01T00:00:00Z';
const ACTIVE = '2026-04-01T00:00:00Z';
/** The silver rule (lead time under a day) is announced in March and counts from April. */
const staging = {
  rules: { 'lead-day': { announceAt: ANNOUNCE, activeFrom: ACTIVE } },
};
const ids = ['lead-week', 'lead-day', 'cfr'];

describe('applyStages', () => {
  it('an announced rule keeps its result but is left out of levels until activeFrom', () => {
    // Lead time 48h fails the silver rule; CFR 10% passes gold.
    const result = evaluateDelivery(48, 0.1);
    expect(result.level).toBe('bronze');

    const march = applyStages(
      result,
      ruleStagesAt(staging, ids, '2026-03-15T00:00:00Z'),
    );
    expect(march.level).toBe('gold');
    expect(march.rules.map(r => r.ruleId)).toEqual(['lead-week', 'cfr']);
    expect(march.announced).toEqual([
      expect.objectContaining({
        ruleId: 'lead-day',
        status: 'fail',
        stage: 'announced',
        activeFrom: ACTIVE,
      }),
    ]);

    const april = applyStages(result, ruleStagesAt(staging, ids, ACTIVE));
    expect(april.level).toBe('bronze');
    expect(april.announced).toEqual([]);
    expect(april.rules.find(r => r.ruleId === 'lead-day')).toMatchObject({
      status: 'fail',
      stage: 'active',
    });
  });

  it('a draft rule is neither shown nor counted', () => {
    const february = applyStages(
      evaluateDelivery(48, 0.1),
      ruleStagesAt(staging, ids, '2026-02-01T00:00:00Z'),
    );
    expect(february.rules.map(r => r.ruleId)).toEqual(['lead-week', 'cfr']);
    expect(february.announced).toEqual([]);
    expect(february.level).toBe('gold');
  });

  it("without stages the levels are the evaluator's", () => {
    const result = evaluateDelivery(12, 0.3);
    const graded = applyStages(result, {});
    expect(graded.level).toBe(result.level);
    expect(graded.levels).toEqual(result.levels);
    expect(graded.rules.map(r => r.status)).toEqual(
      result.rules.map(r => r.status),
    );
  });
});

describe('gradedCompliance', () => {
  it('counts only active rules in rules and levels, and announced rules apart', () => {
    const stages = ruleStagesAt(staging, ids, '2026-03-15T00:00:00Z');
    const results = [
      evaluateDelivery(48, 0.1),
      evaluateDelivery(12, 0.1),
      evaluateDelivery(200, 0.3),
    ].map(r => applyStages(r, stages));
    const compliance = gradedCompliance(
      deliveryCard(),
      results,
      'group:default/payments',
    );
    expect(compliance.entities).toBe(3);
    expect(compliance.rules.map(r => [r.ruleId, r.pass, r.fail])).toEqual([
      ['lead-week', 2, 1],
      ['cfr', 2, 1],
    ]);
    expect(compliance.announced).toEqual([
      expect.objectContaining({
        ruleId: 'lead-day',
        pass: 1,
        fail: 2,
        activeFrom: ACTIVE,
        passRate: 1 / 3,
      }),
    ]);
    // Gold for the two with lead time under a week and CFR 10 %; nobody below bronze but the third.
    expect(compliance.levels).toEqual([
      { level: 'bronze', reached: 2, share: 2 / 3 },
      { level: 'silver', reached: 2, share: 2 / 3 },
      { level: 'gold', reached: 2, share: 2 / 3 },
    ]);
  });

  it('lists every rule with zeros and no pass rate when nothing is graded', () => {
    const compliance = gradedCompliance(deliveryCard(), []);
    expect(compliance.rules.map(r => [r.ruleId, r.pass, r.passRate])).toEqual([
      ['lead-week', 0, null],
      ['lead-day', 0, null],
      ['cfr', 0, null],
    ]);
    expect(compliance.groupRef).toBeNull();
  });

  it('reaches no level while every rule is still announced: nothing counts yet (issue 16)', () => {
    const result = evaluateDelivery(12, 0.01); // passes every rule
    const announced = { stage: 'announced' as const, activeFrom: ACTIVE };
    const graded = applyStages(
      result,
      Object.fromEntries(ids.map(id => [id, announced])),
    );
    expect(graded.rules).toEqual([]);
    expect(graded.announced.map(r => r.ruleId).sort()).toEqual([...ids].sort());
    expect(graded.level).toBeNull();
    expect(graded.levels.every(l => !l.achieved)).toBe(true);
  });
});
