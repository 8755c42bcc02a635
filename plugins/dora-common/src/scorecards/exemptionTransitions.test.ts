import { Exemption } from './exemptions';
import { transitionExemption } from './exemptionTransitions';

const pending: Exemption = {
  id: 'ex-1',
  scorecardId: 'delivery',
  ruleId: 'lead-day',
  scope: { kind: 'group', groupRef: 'group:default/payments-team' },
  reason: 'Migrating the pipeline this quarter',
  expiresAt: '2026-06-01T00:00:00Z',
  status: 'pending',
  requestedBy: 'user:default/ana',
  requestedAt: '2026-03-01T00:00:00Z',
};
const by = 'user:default/lead';
const at = '2026-03-02T00:00:00Z';

function decided(
  e: Exemption,
  action: 'approve' | 'deny' | 'revoke',
  when = at,
  note?: string,
) {
  const result = transitionExemption(e, { action, by, at: when, note });
  if (!result.ok) throw new Error(result.message);
  return result.exemption;
}
function refusal(
  e: Exemption,
  action: 'approve' | 'deny' | 'revoke',
  when = at,
) {
  const result = transitionExemption(e, { action, by, at: when });
  if (result.ok) throw new Error(`${action} was allowed`);
  return result.message;
}

describe('transitionExemption', () => {
  it('a manager approves or denies a pending request, and the decision is recorded', () => {
    expect(decided(pending, 'approve', at, 'ok for a quarter')).toEqual({
      ...pending,
      status: 'approved',
      decidedBy: by,
      decidedAt: at,
      decisionNote: 'ok for a quarter',
    });
    expect(decided(pending, 'deny').status).toBe('denied');
  });

  it('an approved exemption can be revoked, and the note of the approval does not carry over', () => {
    const approved = decided(pending, 'approve', at, 'ok');
    const revoked = decided(approved, 'revoke', '2026-04-01T00:00:00Z');
    expect(revoked.status).toBe('revoked');
    expect(revoked.decidedAt).toBe('2026-04-01T00:00:00Z');
    expect(revoked.decisionNote).toBeUndefined();
  });

  it('an approved exemption cannot be denied; the message says what is left', () => {
    expect(refusal(decided(pending, 'approve'), 'deny')).toBe(
      'exemption ex-1 cannot be denied: it is approved; only a pending exemption can be denied, and it can only be revoked',
    );
  });

  it('a request cannot be approved once its expiry has passed', () => {
    expect(refusal(pending, 'approve', '2026-06-01T00:00:00Z')).toBe(
      'exemption ex-1 cannot be approved: it is expired (it expired at 2026-06-01T00:00:00Z); only a pending exemption can be approved, and nothing can be decided on it any more; request a new exemption',
    );
  });

  it('an expired approval cannot be revoked, a pending one cannot be revoked, a closed one cannot be reopened', () => {
    const approved = decided(pending, 'approve');
    expect(refusal(approved, 'revoke', '2026-07-01T00:00:00Z')).toMatch(
      /cannot be revoked: it is expired/,
    );
    expect(refusal(pending, 'revoke')).toMatch(
      /cannot be revoked: it is pending; .*it can be approved or denied$/,
    );
    const denied = decided(pending, 'deny');
    expect(refusal(denied, 'approve')).toMatch(
      /cannot be approved: it is denied; .*it is closed; request a new exemption$/,
    );
    expect(refusal(decided(approved, 'revoke'), 'revoke')).toMatch(
      /it is revoked/,
    );
  });
});
