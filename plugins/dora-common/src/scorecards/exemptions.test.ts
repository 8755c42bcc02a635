import { Exemption, exemptionFor, exemptionState } from './exemptions';

const exemption = (patch: Partial<Exemption>): Exemption => ({
  id: 'ex-1',
  scorecardId: 'delivery',
  ruleId: 'lead-day',
  scope: { kind: 'entity', entityRef: 'component:default/payments' },
  reason: 'Batch service, deploys monthly by design',
  expiresAt: '2026-06-01T00:00:00Z',
  status: 'approved',
  requestedBy: 'user:default/ana',
  requestedAt: '2026-03-01T00:00:00Z',
  ...patch,
});

const target = {
  scorecardId: 'delivery',
  ruleId: 'lead-day',
  entityRef: 'component:default/payments',
  groupAncestry: ['group:default/payments-team', 'group:default/commerce'],
};

describe('exemptionState', () => {
  it('an approved exemption stops applying at its expiry without any write', () => {
    const e = exemption({});
    expect(exemptionState(e, '2026-05-31T23:59:59Z')).toBe('approved');
    expect(exemptionState(e, '2026-06-01T00:00:00Z')).toBe('expired');
    expect(e.status).toBe('approved');
  });

  it('a pending request whose expiry has passed is expired; denied and revoked stay so', () => {
    expect(
      exemptionState(exemption({ status: 'pending' }), '2026-07-01T00:00:00Z'),
    ).toBe('expired');
    expect(
      exemptionState(exemption({ status: 'denied' }), '2026-07-01T00:00:00Z'),
    ).toBe('denied');
    expect(
      exemptionState(exemption({ status: 'revoked' }), '2026-07-01T00:00:00Z'),
    ).toBe('revoked');
  });

  it('an exemption without expiry never expires', () => {
    expect(
      exemptionState(exemption({ expiresAt: null }), '2099-01-01T00:00:00Z'),
    ).toBe('approved');
  });
});

describe('exemptionFor', () => {
  const at = '2026-04-01T00:00:00Z';

  it('applies an approved exemption for the entity, whatever the case of its ref', () => {
    const e = exemption({
      scope: { kind: 'entity', entityRef: 'Component:default/Payments' },
    });
    expect(exemptionFor([e], target, at)).toBe(e);
  });

  it('a group exemption covers the services of every team below the group', () => {
    const e = exemption({ scope: { kind: 'group', groupRef: 'commerce' } });
    expect(exemptionFor([e], target, at)).toBe(e);
    expect(
      exemptionFor(
        [e],
        { ...target, groupAncestry: ['group:default/platform'] },
        at,
      ),
    ).toBeUndefined();
  });

  it('applies only to its own scorecard and rule', () => {
    expect(
      exemptionFor([exemption({ ruleId: 'cfr' })], target, at),
    ).toBeUndefined();
    expect(
      exemptionFor([exemption({ scorecardId: 'other' })], target, at),
    ).toBeUndefined();
  });

  it('pending, denied, revoked and expired exemptions do not apply', () => {
    for (const status of ['pending', 'denied', 'revoked'] as const) {
      expect(exemptionFor([exemption({ status })], target, at)).toBeUndefined();
    }
    expect(
      exemptionFor([exemption({})], target, '2026-06-01T00:00:00Z'),
    ).toBeUndefined();
  });

  it('the entity exemption wins over a group one, then the nearest group, then the longest lasting', () => {
    const far = exemption({
      id: 'far',
      scope: { kind: 'group', groupRef: 'group:default/commerce' },
      expiresAt: null,
    });
    const near = exemption({
      id: 'near',
      scope: { kind: 'group', groupRef: 'group:default/payments-team' },
    });
    const nearLonger = exemption({
      ...near,
      id: 'near-longer',
      expiresAt: '2026-09-01T00:00:00Z',
    });
    const own = exemption({ id: 'own' });
    expect(exemptionFor([far, near, own], target, at)?.id).toBe('own');
    expect(exemptionFor([far, near], target, at)?.id).toBe('near');
    expect(exemptionFor([near, nearLonger, far], target, at)?.id).toBe(
      'near-longer',
    );
    // Once the near ones expire, the farther group's (no expiry) still applies.
    expect(
      exemptionFor([near, nearLonger, far], target, '2026-10-01T00:00:00Z')?.id,
    ).toBe('far');
  });
});
