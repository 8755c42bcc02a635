import {
  NamePattern,
  firstMatch,
  parseNamePattern,
  parseNamePatterns,
  splitPatternList,
} from './namePatterns';

const pattern = (text: string, options?: { ignoreCase?: boolean }) => {
  const parsed = parseNamePattern(text, options);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('parseNamePattern', () => {
  it('matches an exact name exactly (no prefix, no case folding)', () => {
    const p = pattern(' production ');
    expect(p.text).toBe('production');
    expect(p.matches('production')).toBe(true);
    expect(p.matches('production-eu')).toBe(false);
    expect(p.matches('Production')).toBe(false);
  });

  it('folds case for an exact name when asked', () => {
    expect(pattern('Renovate', { ignoreCase: true }).matches('renovate')).toBe(
      true,
    );
  });

  it('reads * as any run of characters and ? as one, anchored at both ends', () => {
    const star = pattern('prod*');
    expect(star.matches('prod')).toBe(true);
    expect(star.matches('prod-eu-1')).toBe(true);
    expect(star.matches('preprod')).toBe(false);
    const one = pattern('prod-?');
    expect(one.matches('prod-1')).toBe(true);
    expect(one.matches('prod-12')).toBe(false);
  });

  it('takes every other character of a glob literally', () => {
    const p = pattern('prod.eu+(1)*');
    expect(p.matches('prod.eu+(1)-a')).toBe(true);
    expect(p.matches('prodXeu+(1)')).toBe(false);
    expect(p.matches('prod.euu(1)')).toBe(false);
  });

  it('reads /regex/ as a regular expression, unanchored unless written so', () => {
    const anchored = pattern('/^prod-[a-z]+-\\d$/');
    expect(anchored.matches('prod-eu-1')).toBe(true);
    expect(anchored.matches('prod-eu-12')).toBe(false);
    expect(pattern('/canary/').matches('production-canary')).toBe(true);
  });

  it('allows the i flag on a regex', () => {
    expect(pattern('/^prod$/i').matches('PROD')).toBe(true);
    expect(pattern('/^prod$/').matches('PROD')).toBe(false);
  });

  it('folds case for globs and regexes when asked', () => {
    expect(pattern('prod*', { ignoreCase: true }).matches('PROD-1')).toBe(true);
    expect(pattern('/^prod$/', { ignoreCase: true }).matches('Prod')).toBe(
      true,
    );
  });

  it('says why a text is not a pattern', () => {
    expect(parseNamePattern('  ')).toBe('is empty');
    expect(parseNamePattern('/prod/g')).toMatch(/only i is allowed/);
    expect(parseNamePattern('/prod(/')).toMatch(/is not a regular expression/);
  });

  it('gives the same answer on every call (no state kept between tests)', () => {
    const p = pattern('/prod/i');
    expect([p.matches('prod'), p.matches('prod'), p.matches('prod')]).toEqual([
      true,
      true,
      true,
    ]);
  });
});

describe('splitPatternList', () => {
  it('splits on commas and trims, dropping empty entries', () => {
    expect(splitPatternList(' prod , production-eu,, ')).toEqual([
      'prod',
      'production-eu',
    ]);
  });

  it('keeps a comma inside a /regex/ with its pattern', () => {
    expect(splitPatternList('prod*,/^prod-\\d{1,2}$/, live')).toEqual([
      'prod*',
      '/^prod-\\d{1,2}$/',
      'live',
    ]);
  });

  it('keeps an escaped slash inside a regex', () => {
    expect(splitPatternList('/^a\\/b,c$/,d')).toEqual(['/^a\\/b,c$/', 'd']);
  });

  it('keeps the flags of a regex with it', () => {
    expect(splitPatternList('/^x,y$/i,z')).toEqual(['/^x,y$/i', 'z']);
  });

  it('reads a slash inside a name as part of the name', () => {
    expect(splitPatternList('team/prod,staging')).toEqual([
      'team/prod',
      'staging',
    ]);
  });
});

describe('parseNamePatterns', () => {
  it('keeps the patterns and reports each entry that is not one', () => {
    const { patterns, problems } = parseNamePatterns(['prod*', '/(/', '']);
    expect(patterns.map(p => p.text)).toEqual(['prod*']);
    expect(problems).toEqual([
      expect.stringMatching(/^"\/\(\/" is not a regular expression/),
      '"" is empty',
    ]);
  });
});

describe('firstMatch', () => {
  it('gives the first pattern of the list that matches, else null', () => {
    const patterns: NamePattern[] = ['production', 'prod*', '/^prod/'].map(t =>
      pattern(t),
    );
    expect(firstMatch('production', patterns)?.text).toBe('production');
    expect(firstMatch('prod-eu', patterns)?.text).toBe('prod*');
    expect(firstMatch('staging', patterns)).toBeNull();
  });
});
