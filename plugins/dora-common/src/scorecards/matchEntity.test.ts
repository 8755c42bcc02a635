import {
  FilterableEntity,
  matchesFilter,
  normalizeGroupRef,
} from './matchEntity';

const service: FilterableEntity = {
  kind: 'Component',
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  metadata: { tags: ['java', 'pci'] },
};
// The owner and its ancestors, as the caller resolves them from the catalog.
const chain = [
  'group:default/payments',
  'group:default/finance',
  'group:default/company',
];

describe('matchesFilter', () => {
  it('matches everything with no filter or an empty one', () => {
    expect(matchesFilter(undefined, service, chain)).toBe(true);
    expect(matchesFilter({}, service, chain)).toBe(true);
    expect(matchesFilter({ kinds: [], tags: [] }, service, chain)).toBe(true);
  });

  it('matches kinds, types and lifecycles case-insensitively', () => {
    expect(matchesFilter({ kinds: ['component'] }, service, chain)).toBe(true);
    expect(matchesFilter({ kinds: ['API', 'System'] }, service, chain)).toBe(
      false,
    );
    expect(matchesFilter({ types: ['Service'] }, service, chain)).toBe(true);
    expect(matchesFilter({ types: ['website'] }, service, chain)).toBe(false);
    expect(
      matchesFilter(
        { lifecycles: ['experimental', 'PRODUCTION'] },
        service,
        chain,
      ),
    ).toBe(true);
    expect(matchesFilter({ lifecycles: ['deprecated'] }, service, chain)).toBe(
      false,
    );
  });

  it('does not match a type or lifecycle criterion when the entity has none', () => {
    const bare: FilterableEntity = { kind: 'Component', metadata: {} };
    expect(matchesFilter({ types: ['service'] }, bare, [])).toBe(false);
    expect(matchesFilter({ lifecycles: ['production'] }, bare, [])).toBe(false);
    expect(matchesFilter({ tags: ['java'] }, bare, [])).toBe(false);
  });

  it('matches when the entity carries any of the tags', () => {
    expect(matchesFilter({ tags: ['go', 'pci'] }, service, chain)).toBe(true);
    expect(matchesFilter({ tags: ['go', 'python'] }, service, chain)).toBe(
      false,
    );
  });

  it('matches an owner group itself', () => {
    expect(
      matchesFilter({ owners: ['group:default/payments'] }, service, chain),
    ).toBe(true);
  });

  it("matches through the owner's ancestors: a group includes its descendant teams", () => {
    expect(matchesFilter({ owners: ['finance'] }, service, chain)).toBe(true);
    expect(
      matchesFilter({ owners: ['Group:default/Company'] }, service, chain),
    ).toBe(true);
    expect(
      matchesFilter({ owners: ['group:default/platform'] }, service, chain),
    ).toBe(false);
  });

  it('does not match a descendant of the owner, nor an owner not in the chain', () => {
    // payments-backend is a child team of payments, not an ancestor.
    expect(
      matchesFilter({ owners: ['group:default/payments-backend'] }, service, [
        'group:default/payments',
      ]),
    ).toBe(false);
    expect(matchesFilter({ owners: ['finance'] }, service, [])).toBe(false);
  });

  it("always considers spec.owner itself, even when the caller's chain leaves it out", () => {
    expect(matchesFilter({ owners: ['payments'] }, service, [])).toBe(true);
  });

  it('requires every given criterion to hold', () => {
    const filter = {
      kinds: ['component'],
      types: ['service'],
      lifecycles: ['production'],
      tags: ['pci'],
      owners: ['group:default/finance'],
    };
    expect(matchesFilter(filter, service, chain)).toBe(true);
    expect(matchesFilter({ ...filter, tags: ['go'] }, service, chain)).toBe(
      false,
    );
    expect(
      matchesFilter({ ...filter, owners: ['platform'] }, service, chain),
    ).toBe(false);
    expect(matchesFilter({ ...filter, kinds: ['api'] }, service, chain)).toBe(
      false,
    );
  });
});

describe('normalizeGroupRef', () => {
  it('fills in the group kind and default namespace, lower-cased', () => {
    expect(normalizeGroupRef('Team-A')).toBe('group:default/team-a');
    expect(normalizeGroupRef('ops/SRE')).toBe('group:ops/sre');
    expect(normalizeGroupRef('group:ops/sre')).toBe('group:ops/sre');
    expect(normalizeGroupRef('user:jane')).toBe('user:default/jane');
  });
});
