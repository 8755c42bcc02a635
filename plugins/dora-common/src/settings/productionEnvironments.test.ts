import {
  productionEnvironmentsAmong,
  productionMatcher,
  pullRequestModeEnvironment,
} from './productionEnvironments';

describe('productionMatcher', () => {
  const rules = ['production', 'prod*', '/^live-[a-z]+-\\d$/'];

  it('names the first rule that makes an environment production', () => {
    const matcher = productionMatcher(rules);
    expect(matcher('production')).toBe('production');
    expect(matcher('prod-eu-1')).toBe('prod*');
    expect(matcher('live-us-2')).toBe('/^live-[a-z]+-\\d$/');
  });

  it('gives null when no rule matches (staging never counts)', () => {
    const matcher = productionMatcher(rules);
    expect(matcher('staging')).toBeNull();
    expect(matcher('preprod')).toBeNull();
    expect(matcher('live-us-22')).toBeNull();
  });

  it('ignores an entry that is not a pattern rather than throwing', () => {
    expect(productionMatcher(['/(/', 'production'])('production')).toBe(
      'production',
    );
  });
});

describe('productionEnvironmentsAmong', () => {
  it('keeps the seen environments the rules match, in order', () => {
    expect(
      productionEnvironmentsAmong(
        ['prod*', '/canary$/'],
        ['staging', 'prod-eu-1', 'production-canary', 'preprod', 'prod'],
      ),
    ).toEqual(['prod-eu-1', 'production-canary', 'prod']);
  });

  it('gives none when nothing matches', () => {
    expect(productionEnvironmentsAmong(['production'], ['staging'])).toEqual(
      [],
    );
  });
});

describe('pullRequestModeEnvironment', () => {
  it('names merges after the first plain name among the rules', () => {
    expect(pullRequestModeEnvironment(['prod*', 'live', 'production'])).toBe(
      'live',
    );
  });

  it('falls back to production when every rule is a pattern', () => {
    expect(pullRequestModeEnvironment(['prod*', '/^live-\\d$/'])).toBe(
      'production',
    );
  });
});
