import {
  deliveryCard,
  evaluateDelivery,
} from '../__testUtils__/scorecardFixtures';
import { applyExemptions } from './applyExemptions';
import { applyStages } from './applyStages';
import { Exemption } from './exemptions';
import { gradedCompliance } from './gradedCompliance';
import { ruleStagesAt } from './staging';

const subject = {
  entityRef: 'component:default/payments',
  groupAncestry: ['group:default/payments-team', 'group:default/commerce'],
};
const exemption: Exemption = {
  id: 'ex-1',
  scorecardId: 'delivery',
  ruleId: 'lead-day',
  scope: { kind: 'group', groupRef: 'group:default/commerce' },
  reason: 'Batch jobs ship weekly by design',
  expiresAt: '2026-06-01T00:00:00Z',
  status: 'approved',
  requestedBy: 'user:default/ana',
  requestedAt: '2026-03-01T00:00:00Z',
};
const at = '2026-04-01T00:00:00Z';

describe('applyExemptions', () => {
  it('an exempt rule shows exempt with its reason and expiry, and no longer holds the level back', () => {
    const result = evaluateDelivery(48, 0.1);
    expect(result.level).toBe('bronze');
    const graded = applyExemptions(result, [exemption], subject, at);
    expect(graded.rules.find(r => r.ruleId === 'lead-day')).toMatchObject({
      status: 'exempt',
      evaluatedStatus: 'fail',
      exemption: {
        exemptionId: 'ex-1',
        reason: 'Batch jobs ship weekly by design',
        expiresAt: '2026-06-01T00:00:00Z',
      },
    });
    expect(graded.level).toBe('gold');
  });

  it('an approved exemption stops applying at its expiry without any write', () => {
    const graded = applyExemptions(
      evaluateDelivery(48, 0.1),
      [exemption],
      subject,
      '2026-06-01T00:00:00Z',
    );
    expect(graded.rules.find(r => r.ruleId === 'lead-day')).toMatchObject({
      status: 'fail',
    });
    expect(
      graded.rules.find(r => r.ruleId === 'lead-day')?.exemption,
    ).toBeUndefined();
    expect(graded.level).toBe('bronze');
  });

  it('applies to announced rules too, and commutes with applyStages', () => {
    const stages = ruleStagesAt(
      {
        rules: {
          'lead-day': {
            announceAt: '2026-03-01T00:00:00Z',
            activeFrom: '2026-05-01T00:00:00Z',
          },
        },
      },
      ['lead-week', 'lead-day', 'cfr'],
      at,
    );
    const result = evaluateDelivery(48, 0.1);
    const a = applyExemptions(
      applyStages(result, stages),
      [exemption],
      subject,
      at,
    );
    const b = applyStages(
      applyExemptions(result, [exemption], subject, at),
      stages,
    );
    expect(a.announced[0]).toMatchObject({
      ruleId: 'lead-day',
      status: 'exempt',
      stage: 'announced',
    });
    expect(b).toEqual(a);
    expect(a.level).toBe('gold');
  });

  it('compliance counts exempt entities apart and leaves them out of the pass rate', () => {
    const others = {
      entityRef: 'component:default/search',
      groupAncestry: ['group:default/platform'],
    };
    const results = [
      applyExemptions(evaluateDelivery(48, 0.1), [exemption], subject, at),
      applyExemptions(evaluateDelivery(12, 0.1), [exemption], others, at),
      applyExemptions(evaluateDelivery(30, 0.1), [exemption], others, at),
    ];
    const leadDay = gradedCompliance(deliveryCard(), results).rules.find(
      r => r.ruleId === 'lead-day',
    );
    expect(leadDay).toMatchObject({
      pass: 1,
      fail: 1,
      exempt: 1,
      passRate: 1 / 2,
    });
  });
});
