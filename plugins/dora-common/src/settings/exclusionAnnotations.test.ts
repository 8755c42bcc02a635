import {
  ANNOTATION_EXCLUDED_DEPLOYMENTS,
  ANNOTATION_EXCLUDE_AUTHORS,
  ANNOTATION_EXCLUDE_BOTS,
  ANNOTATION_EXCLUDE_LABELS,
  ANNOTATION_EXCLUDE_TITLES,
} from './annotations';
import { NO_EXCLUSIONS } from './exclusions';
import { DEFAULT_SETTINGS, exclusionsOf, resolveSettings } from './settings';

const config = {
  authors: ['dependabot[bot]'],
  labels: ['dependencies'],
  titles: [],
  bots: false,
};

describe('exclusionsOf', () => {
  it('keeps the rules given when no exclusion annotation is present', () => {
    expect(exclusionsOf({}, config)).toEqual({ rules: config, problems: [] });
  });

  it('replaces each kind of rule an annotation names, and only that kind', () => {
    const { rules, problems } = exclusionsOf(
      {
        [ANNOTATION_EXCLUDE_AUTHORS]: 'renovate[bot], *-bot',
        [ANNOTATION_EXCLUDE_TITLES]: '/^chore/',
        [ANNOTATION_EXCLUDE_BOTS]: 'TRUE',
      },
      config,
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual({
      authors: ['renovate[bot]', '*-bot'],
      labels: ['dependencies'],
      titles: ['/^chore/'],
      bots: true,
    });
  });

  it('empties a kind with none', () => {
    expect(
      exclusionsOf({ [ANNOTATION_EXCLUDE_LABELS]: 'none' }, config).rules
        .labels,
    ).toEqual([]);
  });

  it('reports a pattern that does not parse and an unreadable bots flag, keeping the rest', () => {
    const { rules, problems } = exclusionsOf(
      {
        [ANNOTATION_EXCLUDE_AUTHORS]: '/[/,ci-bot',
        [ANNOTATION_EXCLUDE_BOTS]: 'maybe',
      },
      NO_EXCLUSIONS,
    );
    expect(rules.authors).toEqual(['ci-bot']);
    expect(rules.bots).toBe(false);
    expect(problems).toHaveLength(2);
  });
});

describe('dora/excluded-deployments', () => {
  it('reads count or skip (any case)', () => {
    expect(
      resolveSettings({ [ANNOTATION_EXCLUDED_DEPLOYMENTS]: ' Skip ' }).settings
        .excludedDeployments,
    ).toBe('skip');
    expect(
      resolveSettings({ [ANNOTATION_EXCLUDED_DEPLOYMENTS]: 'count' }).settings
        .excludedDeployments,
    ).toBe('count');
  });

  it('reports anything else and keeps the default', () => {
    const { settings, problems } = resolveSettings(
      { [ANNOTATION_EXCLUDED_DEPLOYMENTS]: 'drop' },
      { ...DEFAULT_SETTINGS, excludedDeployments: 'skip' },
    );
    expect(settings.excludedDeployments).toBe('skip');
    expect(problems).toEqual([
      'dora/excluded-deployments "drop" is not count or skip; using skip',
    ]);
  });
});
