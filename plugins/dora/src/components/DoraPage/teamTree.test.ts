import { orderByTree } from './teamTree';

describe('orderByTree', () => {
  it('puts every sub-team right under its parent, depth first, by title', () => {
    const ordered = orderByTree([
      { id: 'fraud', title: 'Fraud', parentId: 'payments' },
      { id: 'platform', title: 'Platform', parentId: 'acme' },
      { id: 'payments', title: 'Payments', parentId: 'commerce' },
      { id: 'acme', title: 'Acme' },
      { id: 'commerce', title: 'Commerce', parentId: 'acme' },
      { id: 'checkout', title: 'Checkout', parentId: 'commerce' },
    ]);
    expect(ordered.map(t => `${t.depth}:${t.id}`)).toEqual([
      '0:acme',
      '1:commerce',
      '2:checkout',
      '2:payments',
      '3:fraud',
      '1:platform',
    ]);
  });

  it('starts a tree for a team whose parent is not listed', () => {
    const ordered = orderByTree([
      { id: 'b', title: 'B', parentId: 'missing' },
      { id: 'a', title: 'A' },
    ]);
    expect(ordered.map(t => `${t.depth}:${t.id}`)).toEqual(['0:a', '0:b']);
  });
});
