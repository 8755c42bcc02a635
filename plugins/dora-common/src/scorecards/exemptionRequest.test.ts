import { newExemption } from './exemptionRequest';

const meta = { id: 'ex-7', by: 'user:default/ana', at: '2026-03-01T00:00:00Z' };
const request = {
  scorecardId: 'delivery',
  ruleId: 'lead-day',
  scope: { groupRef: 'Payments-Team' },
  reason: '  Migrating the pipeline  ',
  expiresAt: '2026-06-01T00:00:00Z',
};

describe('newExemption', () => {
  it('a request becomes a pending exemption, its group ref made full and lower-case', () => {
    expect(newExemption(request, meta)).toEqual({
      ok: true,
      exemption: {
        id: 'ex-7',
        scorecardId: 'delivery',
        ruleId: 'lead-day',
        scope: { kind: 'group', groupRef: 'group:default/payments-team' },
        reason: 'Migrating the pipeline',
        expiresAt: '2026-06-01T00:00:00Z',
        status: 'pending',
        requestedBy: 'user:default/ana',
        requestedAt: '2026-03-01T00:00:00Z',
      },
    });
  });

  it('refuses refs a database could not store the same way (NUL, lone surrogates)', () => {
    const result = newExemption(
      { ...request, ruleId: 'lead\u0000day', scope: { entityRef: 'a\ud800' } },
      meta,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'ruleId: must not contain NUL characters or unpaired UTF-16 surrogates',
      'scope.entityRef: must not contain NUL characters or unpaired UTF-16 surrogates',
    ]);
  });

  it('a request without expiry lasts until revoked', () => {
    const result = newExemption(
      {
        ...request,
        expiresAt: undefined,
        scope: { entityRef: 'component:default/Pay' },
      },
      meta,
    );
    expect(result.ok && result.exemption).toMatchObject({
      expiresAt: null,
      scope: { kind: 'entity', entityRef: 'component:default/pay' },
    });
  });

  it('a request cannot be born expired', () => {
    expect(
      newExemption({ ...request, expiresAt: '2026-03-01T00:00:00Z' }, meta),
    ).toEqual({
      ok: false,
      problems: [
        'expiresAt: 2026-03-01T00:00:00Z is not after the request (2026-03-01T00:00:00Z); leave it out for an exemption until revoked',
      ],
    });
  });

  it('says what is missing or wrong, with its path', () => {
    const result = newExemption(
      { ...request, reason: ' ', scope: { team: 'x' }, extra: 1 },
      meta,
    );
    expect(!result.ok && result.problems).toEqual([
      'scope: must be {"entityRef": "component:default/payments"} or {"groupRef": "group:default/payments-team"}',
      'reason: must say why the rule does not fit',
      'extra: is not a known field',
    ]);
  });
});
