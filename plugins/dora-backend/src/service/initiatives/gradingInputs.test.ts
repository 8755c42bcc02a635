import { Exemption } from '@dora-metrics/plugin-dora-common';
import { FactState } from '../../database/FactStore';
import { gradingInputsOf } from './gradingInputs';

const state = (
  entityRef: string,
  generation: number,
  builtGeneration: number | null,
): FactState => ({
  entityRef,
  generation,
  builtGeneration,
  settingsKey: 'k',
  computedAt: 0,
});

const exemption = (status: Exemption['status']): Exemption => ({
  id: 'e1',
  scorecardId: 'weekly',
  ruleId: 'deploys',
  scope: { kind: 'entity', entityRef: 'component:default/a' },
  reason: 'r',
  expiresAt: null,
  status,
  requestedBy: 'user:default/x',
  requestedAt: '2026-12-01T00:00:00.000Z',
});

describe('gradingInputsOf (issue 16)', () => {
  const refs = ['component:default/a', 'component:default/b'];

  function inputs(states: FactState[], exemptions: Exemption[]) {
    return gradingInputsOf(
      { states: async () => new Map(states.map(s => [s.entityRef, s])) },
      { listExemptions: async () => exemptions },
    )('weekly', refs);
  }

  it('is undefined while an entity in scope has facts to rebuild', async () => {
    expect(
      await inputs([state(refs[0], 3, 2), state(refs[1], 1, 1)], []),
    ).toBeUndefined();
  });

  it('changes with new events of an entity and with an exemption decided, not otherwise', async () => {
    const base = await inputs([state(refs[0], 2, 2)], [exemption('pending')]);
    expect(base).toEqual(expect.any(String));
    expect(await inputs([state(refs[0], 2, 2)], [exemption('pending')])).toBe(
      base,
    );
    expect(
      await inputs([state(refs[0], 3, 3)], [exemption('pending')]),
    ).not.toBe(base);
    expect(
      await inputs([state(refs[0], 2, 2)], [exemption('approved')]),
    ).not.toBe(base);
    // b gets its first events.
    expect(
      await inputs(
        [state(refs[0], 2, 2), state(refs[1], 1, 1)],
        [exemption('pending')],
      ),
    ).not.toBe(base);
  });
});
