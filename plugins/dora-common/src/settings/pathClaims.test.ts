import { attributeChange, claimCovers, parseClaimedPaths } from './pathClaims';

describe('parseClaimedPaths (dora/paths: comma- or newline-separated globs)', () => {
  it('splits on commas and newlines and drops blanks', () => {
    expect(parseClaimedPaths('services/a/**, libs/a\n\n docs/*.md ,')).toEqual([
      'services/a/**',
      'libs/a',
      'docs/*.md',
    ]);
  });

  it('reads no annotation, or one with only blanks, as no claim', () => {
    expect(parseClaimedPaths(undefined)).toBeNull();
    expect(parseClaimedPaths(' , \n')).toBeNull();
  });
});

describe('claimCovers (a claimed glob against a touched path)', () => {
  it('a plain directory claim covers the path and everything below it, not its neighbours', () => {
    expect(claimCovers('services/payments', 'services/payments')).toBe(true);
    expect(claimCovers('services/payments', 'services/payments/a/b.ts')).toBe(
      true,
    );
    expect(claimCovers('services/payments/', 'services/payments/x.ts')).toBe(
      true,
    );
    expect(claimCovers('services/payments', 'services/payments-v2/x.ts')).toBe(
      false,
    );
    expect(claimCovers('services/payments', 'services/orders/x.ts')).toBe(
      false,
    );
  });

  it('`*` matches within one directory level only', () => {
    expect(claimCovers('docs/*.md', 'docs/intro.md')).toBe(true);
    expect(claimCovers('docs/*.md', 'docs/guides/intro.md')).toBe(false);
    expect(claimCovers('services/*/api', 'services/pay/api')).toBe(true);
  });

  it('`**` matches any number of directories, including none', () => {
    expect(
      claimCovers('services/payments/**', 'services/payments/a/b/c.ts'),
    ).toBe(true);
    expect(claimCovers('**/*.proto', 'api.proto')).toBe(true);
    expect(claimCovers('**/*.proto', 'a/b/api.proto')).toBe(true);
    expect(claimCovers('libs/**/test', 'libs/test')).toBe(true);
    expect(claimCovers('libs/**/test', 'libs/x/y/test')).toBe(true);
    expect(claimCovers('services/payments/**', 'services/orders/a.ts')).toBe(
      false,
    );
  });

  it('leading `./` and `/` are ignored on both sides', () => {
    expect(claimCovers('./services/payments', '/services/payments/a.ts')).toBe(
      true,
    );
  });

  it('a touched directory entry (`dir/`) matches claims below it or above it', () => {
    // A very large change records only its top-level directories.
    expect(claimCovers('services/payments/**', 'services/')).toBe(true);
    expect(claimCovers('services/payments', 'services/')).toBe(true);
    expect(claimCovers('services', 'services/payments/')).toBe(true);
    expect(claimCovers('services/payments/**', 'services/payments/')).toBe(
      true,
    );
    expect(claimCovers('services/payments', 'services/orders/')).toBe(false);
    expect(claimCovers('services/payments/**', 'libs/')).toBe(false);
  });

  it('an empty claim or an empty path covers nothing', () => {
    expect(claimCovers('', 'a.ts')).toBe(false);
    expect(claimCovers('a', '/')).toBe(false);
  });
});

describe('attributeChange (the entities a change of a repository belongs to)', () => {
  const payments = {
    entityRef: 'component:default/Payments',
    paths: ['services/payments/**'],
  };
  const orders = {
    entityRef: 'component:default/orders',
    paths: ['services/orders'],
  };
  const platform = { entityRef: 'component:default/platform', paths: null };

  it('gives the change to every entity whose claimed paths it touched (lower-cased, sorted)', () => {
    expect(
      attributeChange(
        ['services/payments/a.ts', 'services/orders/b.ts'],
        [platform, payments, orders],
      ),
    ).toEqual({
      entityRefs: ['component:default/orders', 'component:default/payments'],
      rule: 'paths',
    });
    expect(
      attributeChange(['services/orders/b.ts'], [platform, payments, orders]),
    ).toEqual({ entityRefs: ['component:default/orders'], rule: 'paths' });
  });

  it('a change that touched no claimed path, or recorded no paths, goes to the default entity', () => {
    expect(attributeChange(['README.md'], [platform, payments])).toEqual({
      entityRefs: ['component:default/platform'],
      rule: 'default',
    });
    expect(attributeChange(undefined, [platform, payments])).toEqual({
      entityRefs: ['component:default/platform'],
      rule: 'default',
    });
  });

  it('with claims and no default entity, an unclaimed change goes nowhere', () => {
    expect(attributeChange(['README.md'], [payments, orders])).toEqual({
      entityRefs: [],
      rule: 'default',
    });
  });

  it('with claims and several defaults, an unclaimed change goes nowhere (no entity to choose)', () => {
    const other = { entityRef: 'component:default/other', paths: null };
    expect(attributeChange(['README.md'], [platform, other, payments])).toEqual(
      { entityRefs: [], rule: 'default' },
    );
  });

  it('with no claims in the repository, its entities without claims (several are for the caller to refuse)', () => {
    expect(attributeChange(['a.ts'], [platform])).toEqual({
      entityRefs: ['component:default/platform'],
      rule: 'repository',
    });
    const other = { entityRef: 'component:default/other', paths: null };
    expect(attributeChange(['a.ts'], [platform, other])).toEqual({
      entityRefs: ['component:default/other', 'component:default/platform'],
      rule: 'repository',
    });
    expect(attributeChange(['a.ts'], [])).toEqual({
      entityRefs: [],
      rule: 'repository',
    });
  });
});
