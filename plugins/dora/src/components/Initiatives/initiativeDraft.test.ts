import { parseInitiative } from '@dora-metrics/plugin-dora-common';
import { draftOf, inputOf } from './initiativeDraft';

describe('initiativeDraft', () => {
  it('gives back the scope it was opened with, tags included, so an edit drops nothing (issue 16)', () => {
    const parsed = parseInitiative({
      id: 'java-gold',
      title: 'Java services at gold',
      target: { scorecardId: 'delivery', level: 'gold' },
      scope: {
        owners: ['group:default/commerce'],
        kinds: ['Component'],
        types: ['service'],
        lifecycles: ['production'],
        tags: ['java', 'kotlin'],
      },
      targetShare: '80%',
      owner: 'group:default/commerce',
      startsAt: '2026-10-01T00:00:00Z',
      deadline: '2027-01-31T00:00:00Z',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const body = inputOf(draftOf(parsed.initiative));
    expect(body.scope).toEqual(parsed.initiative.scope);
  });
});
